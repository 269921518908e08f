import fc from 'fast-check';
import { DomainError, ValidationFailed } from './errors';
import {
  SK_DECISIONS,
  amend,
  amendmentNumber,
  changesApply,
  decideAmendment,
  draftSection,
  everySectionIn,
  inForce,
  rejectDraft,
  signDraft,
  skNoTaken,
  type SkAdditionFacts,
  type SkDocumentState,
  type SkStatus,
} from './sk-lifecycle';
import type { Verdict } from './verdict';
import { moveOf, refusalOf as refusal } from './verdict.testing';

const doc = (overrides: Partial<SkDocumentState> = {}): SkDocumentState => ({
  id: 'sk-1',
  draftId: 'DRAFT-1',
  status: 'draft',
  skNo: null,
  amendsSkId: null,
  ...overrides,
});
const signed = doc({ status: 'signed', skNo: 'SK-463/77/2021' });
const rejected = doc({ status: 'rejected' });

const STATUSES: SkStatus[] = ['draft', 'rejected', 'signed'];
const status = fc.constantFrom(...STATUSES);

describe('the SK lifecycle', () => {
  it('has two decisions, both only from a draft; signed and rejected are final', () => {
    expect(SK_DECISIONS).toEqual({
      draft: { sign: 'signed', reject: 'rejected' },
      signed: {},
      rejected: {},
    });
  });

  describe('drafting a section', () => {
    it('adds the section to an open draft', () => {
      expect(moveOf(draftSection(doc(), undefined, 't-1'))).toEqual({ kind: 'add-section' });
    });

    it('gives a retried activity its stored section, whatever the draft became since', () => {
      expect(moveOf(draftSection(doc(), { transitionId: 't-1' }, 't-1')).kind).toBe('replay');
      expect(moveOf(draftSection(signed, { transitionId: 't-1' }, 't-1')).kind).toBe('replay');
      expect(moveOf(draftSection(rejected, { transitionId: 't-1' }, 't-1')).kind).toBe('replay');
    });

    it('answers the stored section to a new DRAFT_SK while the draft is open', () => {
      expect(moveOf(draftSection(doc(), { transitionId: 't-1' }, 't-2')).kind).toBe('replay');
    });

    it('refuses a new DRAFT_SK reusing the id of a decided draft', () => {
      const expected = {
        code: 'ALREADY_EXISTS',
        message: 'skDraftId: SK draft DRAFT-1 was already rejected; draft under a new id',
      };
      expect(refusal(draftSection(rejected, { transitionId: 't-1' }, 't-2'))).toEqual(expected);
      expect(refusal(draftSection(rejected, undefined, 't-2'))).toEqual(expected);
      expect(refusal(draftSection(signed, undefined, 't-2'))).toEqual({
        code: 'ALREADY_EXISTS',
        message: 'skDraftId: SK draft DRAFT-1 was already signed; draft under a new id',
      });
    });

    it('refuses a draft id that names an amending SK, even for a stored section', () => {
      const amending = doc({ amendsSkId: 'sk-0', draftId: 'amendment-sk-1' });
      const expected = {
        code: 'ALREADY_EXISTS',
        message: 'skDraftId: amendment-sk-1 names an amending SK; draft under a new id',
      };
      expect(refusal(draftSection(amending, undefined, 't-1'))).toEqual(expected);
      expect(refusal(draftSection(amending, { transitionId: 't-1' }, 't-1'))).toEqual(expected);
    });

    it('for any document: writes a section only into an open programme draft without one', () => {
      fc.assert(
        fc.property(
          status,
          fc.boolean(),
          fc.option(fc.constantFrom('t-1', 't-2', null), { nil: undefined }),
          fc.constantFrom('t-1', 't-2'),
          (s, amending, storedTransition, transitionId) => {
            const sut = draftSection(
              doc({ status: s, amendsSkId: amending ? 'sk-0' : null }),
              storedTransition === undefined ? undefined : { transitionId: storedTransition },
              transitionId,
            );
            const adds = sut.ok && sut.value.kind === 'add-section';
            expect(adds).toBe(s === 'draft' && !amending && storedTransition === undefined);
            // A decided document is never written again.
            if (s !== 'draft') expect(adds).toBe(false);
          },
        ),
      );
    });
  });

  describe('signing the programme SK', () => {
    it('signs an open draft', () => {
      expect(moveOf(signDraft(doc(), 'SK-1'))).toEqual({ kind: 'sign', to: 'signed' });
    });

    it('answers the same to the same approval again', () => {
      expect(moveOf(signDraft(signed, 'SK-463/77/2021'))).toEqual({ kind: 'replay' });
    });

    it('refuses another number for a signed SK', () => {
      expect(refusal(signDraft(signed, 'SK-OTHER'))).toEqual({
        code: 'ALREADY_EXISTS',
        message: 'skNo: SK draft DRAFT-1 was already signed as SK-463/77/2021',
      });
    });

    it('refuses to sign a rejected draft', () => {
      expect(refusal(signDraft(rejected, 'SK-1'))).toEqual({
        code: 'TRANSITION_REFUSED',
        message: 'SK draft DRAFT-1 was rejected; it cannot be signed',
      });
    });

    it('for any document and number: signs only a draft, replays only the same number', () => {
      fc.assert(
        fc.property(status, fc.constantFrom('SK-1', 'SK-2'), (s, skNo) => {
          const sut = signDraft(doc({ status: s, skNo: s === 'signed' ? 'SK-1' : null }), skNo);
          const kind = sut.ok ? sut.value.kind : 'refused';
          const expected =
            s === 'draft' ? 'sign' : s === 'signed' && skNo === 'SK-1' ? 'replay' : 'refused';
          expect(kind).toBe(expected);
        }),
      );
    });

    it('names the kecamatan whose section is missing, sorted and once each', () => {
      expect(
        refusal(everySectionIn(doc(), ['33.74.08', '33.74.01', '33.74.08'], ['33.74.02'])),
      ).toEqual({
        code: 'TRANSITION_REFUSED',
        message: 'SK draft DRAFT-1 has no section yet for kecamatan 33.74.01, 33.74.08',
      });
      expect(everySectionIn(doc(), ['33.74.01'], ['33.74.01', '33.74.02']).ok).toBe(true);
      expect(everySectionIn(doc(), [], []).ok).toBe(true);
    });

    it('for any kecamatan sets: complete exactly when every proposing one has a section', () => {
      const codes = fc.array(fc.constantFrom('33.74.01', '33.74.02', '33.74.03', '33.74.16'));
      fc.assert(
        fc.property(codes, codes, (proposing, sections) => {
          const missing = [...new Set(proposing)].filter((c) => !sections.includes(c)).sort();
          const sut = everySectionIn(doc(), proposing, sections);
          expect(sut.ok).toBe(missing.length === 0);
          if (!sut.ok) expect(sut.error.message).toMatch(new RegExp(`${missing.join(', ')}$`));
        }),
      );
    });

    it('words a taken SK number', () => {
      expect(skNoTaken('SK-1')).toEqual(
        new DomainError(
          'ALREADY_EXISTS',
          'skNo: another SK of this programme is already signed as SK-1',
        ),
      );
    });
  });

  describe('rejecting the programme SK', () => {
    it('rejects an open draft and answers the same to a rejected one', () => {
      expect(moveOf(rejectDraft(doc()))).toEqual({ kind: 'reject', to: 'rejected' });
      expect(moveOf(rejectDraft(rejected))).toEqual({ kind: 'replay' });
    });

    it('refuses to reject a signed SK: it can only be amended', () => {
      expect(refusal(rejectDraft(signed))).toEqual({
        code: 'TRANSITION_REFUSED',
        message: 'SK draft DRAFT-1 is signed as SK-463/77/2021; it can only be amended',
      });
    });
  });

  describe('the SK in force', () => {
    it('is signed and not replaced by a signed amendment', () => {
      expect(inForce('signed', [])).toBe(true);
      expect(inForce('signed', ['draft', 'rejected'])).toBe(true);
      expect(inForce('signed', ['rejected', 'signed'])).toBe(false);
      expect(inForce('draft', [])).toBe(false);
    });

    it('for any amendments: in force exactly when signed and none of them is signed', () => {
      fc.assert(
        fc.property(status, fc.array(status), (s, amendedBy) => {
          expect(inForce(s, amendedBy)).toBe(
            s === 'signed' && amendedBy.every((a) => a !== 'signed'),
          );
        }),
      );
    });
  });

  describe('asking for an amendment', () => {
    it('is allowed on a signed SK without a live amendment', () => {
      expect(amend(signed, undefined).ok).toBe(true);
    });

    it('refuses an SK that is not signed', () => {
      expect(refusal(amend(doc(), undefined))).toEqual({
        code: 'TRANSITION_REFUSED',
        message: 'SK sk-1 is draft; only a signed SK can be amended',
      });
      expect(refusal(amend(rejected, undefined)).message).toBe(
        'SK sk-1 is rejected; only a signed SK can be amended',
      );
    });

    it('refuses a second amendment while one waits, and an SK already amended', () => {
      expect(refusal(amend(signed, { id: 'sk-2', status: 'draft' }))).toEqual({
        code: 'ALREADY_EXISTS',
        message: 'SK sk-1 already has amendment sk-2 waiting for approval',
        details: { pendingAmendmentId: 'sk-2' },
      });
      expect(refusal(amend(signed, { id: 'sk-2', status: 'signed' }))).toEqual({
        code: 'ALREADY_EXISTS',
        message: 'SK sk-1 was already amended by SK sk-2; amend that one',
        details: { pendingAmendmentId: 'sk-2' },
      });
    });
  });

  describe('the changes of an amendment', () => {
    const addable = (id: string, overrides: Partial<SkAdditionFacts> = {}): SkAdditionFacts => ({
      id,
      inProgramme: true,
      status: 'accepted',
      listed: false,
      sameNikListed: [],
      ...overrides,
    });
    const problems = (verdict: Verdict<void>) => {
      if (verdict.ok) return [];
      expect(verdict.error).toBeInstanceOf(ValidationFailed);
      return (verdict.error as ValidationFailed).problems;
    };

    it('apply when removed persons are listed and added ones can be', () => {
      expect(
        changesApply('sk-1', { remove: ['r-1'], listedRemoved: ['r-1'], add: [addable('a-1')] }).ok,
      ).toBe(true);
    });

    it('name each person that cannot be removed or added, removals first, in the order asked', () => {
      const sut = changesApply('sk-1', {
        remove: ['r-1', 'r-2', 'r-3'],
        listedRemoved: ['r-2'],
        add: [
          addable('a-1', { inProgramme: false, status: null }),
          addable('a-2', { status: 'rejected' }),
          addable('a-3', { listed: true, sameNikListed: ['a-3'] }),
          addable('a-4', { sameNikListed: ['x-1'] }),
          addable('a-5'),
        ],
      });
      expect(problems(sut)).toEqual([
        { field: 'remove', reason: 'r-1 is not listed in SK sk-1' },
        { field: 'remove', reason: 'r-3 is not listed in SK sk-1' },
        { field: 'add', reason: 'a-1 is not a proposed person of this programme' },
        { field: 'add', reason: 'a-2 is not accepted (status rejected)' },
        { field: 'add', reason: 'a-3 is already listed' },
        { field: 'add', reason: 'a-4 has the NIK of a person already listed' },
      ]);
    });

    it('let a person replace the listing with the same NIK that the change removes', () => {
      const sut = changesApply('sk-1', {
        remove: ['R-1'],
        listedRemoved: ['r-1'],
        add: [addable('a-1', { sameNikListed: ['r-1'] })],
      });
      expect(sut.ok).toBe(true);
    });

    it('for any facts: an added person passes exactly when every condition holds', () => {
      const facts = fc.record({
        inProgramme: fc.boolean(),
        status: fc.constantFrom('accepted', 'rejected', 'pending'),
        listed: fc.boolean(),
        sameNikListed: fc.subarray(['r-1', 'r-2']),
      });
      fc.assert(
        fc.property(facts, fc.subarray(['r-1', 'r-2']), (person, remove) => {
          const sut = changesApply('sk-1', {
            remove,
            listedRemoved: remove,
            add: [{ id: 'a-1', ...person }],
          });
          const passes =
            person.inProgramme &&
            person.status === 'accepted' &&
            !person.listed &&
            person.sameNikListed.every((id) => remove.includes(id));
          expect(sut.ok).toBe(passes);
          expect(problems(sut).length).toBe(passes ? 0 : 1);
        }),
      );
    });

    it('for any removals: refused exactly for the ids the SK does not list', () => {
      const ids = fc.uniqueArray(fc.constantFrom('r-1', 'r-2', 'r-3', 'r-4'));
      fc.assert(
        fc.property(ids, ids, (remove, listed) => {
          const sut = changesApply('sk-1', { remove, listedRemoved: listed, add: [] });
          expect(problems(sut).map((p) => p.reason)).toEqual(
            remove
              .filter((id) => !listed.includes(id))
              .map((id) => `${id} is not listed in SK sk-1`),
          );
        }),
      );
    });
  });

  it('numbers an amending SK after the first SK and its place in line', () => {
    expect(amendmentNumber('SK-463/77/2021', 1)).toBe('SK-463/77/2021/PERUBAHAN-1');
    expect(amendmentNumber('SK-463/77/2021', 3)).toBe('SK-463/77/2021/PERUBAHAN-3');
  });

  describe('deciding an amendment', () => {
    const open = { id: 'sk-2', requestedBy: 'u-admin', decision: null, decidedBy: null };

    it('signs it when another person approves', () => {
      expect(
        moveOf(decideAmendment(open, { decision: 'approved', decidedBy: 'u-approver' })),
      ).toEqual({ kind: 'sign', to: 'signed' });
    });

    it('rejects it with the note, or a default reason', () => {
      expect(
        moveOf(
          decideAmendment(open, { decision: 'rejected', decidedBy: 'u-approver', note: 'Salah' }),
        ),
      ).toEqual({ kind: 'reject', to: 'rejected', rejectionReason: 'Salah' });
      expect(
        moveOf(decideAmendment(open, { decision: 'rejected', decidedBy: 'u-approver' })),
      ).toEqual({ kind: 'reject', to: 'rejected', rejectionReason: 'amendment rejected' });
    });

    it('refuses the person who asked for it, either way (maker-checker)', () => {
      for (const decision of ['approved', 'rejected'] as const) {
        expect(refusal(decideAmendment(open, { decision, decidedBy: 'u-admin' }))).toEqual({
          code: 'ROLE_NOT_ALLOWED',
          message: 'u-admin requested SK amendment sk-2; a different person must decide it',
        });
      }
    });

    it('answers the same decision by the same person again, and refuses any other', () => {
      const decided = { ...open, decision: 'approved' as const, decidedBy: 'u-approver' };
      expect(
        moveOf(decideAmendment(decided, { decision: 'approved', decidedBy: 'u-approver' })),
      ).toEqual({ kind: 'replay' });
      const expected = {
        code: 'TRANSITION_REFUSED',
        message: 'SK amendment sk-2 was already approved by u-approver',
      };
      expect(
        refusal(decideAmendment(decided, { decision: 'rejected', decidedBy: 'u-approver' })),
      ).toEqual(expected);
      expect(
        refusal(decideAmendment(decided, { decision: 'approved', decidedBy: 'u-other' })),
      ).toEqual(expected);
    });

    it('for any two people: an open amendment is decided exactly when they differ', () => {
      const person = fc.constantFrom('u-1', 'u-2', 'u-3');
      fc.assert(
        fc.property(
          person,
          person,
          fc.constantFrom('approved', 'rejected'),
          (maker, checker, decision) => {
            const sut = decideAmendment(
              { ...open, requestedBy: maker },
              { decision, decidedBy: checker },
            );
            expect(sut.ok).toBe(maker !== checker);
            if (!sut.ok) expect(sut.error.code).toBe('ROLE_NOT_ALLOWED');
          },
        ),
      );
    });
  });
});
