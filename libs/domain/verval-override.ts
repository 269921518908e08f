import { DomainError } from './errors';
import { secondPerson } from './maker-checker';
import { allow, refuse, type Verdict } from './verdict';
import type { VervalOutcome } from './verval';

/**
 * Manual review of a verval result with two people: a request is pending until a
 * different member approves it (and it takes effect) or anyone rejects it (the requester
 * may withdraw, as a rejection changes nothing). The repository loads the facts, asks
 * these rules and writes.
 */
export type OverrideStatus = 'pending' | 'approved' | 'rejected';

/** What the rules know of an override request. */
export interface OverrideState {
  readonly id: string;
  readonly recipientId: string;
  readonly workflowId: string;
  readonly fromOutcome: VervalOutcome;
  readonly outcome: VervalOutcome;
  readonly requestedBy: string;
  readonly status: OverrideStatus;
  readonly decidedBy: string | null;
}

/** Once the SK is drafted the verval is closed; a change then needs an amending SK. */
function vervalClosed(workflowId: string, skDrafted: boolean): Verdict<void> {
  return skDrafted
    ? refuse(
        new DomainError(
          'TRANSITION_REFUSED',
          `The verval of ${workflowId} is closed (its SK is drafted); change recipients through an amending SK`,
        ),
      )
    : allow(undefined);
}

/** A person's verval result may be overridden to the other result, one request at a time. */
export function requestOverride(
  input: { readonly recipientId: string; readonly outcome: VervalOutcome },
  facts: {
    readonly personStatus: string;
    readonly workflowId: string;
    readonly skDrafted: boolean;
    readonly pendingId: string | undefined;
  },
): Verdict<{ readonly fromOutcome: VervalOutcome }> {
  const { personStatus } = facts;
  if (personStatus !== 'accepted' && personStatus !== 'rejected') {
    return refuse(
      new DomainError(
        'TRANSITION_REFUSED',
        `Recipient ${input.recipientId} is ${personStatus}, not a verval result; only accepted or rejected persons can be overridden`,
      ),
    );
  }
  if (personStatus === input.outcome) {
    return refuse(
      new DomainError(
        'TRANSITION_REFUSED',
        `Recipient ${input.recipientId} is already ${input.outcome}`,
      ),
    );
  }
  const open = vervalClosed(facts.workflowId, facts.skDrafted);
  if (!open.ok) return open;
  if (facts.pendingId) {
    return refuse(
      new DomainError(
        'ALREADY_EXISTS',
        `Recipient ${input.recipientId} already has a pending override ${facts.pendingId}`,
        { overrideId: facts.pendingId },
      ),
    );
  }
  return allow({ fromOutcome: personStatus });
}

/** Only a pending request can be decided. */
export function pendingOverride(override: OverrideState): Verdict<void> {
  return override.status === 'pending'
    ? allow(undefined)
    : refuse(
        new DomainError(
          'TRANSITION_REFUSED',
          `Override ${override.id} was already ${override.status} by ${override.decidedBy}`,
        ),
      );
}

/**
 * A different member approves; the person must still have the result the request was
 * made against, the verval must be open, and an acceptance must fit the quota and not
 * accept the person, or a second member of their family, in the programme.
 */
export function approveOverride(
  override: OverrideState,
  approvedBy: string,
  facts: {
    readonly personStatus: string;
    readonly skDrafted: boolean;
    /** The quota of the allocation's last verval run (null before any) and how many are accepted. */
    readonly quota: number | null;
    readonly accepted: number;
    /** The kecamatan where this person is already accepted in the programme, if any. */
    readonly acceptedInKecamatan: string | undefined;
    /** The kecamatan where another member of the family (same No. KK) is accepted, if any. */
    readonly familyAcceptedInKecamatan: string | undefined;
  },
): Verdict<{ readonly outcome: VervalOutcome }> {
  const steps: (() => Verdict<void>)[] = [
    () => pendingOverride(override),
    () =>
      secondPerson(
        override,
        approvedBy,
        () =>
          new DomainError(
            'SELF_APPROVAL_REFUSED',
            `Override ${override.id} was requested by ${approvedBy}; a different member of the data team must approve it`,
          ),
      ),
    () =>
      facts.personStatus === override.fromOutcome
        ? allow(undefined)
        : refuse(
            new DomainError(
              'TRANSITION_REFUSED',
              `Recipient ${override.recipientId} is now ${facts.personStatus}, no longer ${override.fromOutcome}; reject this override and request a new one`,
            ),
          ),
    () => vervalClosed(override.workflowId, facts.skDrafted),
  ];
  if (override.outcome === 'accepted')
    steps.push(
      () => withinQuota(override, facts),
      () => acceptedOnce(facts.acceptedInKecamatan, 'This person is'),
      () =>
        acceptedOnce(
          facts.familyAcceptedInKecamatan,
          "Another member of this person's family (same No. KK) is",
        ),
    );
  for (const step of steps) {
    const verdict = step();
    if (!verdict.ok) return verdict;
  }
  return allow({ outcome: override.outcome });
}

function withinQuota(
  override: OverrideState,
  { quota, accepted }: { readonly quota: number | null; readonly accepted: number },
): Verdict<void> {
  if (quota !== null && accepted < quota) return allow(undefined);
  return refuse(
    new DomainError(
      'TRANSITION_REFUSED',
      quota === null
        ? `Allocation ${override.workflowId} has no verval run with a quota yet`
        : `Allocation ${override.workflowId} is at its quota (${accepted} of ${quota} accepted); reject someone first or raise the quota`,
      { quota, accepted },
    ),
  );
}

/**
 * Not a second parcel: neither for the same person nor, as verval's DUPLICATE_KK, for
 * another member of their family (same No. KK), accepted in a kecamatan of the programme.
 */
function acceptedOnce(
  kecamatanCode: string | undefined,
  who: 'This person is' | "Another member of this person's family (same No. KK) is",
): Verdict<void> {
  if (kecamatanCode === undefined) return allow(undefined);
  const perFamily = who === 'This person is' ? '' : ': one parcel per family';
  return refuse(
    new DomainError(
      'TRANSITION_REFUSED',
      `${who} already accepted in kecamatan ${kecamatanCode} of this programme${perFamily}`,
      { kecamatanCode },
    ),
  );
}
