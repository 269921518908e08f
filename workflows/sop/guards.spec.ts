import { createContext } from './context';
import type { SopContext } from './context';
import {
  complaintIsNew,
  complaintIsOpen,
  contractPeriodInOrder,
  correctionsAccountForRejections,
  deliveryDateChanged,
  deliveryDateFeasible,
  distributionBalances,
  everyBastCollected,
  handoverMatchesInspection,
  inspectionWithinPacked,
  kelurahanOfThisKecamatan,
  noOpenComplaints,
  packingCoversOrder,
  packingWithinOrder,
  proposalsNotEmpty,
  refusalReason,
  requestLetterAcknowledged,
  signedBastExpected,
  vervalAccountsForEveryone,
} from './guards';
import type { SopEvent, SopEventOf } from '@salur/libs/sop/events';
import { KECAMATAN, KELURAHAN, READY_DATE, sampleOf } from './sop.fixtures';

// The SOP's rules one by one, at their boundaries: what each lets through and the sentence it
// gives a person when it refuses. The machine specs show the same rules in a full run.

/** A context of a 100-parcel allocation with the given progress. */
const at = (progress: Partial<SopContext>): SopContext => ({
  ...createContext({ kecamatanCode: KECAMATAN, quota: 100 }),
  ...progress,
});

const event = <T extends SopEvent['type']>(
  type: T,
  fields: Omit<SopEventOf<T>, 'type'>,
): SopEventOf<T> => ({ ...sampleOf(type), ...fields });

describe('steps 2 and 3: the request letter and the proposals', () => {
  it('takes a request letter only once the Camat has acknowledged it', () => {
    const letter = sampleOf('SUBMIT_REQUEST_LETTER');
    expect(requestLetterAcknowledged(at({}), letter)).toBeNull();
    expect(requestLetterAcknowledged(at({}), { ...letter, acknowledgedByCamat: false })).toBe(
      'request letter KEC/460/77 must be acknowledged by the Camat before it is submitted',
    );
  });

  it('takes a batch of one proposed recipient, but not an empty one', () => {
    const proposals = sampleOf('SUBMIT_PROPOSALS');
    expect(proposalsNotEmpty(at({}), { ...proposals, proposedCount: 1 })).toBeNull();
    expect(proposalsNotEmpty(at({}), { ...proposals, proposedCount: 0 })).toBe(
      'proposedCount must be at least 1',
    );
  });
});

describe('step 4: verval', () => {
  const round2 = at({ proposed: 110, accepted: 90, underReview: 15, vervalRunIds: ['vv-1'] });
  const verval = (accepted: number, rejected: number, vervalRunId = 'vv-2') =>
    event('VERVAL_COMPLETED', { vervalRunId, accepted, rejected });

  it('accepts up to the quota exactly, and not one recipient more', () => {
    expect(vervalAccountsForEveryone(round2, verval(10, 5))).toBeNull();
    expect(vervalAccountsForEveryone(round2, verval(11, 4))).toBe(
      'accepting 11 would bring accepted to 101, above the quota of 100',
    );
  });

  it('must account for every person under review, in a sentence that counts them', () => {
    expect(vervalAccountsForEveryone(round2, verval(10, 4))).toBe(
      'accepted 10 + rejected 4 = 14 does not match the 15 persons under review',
    );
    const one = at({ proposed: 1, underReview: 1 });
    expect(vervalAccountsForEveryone(one, verval(1, 1))).toBe(
      'accepted 1 + rejected 1 = 2 does not match the 1 person under review',
    );
    expect(vervalAccountsForEveryone(one, verval(0, 1))).toBeNull();
  });

  it('records a verval run once', () => {
    expect(vervalAccountsForEveryone(round2, verval(10, 5, 'vv-1'))).toBe(
      'verval run vv-1 was already recorded',
    );
  });
});

