import {
  ALLOCATION_COMMANDS,
  COMMANDS,
  PROGRAMME_COMMANDS,
  isCommandOf,
  type Command,
} from './commands';
import { EVENT_RULES, SOP_EVENT_TYPES } from './events';

const commands = Object.keys(COMMANDS) as Command[];

describe('the command table', () => {
  it('turns every command into its own event, and sends every event by one command', () => {
    const events = commands.map((c) => COMMANDS[c].event);
    expect([...events].sort()).toEqual([...SOP_EVENT_TYPES].sort());
    expect(COMMANDS.RUN_VERVAL.event).toBe('VERVAL_COMPLETED');
    for (const c of commands.filter((name) => name !== 'RUN_VERVAL')) {
      expect([c, COMMANDS[c].event]).toEqual([c, c]);
    }
  });

  it('names the commands whose event an activity completes', () => {
    expect(commands.filter((c) => COMMANDS[c].enriched)).toEqual([
      'RUN_VERVAL',
      'RESUBMIT_CORRECTIONS',
      'PRINT_BAST_BNBA',
    ]);
    // Their request payload is not read, so it is not checked either (as before the table).
    expect(COMMANDS.RUN_VERVAL.payload.safeParse({ anything: 1 }).success).toBe(true);
    expect(COMMANDS.SUBMIT_PROPOSALS.payload.safeParse({ anything: 1 }).success).toBe(false);
  });

  it('splits the commands by workflow, in the SOP order', () => {
    expect(PROGRAMME_COMMANDS).toEqual([
      'SEND_QUOTA_LETTER',
      'DRAFT_SK',
      'APPROVE_SK',
      'REJECT_SK',
      'SIGN_SPK',
    ]);
    expect(ALLOCATION_COMMANDS).toHaveLength(21);
    expect(ALLOCATION_COMMANDS.slice(0, 3)).toEqual([
      'SUBMIT_REQUEST_LETTER',
      'SUBMIT_PROPOSALS',
      'RUN_VERVAL',
    ]);
    expect(isCommandOf('programme', 'SIGN_SPK')).toBe(true);
    expect(isCommandOf('allocation', 'SIGN_SPK')).toBe(false);
    for (const other of ['VERVAL_COMPLETED', 'toString', 'constructor', '', undefined]) {
      expect([other, isCommandOf('allocation', other)]).toEqual([other, false]);
    }
  });

  it("gives the machine a city-wide event from the programme, a step's event from its senders", () => {
    for (const c of commands) {
      const { target, event, roles } = COMMANDS[c];
      expect([c, EVENT_RULES[event]]).toEqual([
        c,
        target === 'programme'
          ? { roles: ['programme'], cityWide: true }
          : { roles, cityWide: false },
      ]);
      expect(roles).not.toContain('programme');
    }
  });
});
