import { and, assertEvent, assign, setup } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { createContext } from './context';
import type { SopContext, SopInput } from './context';
import type { SopEvent } from '@salur/libs/sop/events';
import { refusalReason } from './guards';
import { phaseMeta } from '@salur/libs/sop/steps';
import type { SopStateMeta } from '@salur/libs/sop/steps';

export type { SopComplaint, SopContext, SopDistribution, SopDocuments, SopInput } from './context';

/**
 * One kecamatan's allocation through the 17 steps of the SOP. Pure: no actors, no delays, no
 * I/O. The workflow drives it with `transition()` and runs the side effects itself.
 *
 * Every transition is guarded by `rulesAllow`, which runs the same rule checkEvent reports, so
 * the machine and the API can never disagree on what is allowed. The other guards only choose
 * between the ways forward once an event is allowed. State names are internal; the meta on each
 * atomic state is what the rest of the system sees (see sop-status.ts).
 */
export const sopMachine = setup({
  types: {
    context: {} as SopContext,
    events: {} as SopEvent,
    input: {} as SopInput,
    meta: {} as SopStateMeta,
  },
  guards: {
    rulesAllow: ({ context, event }) => refusalReason(context, event) === null,
    vervalFoundRejections: ({ event }) => event.type === 'VERVAL_COMPLETED' && event.rejected > 0,
    correctionsResubmitted: ({ event }) =>
      event.type === 'RESUBMIT_CORRECTIONS' && event.resubmitted > 0,
    inspectionPassedAll: ({ context, event }) =>
      event.type === 'INSPECT' && event.passedCount === context.packedThisRound,
    deliveryMatchesBast: ({ context, event }) =>
      (event.type === 'CONFIRM_DELIVERY' || event.type === 'RESOLVE_DISCREPANCY') &&
      event.deliveredCount === context.handedOver,
    distributionIsLast: ({ context, event }) =>
      event.type === 'RECORD_DISTRIBUTION' &&
      context.distributions.length + 1 === context.kelurahanCodes.length,
  },
  // Actions only note an event's facts in the context (`note*`); the activities that write
  // them to the database are `record*` (activities/), run by the workflow's effect table.
  actions: {
    noteQuotaLetter: assign(({ context, event }) => {
      assertEvent(event, 'SEND_QUOTA_LETTER');
      return { documents: { ...context.documents, quotaLetterNo: event.letterNo } };
    }),
    noteRequestLetter: assign(({ context, event }) => {
      assertEvent(event, 'SUBMIT_REQUEST_LETTER');
      const { letterNo: requestLetterNo, letterDate: requestLetterDate } = event;
      return { documents: { ...context.documents, requestLetterNo, requestLetterDate } };
    }),
    noteProposals: assign(({ context, event }) => {
      assertEvent(event, 'SUBMIT_PROPOSALS');
      return {
        documents: { ...context.documents, proposalBatchId: event.batchId },
        proposed: event.proposedCount,
        underReview: event.proposedCount,
      };
    }),
    noteVerval: assign(({ context, event }) => {
      assertEvent(event, 'VERVAL_COMPLETED');
      return {
        accepted: context.accepted + event.accepted,
        openRejections: event.rejected,
        underReview: 0,
        vervalRounds: context.vervalRounds + 1,
        vervalRunIds: [...context.vervalRunIds, event.vervalRunId],
      };
    }),
    noteCorrections: assign(({ context, event }) => {
      assertEvent(event, 'RESUBMIT_CORRECTIONS');
      return {
        underReview: event.resubmitted,
        openRejections: 0,
        withdrawn: context.withdrawn + event.withdrawn,
        correctionBatchIds: [...context.correctionBatchIds, event.batchId],
      };
    }),
    noteSkDraft: assign(({ context, event }) => {
      assertEvent(event, 'DRAFT_SK');
      return { documents: { ...context.documents, skDraftId: event.skDraftId } };
    }),
    noteSkRejection: assign(({ context, event }) => {
      assertEvent(event, 'REJECT_SK');
      return { skRejections: [...context.skRejections, { reason: event.reason }] };
    }),
    noteSkApproval: assign(({ context, event }) => {
      assertEvent(event, 'APPROVE_SK');
      return { documents: { ...context.documents, skNo: event.skNo } };
    }),
    noteBastBnba: assign(({ event }) => {
      assertEvent(event, 'PRINT_BAST_BNBA');
      return { kelurahanCodes: [...event.kelurahanCodes] };
    }),
    noteSpk: assign(({ context, event }) => {
      assertEvent(event, 'SIGN_SPK');
      const { spkNo, vendorId } = event;
      return { documents: { ...context.documents, spkNo, vendorId } };
    }),
    notePacking: assign(({ context, event }) => {
      assertEvent(event, 'REPORT_PACKING');
      return { packedThisRound: context.packedThisRound + event.packedCount };
    }),
    noteReadiness: assign(({ event }) => {
      assertEvent(event, 'COORDINATE_READINESS');
      return { readyDate: event.readyDate };
    }),
    noteInspection: assign(({ context, event }) => {
      assertEvent(event, 'INSPECT');
      return {
        inspected: context.inspected + event.inspectedCount,
        passedInspection: context.passedInspection + event.passedCount,
        // Passed parcels are kept; only the shortfall goes back to the vendor.
        packedThisRound: 0,
        inspectionIds: [...context.inspectionIds, event.inspectionId],
      };
    }),
    noteInspectionFailure: assign(({ context, event }) => {
      assertEvent(event, 'INSPECT');
      const shortfall = context.packedThisRound - event.passedCount;
      const failure = { shortfall, reason: event.reason ?? '' };
      return { inspectionFailures: [...context.inspectionFailures, failure] };
    }),
    noteHandover: assign(({ event }) => {
      assertEvent(event, 'HAND_OVER');
      return { handedOver: event.handedOverCount };
    }),
    noteSchedule: assign(({ event }) => {
      assertEvent(event, ['SCHEDULE_DELIVERY', 'RESCHEDULE_DELIVERY']);
      return { deliveryDate: event.deliveryDate };
    }),
    noteDelivery: assign(({ event }) => {
      assertEvent(event, ['CONFIRM_DELIVERY', 'RESOLVE_DISCREPANCY']);
      return { delivered: event.deliveredCount, discrepancy: undefined };
    }),
    noteDiscrepancy: assign(({ context, event }) => {
      assertEvent(event, ['CONFIRM_DELIVERY', 'RESOLVE_DISCREPANCY']);
      const discrepancy = { expected: context.handedOver, delivered: event.deliveredCount };
      return { delivered: event.deliveredCount, discrepancy };
    }),
    noteResolution: assign(({ context, event }) => {
      assertEvent(event, 'RESOLVE_DISCREPANCY');
      return { discrepancyResolutions: [...context.discrepancyResolutions, event.resolution] };
    }),
    noteDistribution: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_DISTRIBUTION');
      const { kelurahanCode, distributedCount, returnedCount } = event;
      // returnedCount only when sent, so events from before it leave the context as they did.
      const distribution =
        returnedCount === undefined
          ? { kelurahanCode, distributedCount }
          : { kelurahanCode, distributedCount, returnedCount };
      return { distributions: [...context.distributions, distribution] };
    }),
    noteComplaint: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_COMPLAINT');
      const { complaintId, needsAction } = event;
      return { complaints: [...context.complaints, { complaintId, needsAction }] };
    }),
    noteComplaintFollowUp: assign(({ context, event }) => {
      assertEvent(event, 'RESOLVE_COMPLAINT');
      const complaints = context.complaints.map((c) =>
        c.complaintId === event.complaintId ? { ...c, followUp: event.followUp } : c,
      );
      return { complaints };
    }),
    noteMonevSignOff: assign(({ context, event }) => {
      assertEvent(event, 'SIGN_OFF_MONEV');
      return { documents: { ...context.documents, monevReportNo: event.reportNo } };
    }),
    noteSignedBast: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_SIGNED_BAST');
      return { bastCollected: [...context.bastCollected, event.kelurahanCode] };
    }),
    noteCollection: assign(({ context, event }) => {
      assertEvent(event, 'COMPLETE_COLLECTION');
      return { documents: { ...context.documents, collectionRecapId: event.recapId } };
    }),
  },
}).createMachine({
  id: 'sop',
  context: ({ input }) => createContext(input),
  initial: 'quotaLetter',
  states: {
    quotaLetter: {
      meta: phaseMeta('quota-letter', ['SEND_QUOTA_LETTER']),
      on: {
        SEND_QUOTA_LETTER: {
          guard: 'rulesAllow',
          target: 'requestLetter',
          actions: 'noteQuotaLetter',
        },
      },
    },
    requestLetter: {
      meta: phaseMeta('request-letter', ['SUBMIT_REQUEST_LETTER']),
      on: {
        SUBMIT_REQUEST_LETTER: {
          guard: 'rulesAllow',
          target: 'proposalInput',
          actions: 'noteRequestLetter',
        },
      },
    },
    proposalInput: {
      meta: phaseMeta('proposal-input', ['SUBMIT_PROPOSALS']),
      on: {
        SUBMIT_PROPOSALS: { guard: 'rulesAllow', target: 'verval', actions: 'noteProposals' },
      },
    },
    verval: {
      initial: 'underReview',
      states: {
        underReview: {
          meta: phaseMeta('verval', ['VERVAL_COMPLETED']),
          on: {
            VERVAL_COMPLETED: [
              {
                guard: and(['rulesAllow', 'vervalFoundRejections']),
                target: 'returnedToKecamatan',
                actions: 'noteVerval',
              },
              { guard: 'rulesAllow', target: '#sop.sk', actions: 'noteVerval' },
            ],
          },
        },
        // Data failing the criteria go back to the kecamatan (SOP step 4, notes).
        returnedToKecamatan: {
          meta: phaseMeta('verval', ['RESUBMIT_CORRECTIONS'], 'verval.returned-to-kecamatan'),
          on: {
            RESUBMIT_CORRECTIONS: [
              {
                guard: and(['rulesAllow', 'correctionsResubmitted']),
                target: 'underReview',
                actions: 'noteCorrections',
              },
              { guard: 'rulesAllow', target: '#sop.sk', actions: 'noteCorrections' },
            ],
          },
        },
      },
    },
    sk: {
      initial: 'drafting',
      states: {
        drafting: {
          meta: phaseMeta('sk', ['DRAFT_SK'], 'sk.drafting'),
          on: {
            DRAFT_SK: { guard: 'rulesAllow', target: 'approval', actions: 'noteSkDraft' },
          },
        },
        approval: {
          meta: phaseMeta('sk', ['APPROVE_SK', 'REJECT_SK'], 'sk.approval'),
          on: {
            APPROVE_SK: {
              guard: 'rulesAllow',
              target: '#sop.bastBnba',
              actions: 'noteSkApproval',
            },
            REJECT_SK: { guard: 'rulesAllow', target: 'drafting', actions: 'noteSkRejection' },
          },
        },
      },
    },
    bastBnba: {
      meta: phaseMeta('bast-bnba', ['PRINT_BAST_BNBA']),
      on: {
        PRINT_BAST_BNBA: { guard: 'rulesAllow', target: 'contract', actions: 'noteBastBnba' },
      },
    },
    // Packing is only reachable through the signed SPK.
    contract: {
      meta: phaseMeta('contract', ['SIGN_SPK']),
      on: {
        SIGN_SPK: { guard: 'rulesAllow', target: 'packing', actions: 'noteSpk' },
      },
    },
    packing: {
      meta: phaseMeta('packing', ['REPORT_PACKING', 'DECLARE_PACKED']),
      on: {
        REPORT_PACKING: { guard: 'rulesAllow', actions: 'notePacking' },
        DECLARE_PACKED: { guard: 'rulesAllow', target: 'packed' },
      },
    },
    packed: {
      meta: phaseMeta('packed', ['COORDINATE_READINESS']),
      on: {
        COORDINATE_READINESS: {
          guard: 'rulesAllow',
          target: 'readiness',
          actions: 'noteReadiness',
        },
      },
    },
    readiness: {
      meta: phaseMeta('readiness', ['VENDOR_READY']),
      on: {
        VENDOR_READY: { guard: 'rulesAllow', target: 'inspection' },
      },
    },
    inspection: {
      meta: phaseMeta('inspection', ['INSPECT']),
      on: {
        INSPECT: [
          {
            guard: and(['rulesAllow', 'inspectionPassedAll']),
            target: 'handover',
            actions: 'noteInspection',
          },
          {
            // Short, wrong or damaged parcels: the shortfall is packed and inspected again.
            guard: 'rulesAllow',
            target: 'packing',
            actions: ['noteInspectionFailure', 'noteInspection'],
          },
        ],
      },
    },
    handover: {
      meta: phaseMeta('handover', ['HAND_OVER']),
      on: {
        HAND_OVER: { guard: 'rulesAllow', target: 'scheduling', actions: 'noteHandover' },
      },
    },
    scheduling: {
      meta: phaseMeta('scheduling', ['SCHEDULE_DELIVERY']),
      on: {
        SCHEDULE_DELIVERY: { guard: 'rulesAllow', target: 'delivery', actions: 'noteSchedule' },
      },
    },
    delivery: {
      initial: 'scheduled',
      states: {
        scheduled: {
          meta: phaseMeta('delivery', ['RESCHEDULE_DELIVERY', 'CONFIRM_DELIVERY']),
          on: {
            RESCHEDULE_DELIVERY: { guard: 'rulesAllow', actions: 'noteSchedule' },
            CONFIRM_DELIVERY: [
              {
                guard: and(['rulesAllow', 'deliveryMatchesBast']),
                target: '#sop.distribution',
                actions: 'noteDelivery',
              },
              { guard: 'rulesAllow', target: 'discrepancy', actions: 'noteDiscrepancy' },
            ],
          },
        },
        // Distribution waits until the delivered count matches the BAST.
        discrepancy: {
          meta: phaseMeta('delivery', ['RESOLVE_DISCREPANCY'], 'delivery.discrepancy'),
          on: {
            RESOLVE_DISCREPANCY: [
              {
                guard: and(['rulesAllow', 'deliveryMatchesBast']),
                target: '#sop.distribution',
                actions: ['noteResolution', 'noteDelivery'],
              },
              { guard: 'rulesAllow', actions: ['noteResolution', 'noteDiscrepancy'] },
            ],
          },
        },
      },
    },
    distribution: {
      meta: phaseMeta('distribution', ['RECORD_DISTRIBUTION']),
      on: {
        RECORD_DISTRIBUTION: [
          {
            guard: and(['rulesAllow', 'distributionIsLast']),
            target: 'monev',
            actions: 'noteDistribution',
          },
          { guard: 'rulesAllow', actions: 'noteDistribution' },
        ],
      },
    },
    monev: {
      meta: phaseMeta('monev', ['RECORD_COMPLAINT', 'RESOLVE_COMPLAINT', 'SIGN_OFF_MONEV']),
      on: {
        RECORD_COMPLAINT: { guard: 'rulesAllow', actions: 'noteComplaint' },
        RESOLVE_COMPLAINT: { guard: 'rulesAllow', actions: 'noteComplaintFollowUp' },
        SIGN_OFF_MONEV: {
          guard: 'rulesAllow',
          target: 'collection',
          actions: 'noteMonevSignOff',
        },
      },
    },
    // Monev is signed off by construction here: collection is only reachable through it.
    collection: {
      meta: phaseMeta('collection', ['RECORD_SIGNED_BAST', 'COMPLETE_COLLECTION']),
      on: {
        RECORD_SIGNED_BAST: { guard: 'rulesAllow', actions: 'noteSignedBast' },
        COMPLETE_COLLECTION: {
          guard: 'rulesAllow',
          target: 'completed',
          actions: 'noteCollection',
        },
      },
    },
    completed: {
      type: 'final',
      meta: phaseMeta('collection', [], 'completed'),
    },
  },
});

export type SopSnapshot = SnapshotFrom<typeof sopMachine>;