describe('step 4: corrections returned by the kecamatan', () => {
  const returned = at({
    documents: { proposalBatchId: 'usulan-1' },
    proposed: 10,
    accepted: 7,
    openRejections: 3,
    correctionBatchIds: ['fix-1'],
  });
  const corrections = (resubmitted: number, withdrawn: number, batchId = 'fix-2') =>
    event('RESUBMIT_CORRECTIONS', { batchId, resubmitted, withdrawn });

  it('refuses a batch id already used, by the proposals or by an earlier correction', () => {
    expect(correctionsAccountForRejections(returned, corrections(3, 0, 'usulan-1'))).toBe(
      'batch usulan-1 was already submitted',
    );
    expect(correctionsAccountForRejections(returned, corrections(3, 0, 'fix-1'))).toBe(
      'batch fix-1 was already submitted',
    );
    expect(correctionsAccountForRejections(returned, corrections(3, 0))).toBeNull();
  });

  it('must answer for every rejected person, resubmitted or withdrawn', () => {
    expect(correctionsAccountForRejections(returned, corrections(1, 1))).toBe(
      'resubmitted 1 + withdrawn 1 = 2 does not match the 3 rejected persons returned to the kecamatan',
    );
    const one = at({ proposed: 2, accepted: 1, openRejections: 1 });
    expect(correctionsAccountForRejections(one, corrections(0, 0))).toBe(
      'resubmitted 0 + withdrawn 0 = 0 does not match the 1 rejected person returned to the kecamatan',
    );
    expect(correctionsAccountForRejections(one, corrections(0, 1))).toBeNull();
  });

  it('lets the kecamatan withdraw everyone left only when someone is already accepted', () => {
    expect(correctionsAccountForRejections(returned, corrections(0, 3))).toBeNull();
    const noneAccepted = { ...returned, accepted: 0, proposed: 3 };
    expect(correctionsAccountForRejections(noneAccepted, corrections(0, 3))).toBe(
      'withdrawing everyone would leave no accepted recipients; resubmit at least one correction',
    );
    expect(correctionsAccountForRejections(noneAccepted, corrections(1, 2))).toBeNull();
  });
});

describe('step 6: the BAST and BNBA lists', () => {
  it('names every kelurahan outside the kecamatan', () => {
    const lists = (kelurahanCodes: string[]) => event('PRINT_BAST_BNBA', { kelurahanCodes });
    expect(kelurahanOfThisKecamatan(at({}), lists([...KELURAHAN]))).toBeNull();
    expect(
      kelurahanOfThisKecamatan(at({}), lists(['33.74.02.1001', KELURAHAN[0], '33.74.03.1002'])),
    ).toBe('kelurahan 33.74.02.1001, 33.74.03.1002 not in kecamatan 33.74.01');
  });
});

describe('steps 8 and 9: packing per ordered quantity', () => {
  const pack = (packedCount: number) => event('REPORT_PACKING', { packedCount });
  const packing = at({ accepted: 100, packedThisRound: 99 });

  it('takes parts of any size from one parcel up to exactly the ordered quantity', () => {
    expect(packingWithinOrder(at({ accepted: 100 }), pack(1))).toBeNull();
    expect(packingWithinOrder(packing, pack(1))).toBeNull();
    expect(packingWithinOrder(packing, pack(2))).toBe(
      'packing 2 more would bring packed to 101, above the 100 parcels ordered',
    );
    expect(packingWithinOrder(packing, pack(0))).toBe('packedCount must be at least 1');
  });

  it('orders only what has not passed inspection yet', () => {
    const reorder = at({ accepted: 100, inspected: 100, passedInspection: 99 });
    expect(packingWithinOrder(reorder, pack(1))).toBeNull();
    expect(packingWithinOrder(reorder, pack(2))).toBe(
      'packing 2 more would bring packed to 2, above the 1 parcel ordered',
    );
  });

  it('declares packed only when the whole order is packed', () => {
    const declare = sampleOf('DECLARE_PACKED');
    expect(packingCoversOrder(at({ accepted: 100, packedThisRound: 100 }), declare)).toBeNull();
    expect(packingCoversOrder(packing, declare)).toBe(
      'packedCount 99 is less than the 100 parcels ordered',
    );
    const reorder = at({ accepted: 100, inspected: 100, passedInspection: 99 });
    expect(packingCoversOrder(reorder, declare)).toBe(
      'packedCount 0 is less than the 1 parcel ordered',
    );
  });
});

