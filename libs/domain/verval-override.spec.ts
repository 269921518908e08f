import fc from 'fast-check';
import {
  approveOverride,
  pendingOverride,
  requestOverride,
  type OverrideState,
} from './verval-override';
import { refusalOf as refusal } from './verdict.testing';

describe('a verval override', () => {
  describe('requested', () => {
    const open = {
      personStatus: 'rejected',
      workflowId: 'wf-1',
      skDrafted: false,
      pendingId: undefined,
    };
    const input = { recipientId: 'p-1', outcome: 'accepted' as const };

    it('is made against the current result', () => {
      expect(requestOverride(input, open)).toEqual({
        ok: true,
        value: { fromOutcome: 'rejected' },
      });
    });

    it('is refused for a person without a verval result', () => {
      expect(refusal(requestOverride(input, { ...open, personStatus: 'pending' }))).toEqual({
        code: 'TRANSITION_REFUSED',
        message:
          'Recipient p-1 is pending, not a verval result; only accepted or rejected persons can be overridden',
      });
    });

    it('is refused when the person already has that result', () => {
      expect(refusal(requestOverride(input, { ...open, personStatus: 'accepted' }))).toEqual({
        code: 'TRANSITION_REFUSED',
        message: 'Recipient p-1 is already accepted',
      });
    });

    it('is refused once the SK is drafted', () => {
      expect(refusal(requestOverride(input, { ...open, skDrafted: true }))).toEqual({
        code: 'TRANSITION_REFUSED',
        message:
          'The verval of wf-1 is closed (its SK is drafted); change recipients through an amending SK',
      });
    });

    it('is refused while another request for the person waits', () => {
      expect(refusal(requestOverride(input, { ...open, pendingId: 'o-1' }))).toEqual({
        code: 'ALREADY_EXISTS',
        message: 'Recipient p-1 already has a pending override o-1',
        details: { overrideId: 'o-1' },
      });
    });
  });

  describe('decided', () => {
    const override: OverrideState = {
      id: 'o-1',
      recipientId: 'p-1',
      workflowId: 'wf-1',
      fromOutcome: 'rejected',
      outcome: 'accepted',
      requestedBy: 'u-maker',
      status: 'pending',
      decidedBy: null,
    };
    const facts = {
      personStatus: 'rejected',
      skDrafted: false,
      quota: 3,
      accepted: 2,
      acceptedInKecamatan: undefined,
      familyAcceptedInKecamatan: undefined,
    };

    it('takes effect when a different member approves', () => {
      expect(approveOverride(override, 'u-checker', facts)).toEqual({
        ok: true,
        value: { outcome: 'accepted' },
      });
    });

    it('is refused to the member who asked (maker-checker)', () => {
      expect(refusal(approveOverride(override, 'u-maker', facts))).toEqual({
        code: 'SELF_APPROVAL_REFUSED',
        message:
          'Override o-1 was requested by u-maker; a different member of the data team must approve it',
      });
    });

    it('only once: a decided request is refused, approve or reject', () => {
      const decided = { ...override, status: 'rejected' as const, decidedBy: 'u-maker' };
      const expected = {
        code: 'TRANSITION_REFUSED',
        message: 'Override o-1 was already rejected by u-maker',
      };
      expect(refusal(approveOverride(decided, 'u-checker', facts))).toEqual(expected);
      expect(refusal(pendingOverride(decided))).toEqual(expected);
      expect(pendingOverride(override).ok).toBe(true);
    });

    it('is refused when the result moved since the request', () => {
      expect(
        refusal(approveOverride(override, 'u-checker', { ...facts, personStatus: 'accepted' })),
      ).toEqual({
        code: 'TRANSITION_REFUSED',
        message:
          'Recipient p-1 is now accepted, no longer rejected; reject this override and request a new one',
      });
    });

    it('is refused once the SK is drafted', () => {
      expect(
        refusal(approveOverride(override, 'u-checker', { ...facts, skDrafted: true })).message,
      ).toMatch(/^The verval of wf-1 is closed/);
    });

    it('does not accept over the quota, nor before any verval run', () => {
      expect(refusal(approveOverride(override, 'u-checker', { ...facts, accepted: 3 }))).toEqual({
        code: 'TRANSITION_REFUSED',
        message:
          'Allocation wf-1 is at its quota (3 of 3 accepted); reject someone first or raise the quota',
        details: { quota: 3, accepted: 3 },
      });
      expect(refusal(approveOverride(override, 'u-checker', { ...facts, quota: null }))).toEqual({
        code: 'TRANSITION_REFUSED',
        message: 'Allocation wf-1 has no verval run with a quota yet',
        details: { quota: null, accepted: 2 },
      });
    });

    it('does not accept a person already accepted in another kecamatan', () => {
      expect(
        refusal(
          approveOverride(override, 'u-checker', { ...facts, acceptedInKecamatan: '33.74.02' }),
        ),
      ).toEqual({
        code: 'TRANSITION_REFUSED',
        message: 'This person is already accepted in kecamatan 33.74.02 of this programme',
        details: { kecamatanCode: '33.74.02' },
      });
    });

    it('does not accept a second member of a family already accepted (one parcel per family)', () => {
      expect(
        refusal(
          approveOverride(override, 'u-checker', {
            ...facts,
            familyAcceptedInKecamatan: '33.74.03',
          }),
        ),
      ).toEqual({
        code: 'TRANSITION_REFUSED',
        message:
          "Another member of this person's family (same No. KK) is already accepted in kecamatan 33.74.03 of this programme: one parcel per family",
        details: { kecamatanCode: '33.74.03' },
      });
    });

    it('to reject a person, for any quota: only the pending, checker and moved rules apply', () => {
      const toReject = {
        ...override,
        fromOutcome: 'accepted' as const,
        outcome: 'rejected' as const,
      };
      fc.assert(
        fc.property(
          fc.option(fc.nat(5), { nil: null }),
          fc.nat(8),
          fc.option(fc.constant('33.74.02'), { nil: undefined }),
          fc.option(fc.constant('33.74.03'), { nil: undefined }),
          (quota, accepted, acceptedInKecamatan, familyAcceptedInKecamatan) => {
            const sut = approveOverride(toReject, 'u-checker', {
              personStatus: 'accepted',
              skDrafted: false,
              quota,
              accepted,
              acceptedInKecamatan,
              familyAcceptedInKecamatan,
            });
            expect(sut).toEqual({ ok: true, value: { outcome: 'rejected' } });
          },
        ),
      );
    });

    it('to accept a person, for any quota: allowed exactly below the quota', () => {
      fc.assert(
        fc.property(fc.option(fc.nat(5), { nil: null }), fc.nat(8), (quota, accepted) => {
          const sut = approveOverride(override, 'u-checker', { ...facts, quota, accepted });
          expect(sut.ok).toBe(quota !== null && accepted < quota);
        }),
      );
    });
  });
});
