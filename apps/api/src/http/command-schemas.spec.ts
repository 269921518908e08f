import { ALLOCATION_COMMANDS, PROGRAMME_COMMANDS } from '@salur/libs/temporal/names';
import { COMMANDS } from '@salur/libs/sop/commands';
import { commandPayloadSchema } from './command-schemas';
import { COMMAND_PAYLOAD_EXAMPLES } from './openapi-examples';

describe('command payload schemas for OpenAPI', () => {
  it('describes each field of a command, and refuses others', () => {
    expect(commandPayloadSchema('INSPECT')).toMatchObject({
      title: 'INSPECT',
      type: 'object',
      required: ['inspectionId', 'inspectedCount', 'passedCount'],
      additionalProperties: false,
      properties: {
        inspectionId: { type: 'string' },
        inspectedCount: { type: 'integer', minimum: 0 },
        reason: { type: 'string', maxLength: 500 },
      },
    });
    expect(commandPayloadSchema('PRINT_BAST_BNBA')).toMatchObject({
      properties: {},
      description: expect.stringContaining('Not read'),
    });
    expect(commandPayloadSchema('SUBMIT_REQUEST_LETTER')).not.toHaveProperty('$schema');
  });

  it('accepts every OpenAPI example with the schema the workflow validates', () => {
    for (const command of [...ALLOCATION_COMMANDS, ...PROGRAMME_COMMANDS]) {
      const parsed = COMMANDS[command].payload.safeParse(COMMAND_PAYLOAD_EXAMPLES[command]);
      expect([command, parsed.success]).toEqual([command, true]);
    }
  });
});