describe('step 11: inspection', () => {
  const packed = at({ accepted: 100, packedThisRound: 100, inspectionIds: ['insp-1'] });
  const inspect = (inspectedCount: number, passedCount: number, reason?: string) =>
    event('INSPECT', {
      inspectionId: 'insp-2',
      inspectedCount,
      passedCount,
      ...(reason === undefined ? {} : { reason }),
    });

  it('passes a full inspection without a reason', () => {
    expect(inspectionWithinPacked(packed, inspect(100, 100))).toBeNull();
  });

  it('needs a reason for every parcel short of the packed quantity, inspected or not', () => {
    expect(inspectionWithinPacked(packed, inspect(100, 92))).toBe(
      'a reason is required when 8 of 100 parcels fail inspection',
    );
    expect(inspectionWithinPacked(packed, inspect(90, 90))).toBe(
      'a reason is required when 10 of 100 parcels fail inspection',
    );
    expect(inspectionWithinPacked(packed, inspect(90, 90, '10 parcels missing'))).toBeNull();
  });

  it('cannot inspect more than was packed nor pass more than was inspected', () => {
    expect(inspectionWithinPacked(packed, inspect(101, 100))).toBe(
      'inspectedCount 101 is more than the 100 parcels packed',
    );
    const one = at({ accepted: 1, packedThisRound: 1 });
    expect(inspectionWithinPacked(one, inspect(2, 1))).toBe(
      'inspectedCount 2 is more than the 1 parcel packed',
    );
    expect(inspectionWithinPacked(packed, inspect(90, 91, 'recount'))).toBe(
      'passedCount 91 is more than the 90 inspected',
    );
  });

  it('records an inspection once', () => {
    expect(inspectionWithinPacked(packed, { ...inspect(100, 100), inspectionId: 'insp-1' })).toBe(
      'inspection insp-1 was already recorded',
    );
  });
});

describe('step 12: handover', () => {
  it('hands over exactly the parcels that passed inspection', () => {
    const handOver = (handedOverCount: number) => event('HAND_OVER', { handedOverCount });
    expect(handoverMatchesInspection(at({ passedInspection: 100 }), handOver(100))).toBeNull();
    expect(handoverMatchesInspection(at({ passedInspection: 1 }), handOver(0))).toBe(
      'handedOverCount 0 does not match the 1 parcel that passed inspection',
    );
  });
});

describe('steps 13 and 14: the delivery date', () => {
  const ready = at({ readyDate: READY_DATE });

  it('may be the vendor ready date itself, never a day before', () => {
    const schedule = (deliveryDate: string) => event('SCHEDULE_DELIVERY', { deliveryDate });
    expect(deliveryDateFeasible(ready, schedule(READY_DATE))).toBeNull();
    expect(deliveryDateFeasible(ready, schedule('2021-07-19'))).toBe(
      "deliveryDate 2021-07-19 is before the vendor's ready date 2021-07-20",
    );
  });

  it('moves, when rescheduled, to a new date that is still not before the ready date', () => {
    const scheduled = { ...ready, deliveryDate: '2021-07-24' };
    const reschedule = (deliveryDate: string) => event('RESCHEDULE_DELIVERY', { deliveryDate });
    expect(deliveryDateChanged(scheduled, reschedule(READY_DATE))).toBeNull();
    expect(deliveryDateChanged(scheduled, reschedule('2021-07-19'))).toBe(
      "deliveryDate 2021-07-19 is before the vendor's ready date 2021-07-20",
    );
    expect(deliveryDateChanged(scheduled, reschedule('2021-07-24'))).toBe(
      'delivery is already scheduled for 2021-07-24',
    );
  });
});

