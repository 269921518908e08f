import * as z from 'zod';
import { COMMANDS, type Command } from '@salur/libs/sop/commands';

/**
 * The OpenAPI schema of a command's payload, written from the same zod schema the workflow's
 * validator reads, so the document cannot drift from what is accepted. Checks zod cannot
 * express in JSON Schema (a calendar day, no NIK in text) are left to the 400 answer.
 */
export function commandPayloadSchema(command: Command): Record<string, unknown> {
  const schema: Record<string, unknown> = z.toJSONSchema(COMMANDS[command].payload, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
  });
  delete schema.$schema; // the OpenAPI document states its own dialect
  return { title: command, ...schema };
}
