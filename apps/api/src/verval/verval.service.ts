import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@salur/libs/domain/auth';
import { scopeIncludesAllocation, type ReadScope } from '@salur/libs/domain/read-scope';
import { labelReason, labelWarning } from '@salur/libs/domain/verval';
import {
  parseOverrideDecision,
  parseOverrideRequest,
  parseOverrideStatus,
  parseWhyRequest,
} from '@salur/libs/domain/verval-requests';
import { VervalOverrideRepository } from '@salur/libs/persistence/verval-override.repository';
import { VervalRepository } from '@salur/libs/persistence/verval.repository';
import { isRecord } from '@salur/libs/shared';

@Injectable()
export class VervalService {
  constructor(
    private readonly verval: VervalRepository,
    private readonly overrides: VervalOverrideRepository,
  ) {}

  /** Per allocation: the run that judged the NIK on or before the day, with labelled reasons. */
  async why(body: unknown, scope: ReadScope) {
    const { nik, date } = parseWhyRequest(body);
    // Another kecamatan's verdicts on the same NIK are not an area role's to read.
    const answers = (await this.verval.why(nik, date)).filter((answer) =>
      scopeIncludesAllocation(scope, answer.workflowId),
    );
    return {
      date: date ?? null,
      allocations: answers.map(({ reasons, warnings, detail, ...answer }) => ({
        ...answer,
        reasons: reasons.map((code) => ({ ...labelReason(code), detail: detail[code] ?? null })),
        warnings: warnings.map(labelWarning),
      })),
    };
  }

  requestOverride(body: unknown, user: AuthUser) {
    return this.overrides.request(parseOverrideRequest(withActor(body, 'requestedBy', user)));
  }

  approve(id: string, body: unknown, user: AuthUser) {
    return this.overrides.approve(
      id,
      parseOverrideDecision(withActor(body, 'approvedBy', user), 'approve').by,
    );
  }

  reject(id: string, body: unknown, user: AuthUser) {
    const { by, reason } = parseOverrideDecision(withActor(body, 'rejectedBy', user), 'reject');
    return this.overrides.reject(id, by, reason as string);
  }

  list(status: unknown) {
    return this.overrides.list(parseOverrideStatus(status));
  }
}

/** The acting member is the signed-in user: a body's own requestedBy/approvedBy is replaced. */
function withActor(body: unknown, field: string, user: AuthUser): unknown {
  return isRecord(body) ? { ...body, [field]: user.id } : body;
}
