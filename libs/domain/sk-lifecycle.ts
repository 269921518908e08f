import { DomainError, ValidationFailed, type FieldProblem } from './errors';
import { secondPerson } from './maker-checker';
import { allow, refuse, type Verdict } from './verdict';

/**
 * Step 5's document, the Walikota's SK, as a lifecycle:
 *
 *   draft ──sign──► signed ──amend──► (a new amending SK, itself a draft)
 *     └───reject──► rejected
 *
 * A programme SK is drafted section by section (one per kecamatan, by its allocation),
 * then signed or rejected once for all; every allocation records the decision again and
 * gets the same answer. An amending SK is asked for by one person and decided (signed or
 * rejected) by another. Signed and rejected documents never change again.
 *
 * The rules here are pure: the repositories lock and load what a rule needs, call it and
 * write what it allows. Refusals keep the codes and messages the API already answers.
 */
export type SkStatus = 'draft' | 'rejected' | 'signed';

/** The states each decision leads to; signed and rejected are final. */
export const SK_DECISIONS = {
  draft: { sign: 'signed', reject: 'rejected' },
  signed: {},
  rejected: {},
} as const satisfies Record<SkStatus, Partial<Record<'sign' | 'reject', SkStatus>>>;

/** What the rules need to know of an SK document. */
export interface SkDocumentState {
  readonly id: string;
  readonly draftId: string;
  readonly status: SkStatus;
  readonly skNo: string | null;
  /** Set on an amending SK: the SK it amends. */
  readonly amendsSkId: string | null;
}

/** A decided SK answers a retried decision the same way: nothing to write. */
type Replay = { readonly kind: 'replay' };
const REPLAY: Replay = { kind: 'replay' };

/** The SK in force: signed, and not replaced by a signed amendment of it. */
export const inForce = (status: SkStatus, amendedBy: readonly SkStatus[]): boolean =>
  status === 'signed' && !amendedBy.includes('signed');

// --- drafting -------------------------------------------------------------------------

/**
 * DRAFT_SK as recorded by one allocation: its kecamatan's section is added to the draft
 * once. A retried activity (same transition) gets the stored section back; a new DRAFT_SK
 * reusing the id of a decided draft is refused, so the decided document stays as it was.
 */
export function draftSection(
  doc: SkDocumentState,
  stored: { readonly transitionId: string | null } | undefined,
  transitionId: string,
): Verdict<{ readonly kind: 'add-section' } | Replay> {
  if (doc.amendsSkId) {
    return refuse(
      new DomainError(
        'ALREADY_EXISTS',
        `skDraftId: ${doc.draftId} names an amending SK; draft under a new id`,
      ),
    );
  }
  const decided = doc.status !== 'draft';
  if (stored && !(decided && stored.transitionId !== transitionId)) return allow(REPLAY);
  if (decided) {
    return refuse(
      new DomainError(
        'ALREADY_EXISTS',
        `skDraftId: SK draft ${doc.draftId} was already ${doc.status}; draft under a new id`,
      ),
    );
  }
  return allow({ kind: 'add-section' });
}

// --- the programme SK's decision ------------------------------------------------------

/** APPROVE_SK as recorded by one allocation: the first signs, the others get the same SK. */
export function signDraft(
  doc: SkDocumentState,
  skNo: string,
): Verdict<{ readonly kind: 'sign'; readonly to: 'signed' } | Replay> {
  switch (doc.status) {
    case 'signed':
      return doc.skNo === skNo
        ? allow(REPLAY)
        : refuse(
            new DomainError(
              'ALREADY_EXISTS',
              `skNo: SK draft ${doc.draftId} was already signed as ${doc.skNo}`,
            ),
          );
    case 'rejected':
      return refuse(
        new DomainError(
          'TRANSITION_REFUSED',
          `SK draft ${doc.draftId} was rejected; it cannot be signed`,
        ),
      );
    case 'draft':
      return allow({ kind: 'sign', to: SK_DECISIONS.draft.sign });
  }
}

/**
 * Nobody signs an incomplete SK: every kecamatan that proposed persons in the programme
 * must have its section. The programme approves only after every allocation drafted, so
 * this refuses only when something bypassed the engine.
 */
export function everySectionIn(
  doc: SkDocumentState,
  proposingKecamatan: readonly string[],
  sectionKecamatan: readonly string[],
): Verdict<void> {
  const drafted = new Set(sectionKecamatan);
  const missing = [...new Set(proposingKecamatan)].filter((code) => !drafted.has(code)).sort();
  if (missing.length === 0) return allow(undefined);
  return refuse(
    new DomainError(
      'TRANSITION_REFUSED',
      `SK draft ${doc.draftId} has no section yet for kecamatan ${missing.join(', ')}`,
    ),
  );
}

/** REJECT_SK as recorded by one allocation: the draft is kept, marked rejected. */
export function rejectDraft(
  doc: SkDocumentState,
): Verdict<{ readonly kind: 'reject'; readonly to: 'rejected' } | Replay> {
  switch (doc.status) {
    case 'signed':
      return refuse(
        new DomainError(
          'TRANSITION_REFUSED',
          `SK draft ${doc.draftId} is signed as ${doc.skNo}; it can only be amended`,
        ),
      );
    case 'rejected':
      return allow(REPLAY);
    case 'draft':
      return allow({ kind: 'reject', to: SK_DECISIONS.draft.reject });
  }
}

