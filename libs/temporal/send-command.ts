import { randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import type { AuthUser } from '../domain/auth';
import { DomainError } from '../domain/errors';
import type { RefusalFact } from '../domain/timeline';
import { redactPii } from '../logging/redact-pii';
import { parseCommandBody, parseCommandName } from '../domain/programme';
import type { CommandRequest } from '../sop/command-request';
import { claimIdempotencyKey, parseIdempotencyKey, type IdempotencyKeyStore } from './idempotency';
import type { TemporalClientProvider } from './temporal-client.module';

/** The workflow a command goes to, and the updates it takes. */
export interface CommandTarget<Name extends string, View> {
  readonly workflowId: string;
  readonly commands: readonly Name[];
  readonly updates: Readonly<Record<Name, UpdateDefinition<View, [CommandRequest]>>>;
}

/** Where a refused command is written down (sop_command_refusal): the history keeps none. */
export interface RefusalStore {
  record(refusal: Omit<RefusalFact, 'id' | 'refusedAt'>): Promise<void>;
}

/** The workflow said no to the command itself (not to a malformed request, which never reached it). */
const REFUSAL_CODES: ReadonlySet<string> = new Set([
  'TRANSITION_REFUSED',
  'ROLE_NOT_ALLOWED',
  'SELF_APPROVAL_REFUSED',
  'VALIDATION_FAILED',
]);

/** What the HTTP request brought. */
export interface CommandCall {
  readonly name: string;
  readonly body: unknown;
  readonly user: AuthUser;
  readonly idempotencyKey?: string | string[];
}

/**
 * Sends one SOP command as a Temporal update, for the allocation and the programme alike:
 * the name must be one of the target's commands (400 otherwise), the caller acts as the
 * token says (never as the body says), and an Idempotency-Key is claimed first and becomes
 * the update id, so a retried request applies once. Without a key the update id is a fresh
 * UUID, named here so a refusal's row and the history's update can be tied in the timeline.
 */
export async function sendSopCommand<Name extends string, View>(
  deps: {
    temporal: TemporalClientProvider;
    idempotencyKeys: IdempotencyKeyStore;
    refusals: RefusalStore;
  },
  target: CommandTarget<Name, View>,
  call: CommandCall,
): Promise<View> {
  const command = parseCommandName(target.commands, call.name);
  const { payload } = parseCommandBody(call.body);
  const key = parseIdempotencyKey(call.idempotencyKey);
  const request = { role: call.user.role, actorId: call.user.id, payload };
  if (key)
    await claimIdempotencyKey(deps.idempotencyKeys, target.workflowId, key, command, request);
  const updateId = key ?? randomUUID();
  try {
    return await deps.temporal.executeCommand(
      target.workflowId,
      target.updates[command],
      request,
      updateId,
    );
  } catch (error) {
    if (error instanceof DomainError && REFUSAL_CODES.has(error.code)) {
      await deps.refusals.record({
        workflowId: target.workflowId,
        updateId,
        command,
        role: call.user.role,
        actorId: call.user.id,
        code: error.code,
        message: redactPii(error.message), // the workflow's messages hold none; a last guard
        stepNo: typeof error.details.stepNo === 'number' ? error.details.stepNo : null,
      });
    }
    throw error;
  }
}
