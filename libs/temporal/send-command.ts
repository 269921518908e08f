import type { UpdateDefinition } from '@temporalio/common';
import type { AuthUser } from '../domain/auth';
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
 * the update id, so a retried request applies once.
 */
export async function sendSopCommand<Name extends string, View>(
  deps: { temporal: TemporalClientProvider; idempotencyKeys: IdempotencyKeyStore },
  target: CommandTarget<Name, View>,
  call: CommandCall,
): Promise<View> {
  const command = parseCommandName(target.commands, call.name);
  const { payload } = parseCommandBody(call.body);
  const key = parseIdempotencyKey(call.idempotencyKey);
  const request = { role: call.user.role, actorId: call.user.id, payload };
  if (key)
    await claimIdempotencyKey(deps.idempotencyKeys, target.workflowId, key, command, request);
  return deps.temporal.executeCommand(target.workflowId, target.updates[command], request, key);
}
