import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
} from '@nestjs/swagger';
import { ALLOCATION_COMMANDS, PROGRAMME_COMMANDS } from '@salur/libs/temporal/names';
import { SopCommand } from '../auth/access.decorators';
import { commandPayloadSchema } from './command-schemas';
import type { CommandTarget } from '../auth/access-policy';
import {
  ALLOCATION_VIEW_EXAMPLE,
  COMMAND_PAYLOAD_EXAMPLES,
  ERROR_EXAMPLES,
  type ErrorStatus,
} from './openapi-examples';

/** The error answers a route can give, each with the body the error filter writes. */
export const ApiErrors = (...statuses: ErrorStatus[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: ERROR_EXAMPLES[status].description,
        content: { 'application/json': { example: ERROR_EXAMPLES[status].example } },
      }),
    ),
  );

/** A JSON answer with one example. */
export const ApiExample = (description: string, example: unknown) =>
  ApiOkResponse({ description, content: { 'application/json': { example } } });

/**
 * The route of an SOP transition, in one place: POST :id/commands/:command, only for the
 * step's actor (SopCommand), 200 with the new status, and its OpenAPI description with the
 * payload schema (from the command table) and an example payload for every command.
 */
export function SopCommandRoute(target: CommandTarget) {
  const commands = target === 'allocation' ? ALLOCATION_COMMANDS : PROGRAMME_COMMANDS;
  return applyDecorators(
    Post(':id/commands/:command'),
    SopCommand(target),
    HttpCode(200),
    ApiOperation({
      summary:
        target === 'allocation'
          ? "One SOP step's transition for a kecamatan's allocation"
          : 'A city-wide decision, fanned out to every allocation of the programme',
      description:
        'Only the role the SOP names for the step may send it (403 otherwise); an out-of-order ' +
        'command answers 409 with the current step and the events allowed now.',
    }),
    ApiParam({ name: 'command', enum: commands }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Send the same key when retrying: the transition is applied once. At most 255 visible ' +
        'ASCII characters (a UUID); a key reused for another command or payload answers 422',
    }),
    ApiBody({
      // Which payload depends on the :command in the path; each alternative names its command.
      schema: {
        type: 'object',
        properties: { payload: { anyOf: commands.map(commandPayloadSchema) } },
      },
      examples: Object.fromEntries(
        commands.map((command) => [
          command,
          { value: { payload: COMMAND_PAYLOAD_EXAMPLES[command] } },
        ]),
      ),
    }),
    ApiExample('The new status after the transition', ALLOCATION_VIEW_EXAMPLE),
    ApiErrors(400, 401, 403, 404, 409, 422, 503),
  );
}