describe('step 15: distribution to the kelurahan', () => {
  const delivered = at({ kelurahanCodes: [...KELURAHAN], delivered: 100 });
  const distribute = (kelurahanCode: string, distributedCount: number) =>
    event('RECORD_DISTRIBUTION', { kelurahanCode, distributedCount });

  it('lets one kelurahan take every delivered parcel, and not one more', () => {
    expect(distributionBalances(delivered, distribute(KELURAHAN[0], 100))).toBeNull();
    expect(distributionBalances(delivered, distribute(KELURAHAN[0], 101))).toBe(
      'distributing 101 would bring the total to 101, above the 100 delivered',
    );
  });

  it('leaves parcels for later kelurahan, but the last one must bring the total to delivered', () => {
    const first = {
      ...delivered,
      distributions: [{ kelurahanCode: KELURAHAN[0], distributedCount: 40 }],
    };
    expect(distributionBalances(first, distribute(KELURAHAN[1], 10))).toBeNull();
    const second = {
      ...first,
      distributions: [
        ...first.distributions,
        { kelurahanCode: KELURAHAN[1], distributedCount: 10 },
      ],
    };
    expect(distributionBalances(second, distribute(KELURAHAN[2], 49))).toBe(
      '33.74.01.1003 is the last kelurahan, but the total would be 99 of the 100 delivered; ' +
        'every delivered parcel must be distributed',
    );
    expect(distributionBalances(second, distribute(KELURAHAN[2], 50))).toBeNull();
  });

  it('counts parcels returned with a reason towards the delivered total', () => {
    const returning = (kelurahanCode: string, distributedCount: number, returnedCount: number) =>
      event('RECORD_DISTRIBUTION', { kelurahanCode, distributedCount, returnedCount });
    const first = {
      ...delivered,
      distributions: [{ kelurahanCode: KELURAHAN[0], distributedCount: 38, returnedCount: 2 }],
    };
    expect(distributionBalances(delivered, returning(KELURAHAN[0], 98, 3))).toBe(
      'distributing 98 and returning 3 would bring the total to 101, above the 100 delivered',
    );
    const second = {
      ...first,
      distributions: [
        ...first.distributions,
        { kelurahanCode: KELURAHAN[1], distributedCount: 10 },
      ],
    };
    expect(distributionBalances(second, returning(KELURAHAN[2], 49, 0))).toBe(
      '33.74.01.1003 is the last kelurahan, but the total would be 99 of the 100 delivered; ' +
        'every delivered parcel must be distributed or returned',
    );
    expect(distributionBalances(second, returning(KELURAHAN[2], 49, 1))).toBeNull();
    expect(distributionBalances(second, distribute(KELURAHAN[2], 50))).toBeNull();
  });
});

describe('step 16: monev complaints', () => {
  const complaints = at({
    complaints: [
      { complaintId: 'aduan-1', needsAction: true },
      { complaintId: 'aduan-2', needsAction: false },
      { complaintId: 'aduan-3', needsAction: true },
      { complaintId: 'aduan-4', needsAction: true, followUp: 'parcel replaced' },
    ],
  });
  const signOff = sampleOf('SIGN_OFF_MONEV');

  it('blocks the sign-off naming every complaint that still needs follow-up', () => {
    expect(noOpenComplaints(complaints, signOff)).toBe(
      '2 complaints still need follow-up: aduan-1, aduan-3',
    );
    expect(noOpenComplaints(at({}), signOff)).toBeNull();
  });

  it('follows up only complaints that need action and have none yet', () => {
    const resolve = (complaintId: string) =>
      event('RESOLVE_COMPLAINT', { complaintId, followUp: 'visited the KPM' });
    expect(complaintIsOpen(complaints, resolve('aduan-3'))).toBeNull();
    for (const closed of ['aduan-2', 'aduan-4', 'aduan-9']) {
      expect(complaintIsOpen(complaints, resolve(closed))).toBe(
        `complaint ${closed} is not an open complaint needing action`,
      );
    }
  });
});