/** Two SKs of one programme cannot carry the same number (a unique index says so). */
export const skNoTaken = (skNo: string): DomainError =>
  new DomainError(
    'ALREADY_EXISTS',
    `skNo: another SK of this programme is already signed as ${skNo}`,
  );

// --- amendments -------------------------------------------------------------------------

/**
 * Only a signed SK can be amended, and only one amendment at a time: a waiting one must
 * be decided first, a signed one is amended in its turn.
 */
export function amend(
  parent: SkDocumentState,
  live: { readonly id: string; readonly status: SkStatus } | undefined,
): Verdict<void> {
  if (parent.status !== 'signed') {
    return refuse(
      new DomainError(
        'TRANSITION_REFUSED',
        `SK ${parent.id} is ${parent.status}; only a signed SK can be amended`,
      ),
    );
  }
  if (live) {
    return refuse(
      new DomainError(
        'ALREADY_EXISTS',
        live.status === 'signed'
          ? `SK ${parent.id} was already amended by SK ${live.id}; amend that one`
          : `SK ${parent.id} already has amendment ${live.id} waiting for approval`,
        { pendingAmendmentId: live.id },
      ),
    );
  }
  return allow(undefined);
}

/** What the database knows of a person an amendment wants to add to the SK. */
export interface SkAdditionFacts {
  readonly id: string;
  /** A proposed person of the SK's programme. */
  readonly inProgramme: boolean;
  /** The person's proposal status (null when there is no such person). */
  readonly status: string | null;
  /** Already one of the SK's recipients. */
  readonly listed: boolean;
  /** The SK's recipients with this person's NIK (ids only). */
  readonly sameNikListed: readonly string[];
}

/**
 * The changes an amendment asks for must apply to the SK in force: a removed person is
 * listed, an added one is an accepted person of the programme who is not listed yet and
 * whose NIK is not listed either (unless that listing is removed in the same change).
 */
export function changesApply(
  parentId: string,
  change: {
    readonly remove: readonly string[];
    /** Of the removed ids, those the SK lists. */
    readonly listedRemoved: readonly string[];
    readonly add: readonly SkAdditionFacts[];
  },
): Verdict<void> {
  const problems: FieldProblem[] = [];
  const listed = new Set(change.listedRemoved.map((id) => id.toLowerCase()));
  const removed = new Set(change.remove.map((id) => id.toLowerCase()));
  for (const id of change.remove) {
    if (!listed.has(id.toLowerCase())) {
      problems.push({ field: 'remove', reason: `${id} is not listed in SK ${parentId}` });
    }
  }
  for (const person of change.add) {
    const problem = additionProblem(person, removed);
    if (problem) problems.push({ field: 'add', reason: `${person.id} ${problem}` });
  }
  return problems.length > 0 ? refuse(new ValidationFailed(problems)) : allow(undefined);
}

function additionProblem(person: SkAdditionFacts, removed: ReadonlySet<string>): string | null {
  if (!person.inProgramme) return 'is not a proposed person of this programme';
  if (person.status !== 'accepted') return `is not accepted (status ${person.status})`;
  if (person.listed) return 'is already listed';
  if (person.sameNikListed.some((id) => !removed.has(id.toLowerCase()))) {
    return 'has the NIK of a person already listed';
  }
  return null;
}

/** Default number of an amending SK: the first SK's number and the amendment's place in line. */
export const amendmentNumber = (firstSkNo: string, place: number): string =>
  `${firstSkNo}/PERUBAHAN-${place}`;

/** What an amendment's decision writes: the decision, and the SK's new state. */
export type AmendmentDecision =
  | { readonly kind: 'sign'; readonly to: 'signed' }
  | { readonly kind: 'reject'; readonly to: 'rejected'; readonly rejectionReason: string };

/**
 * The second person's decision on an amendment. Deciding it again the same way by the
 * same person answers as before; any other second decision is refused.
 */
export function decideAmendment(
  amendment: {
    readonly id: string;
    readonly requestedBy: string;
    readonly decision: 'approved' | 'rejected' | null;
    readonly decidedBy: string | null;
  },
  input: {
    readonly decision: 'approved' | 'rejected';
    readonly decidedBy: string;
    readonly note?: string;
  },
): Verdict<AmendmentDecision | Replay> {
  if (amendment.decision) {
    return amendment.decision === input.decision && amendment.decidedBy === input.decidedBy
      ? allow(REPLAY)
      : refuse(
          new DomainError(
            'TRANSITION_REFUSED',
            `SK amendment ${amendment.id} was already ${amendment.decision} by ${amendment.decidedBy}`,
          ),
        );
  }
  const checked = secondPerson(
    amendment,
    input.decidedBy,
    () =>
      new DomainError(
        'ROLE_NOT_ALLOWED',
        `${input.decidedBy} requested SK amendment ${amendment.id}; a different person must decide it`,
      ),
  );
  if (!checked.ok) return checked;
  return input.decision === 'approved'
    ? allow({ kind: 'sign', to: SK_DECISIONS.draft.sign })
    : allow({
        kind: 'reject',
        to: SK_DECISIONS.draft.reject,
        rejectionReason: input.note ?? 'amendment rejected',
      });
}
