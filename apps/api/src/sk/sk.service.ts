import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '@salur/libs/domain/auth';
import { ValidationFailed, type FieldProblem } from '@salur/libs/domain';
import { SkRepository, type ProgrammePapers } from '@salur/libs/persistence';
import { isRecord, UUID } from '@salur/libs/shared';

const MAX_CHANGES = 10_000;

export const PROGRAMME_PAPERS = 'salur:programme-papers';

/** The SK (step 5) as read and amended over HTTP; drafting and signing run in the workflows. */
@Injectable()
export class SkService {
  constructor(
    private readonly sk: SkRepository,
    @Inject(PROGRAMME_PAPERS) private readonly papers: ProgrammePapers,
  ) {}

  /** Accepts the programme id or its workflow id (programme-<id>), as GET /programmes/:id does. */
  list(programId: string) {
    return this.sk.listForProgramme(programId.replace(/^programme-/, ''));
  }

  get(id: string) {
    return this.sk.get(id);
  }

  verify(id: string) {
    return this.sk.verify(id);
  }

  requestAmendment(id: string, body: unknown, user: AuthUser) {
    const problems: FieldProblem[] = [];
    const input = isRecord(body) ? body : {};
    if (!isRecord(body)) problems.push({ field: 'body', reason: 'must be a JSON object' });
    const reason = text(input, 'reason', problems, 'a written reason for the change');
    const requestedBy = user.id;
    const add = ids(input, 'add', problems);
    const remove = ids(input, 'remove', problems);
    if (problems.length === 0 && add.length + remove.length === 0) {
      problems.push({ field: 'add', reason: 'add or remove at least one recipient id' });
    }
    for (const recipientId of add.filter((a) => remove.includes(a))) {
      problems.push({ field: 'add', reason: `${recipientId} is both added and removed` });
    }
    if (problems.length > 0) throw new ValidationFailed(problems);
    return this.sk.requestAmendment({ skId: id, reason, add, remove, requestedBy });
  }

  async approveAmendment(id: string, body: unknown, user: AuthUser) {
    const problems: FieldProblem[] = [];
    const input = isRecord(body) ? body : {};
    const approvedBy = user.id;
    const skNo = optionalText(input, 'skNo', problems);
    if (problems.length > 0) throw new ValidationFailed(problems);
    const decided = await this.sk.decideAmendment({
      amendmentId: id,
      decision: 'approved',
      decidedBy: approvedBy,
      ...(skNo ? { skNo } : {}),
    });
    // The amending SK is a paper of its own, printed with its changes; approving again
    // (a retried request) finds it unchanged.
    if (decided.signed) {
      await this.papers.sk(decided.signed.skId, {
        stepRecordId: null,
        actor: { id: user.id, role: user.role },
      });
    }
    return decided;
  }

  rejectAmendment(id: string, body: unknown, user: AuthUser) {
    const problems: FieldProblem[] = [];
    const input = isRecord(body) ? body : {};
    const rejectedBy = user.id;
    const reason = text(input, 'reason', problems, 'why the amendment is rejected');
    if (problems.length > 0) throw new ValidationFailed(problems);
    return this.sk.decideAmendment({
      amendmentId: id,
      decision: 'rejected',
      decidedBy: rejectedBy,
      note: reason,
    });
  }
}

function text(
  body: Record<string, unknown>,
  field: string,
  problems: FieldProblem[],
  what: string,
): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 2000) {
    problems.push({ field, reason: `must be ${what} (1-2000 characters)` });
    return '';
  }
  return value.trim();
}

function optionalText(
  body: Record<string, unknown>,
  field: string,
  problems: FieldProblem[],
): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 100) {
    problems.push({ field, reason: 'must be 1-100 characters when given' });
    return undefined;
  }
  return value.trim();
}

function ids(body: Record<string, unknown>, field: string, problems: FieldProblem[]): string[] {
  const value = body[field];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_CHANGES) {
    problems.push({ field, reason: `must be a list of up to ${MAX_CHANGES} recipient ids` });
    return [];
  }
  const bad = value.filter((v) => typeof v !== 'string' || !UUID.test(v));
  if (bad.length > 0) {
    problems.push({ field, reason: 'every entry must be a recipient id (uuid)' });
    return [];
  }
  const list = (value as string[]).map((v) => v.toLowerCase());
  if (new Set(list).size !== list.length) {
    problems.push({ field, reason: 'lists a recipient id twice' });
  }
  return list;
}