describe('step 16: where a complaint arose', () => {
  const listed = at({ kelurahanCodes: [KELURAHAN[0], KELURAHAN[1]] });
  const complaint = (kelurahanCode: string) =>
    event('RECORD_COMPLAINT', { ...sampleOf('RECORD_COMPLAINT'), kelurahanCode });

  it('takes a complaint from a kelurahan that received parcels, naming any other', () => {
    expect(complaintIsNew(listed, complaint(KELURAHAN[1]))).toBeNull();
    expect(complaintIsNew(listed, complaint(KELURAHAN[2]))).toBe(
      `kelurahan ${KELURAHAN[2]} is not on the BAST/BNBA lists printed at step 6`,
    );
    expect(complaintIsNew(listed, complaint('33.74.02.1001'))).toBe(
      `kelurahan 33.74.02.1001 is not in kecamatan ${KECAMATAN}`,
    );
  });

  it('reads a complaint recorded before it named its kelurahan as before', () => {
    const older: SopEventOf<'RECORD_COMPLAINT'> = {
      type: 'RECORD_COMPLAINT',
      complaintId: 'aduan-2020',
      needsAction: false,
    };
    expect(complaintIsNew(listed, older)).toBeNull();
  });
});

describe('step 7: the SPK period', () => {
  const spk = (startDate: string, endDate: string) =>
    event('SIGN_SPK', { ...sampleOf('SIGN_SPK'), startDate, endDate });

  it('runs forwards: it may end the day it starts, never before', () => {
    expect(contractPeriodInOrder(at({}), spk('2021-07-14', '2021-07-14'))).toBeNull();
    expect(contractPeriodInOrder(at({}), spk('2021-07-14', '2021-07-13'))).toBe(
      'the contract cannot end (endDate 2021-07-13) before it starts (startDate 2021-07-14)',
    );
  });
});

describe('step 17: the signed BAST and BNBA lists', () => {
  const collecting = at({ kelurahanCodes: [...KELURAHAN], bastCollected: [KELURAHAN[1]] });

  it('collects each printed kelurahan once', () => {
    const bast = (kelurahanCode: string) => event('RECORD_SIGNED_BAST', { kelurahanCode });
    expect(signedBastExpected(collecting, bast(KELURAHAN[0]))).toBeNull();
    expect(signedBastExpected(collecting, bast(KELURAHAN[1]))).toBe(
      'the signed BAST of kelurahan 33.74.01.1002 was already collected',
    );
    expect(signedBastExpected(collecting, bast('33.74.01.1009'))).toBe(
      'kelurahan 33.74.01.1009 is not on the BAST/BNBA lists printed at step 6',
    );
    expect(signedBastExpected(collecting, bast('33.74.02.1001'))).toBe(
      'kelurahan 33.74.02.1001 is not in kecamatan 33.74.01',
    );
  });

  it('completes only with every list in, naming those missing', () => {
    const complete = sampleOf('COMPLETE_COLLECTION');
    expect(everyBastCollected(collecting, complete)).toBe(
      'signed BAST and BNBA still missing for kelurahan 33.74.01.1001, 33.74.01.1003',
    );
    expect(
      everyBastCollected({ ...collecting, bastCollected: [...KELURAHAN] }, complete),
    ).toBeNull();
  });
});

describe('refusalReason', () => {
  it('names every problem of a malformed payload before any rule is read', () => {
    const letter = { ...sampleOf('SUBMIT_REQUEST_LETTER'), letterDate: '2021-02-30' };
    expect(
      refusalReason(at({}), { ...letter, acknowledgedByCamat: 'ya' } as unknown as SopEvent),
    ).toBe(
      'invalid SUBMIT_REQUEST_LETTER payload: letterDate must be a calendar date written ' +
        'YYYY-MM-DD; acknowledgedByCamat must be true or false',
    );
  });

  it('gives the rule of the event, and lets through events that have none', () => {
    expect(refusalReason(at({}), { ...sampleOf('SUBMIT_PROPOSALS'), proposedCount: 0 })).toBe(
      'proposedCount must be at least 1',
    );
    for (const type of ['DRAFT_SK', 'APPROVE_SK', 'SIGN_SPK', 'VENDOR_READY'] as const) {
      expect(refusalReason(at({}), sampleOf(type))).toBeNull();
    }
  });
});
