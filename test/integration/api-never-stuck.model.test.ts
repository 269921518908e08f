import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { as, loginAs } from '../support/auth';
import { createTestApi } from '../support/api-app';
import { outsiderNik, proposedPerson, residents } from '../support/factories';
import { PROPOSAL_HEADER, proposalRows, toCsv } from '../support/import-files';
import { allocationAtProposalInput } from '../support/programme-api';
import { useSopHarness } from '../support/sop-harness';

const HOME = '33.74.01';
const KEL = [`${HOME}.1001`, `${HOME}.1002`];
const QUOTA = 3;
// A fixed seed, printed with the commands of a failing walk; SALUR_WALK_SEED replays
// another set of walks.
const SEED = Number(process.env.SALUR_WALK_SEED ?? 20211207);
const WALKS = 10;
const STEPS = 20;

type Agent = ReturnType<typeof as>;
type Res = { status: number; body: Record<string, unknown> };

/** What the walk knows of one allocation at steps 3-4, from the API's own answers. */
interface Model {
  step: 'proposal-input' | 'under-review' | 'returned' | 'sk';
  batches: { id: string; size: number; submitted: boolean }[];
  returned: string[];
  accepted: number;
  resubmitted: number;
}

interface Real {
  allocation: string;
  operator: Agent;
  tim: Agent;
}

interface Cmd {
  run(m: Model, r: Real): Promise<void>;
  toString(): string;
}

/** What the walks did, by command and answer: a walk that never reached verval proves little. */
const seen = new Map<string, number>();

const expectStatus = (res: Res, expected: number, what: string) => {
  seen.set(`${what} ${res.status}`, (seen.get(`${what} ${res.status}`) ?? 0) + 1);
  if (res.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
};

/** The step as the walk models it, from the allocation view. */
const modelStep = (view: Record<string, unknown>): Model['step'] => {
  if (view.step === 'proposal-input') return 'proposal-input';
  if (view.step === 'verval') return view.phase === 'verval' ? 'under-review' : 'returned';
  if (view.step === 'sk') return 'sk';
  throw new Error(`unexpected step ${String(view.step)} (${String(view.phase)})`);
};

async function refreshReturned(m: Model, r: Real, view: Record<string, unknown>): Promise<void> {
  m.step = modelStep(view);
  m.accepted = (view.counts as { accepted: number }).accepted;
  const res = await r.operator.get(`${r.allocation}/returned`);
  expectStatus(res, 200, 'GET returned');
  m.returned = (res.body as unknown as { recipientId: string }[]).map((p) => p.recipientId);
  m.resubmitted = 0;
}

class UploadJson implements Cmd {
  constructor(readonly outsiders: boolean[]) {}
  async run(m: Model, r: Real) {
    const persons = this.outsiders.map((outsider) =>
      outsider ? proposedPerson(outsiderNik(), KEL[0]) : residents(HOME, KEL, 1)[0],
    );
    const res = await r.operator.post(`${r.allocation}/proposals`).send({ persons });
    expectStatus(res, 201, 'JSON upload');
    m.batches.push({ id: res.body.batchId as string, size: persons.length, submitted: false });
  }
  toString = () =>
    `uploadJson(${this.outsiders.map((o) => (o ? 'outsider' : 'resident')).join(', ')})`;
}

class ImportCsv implements Cmd {
  constructor(readonly size: number) {}
  async run(m: Model, r: Real) {
    const res = await r.operator
      .post(`${r.allocation}/proposals/import`)
      .field('letterNo', 'L-1')
      .field('letterDate', '2021-07-12')
      .field('acknowledgedByCamat', 'true')
      .attach('file', toCsv([PROPOSAL_HEADER, ...proposalRows(HOME, KEL, this.size)]), 'u.csv');
    expectStatus(res, 201, 'CSV import');
    m.batches.push({ id: res.body.batchId as string, size: this.size, submitted: false });
  }
  toString = () => `importCsv(${this.size})`;
}

class Discard implements Cmd {
  constructor(readonly pick: number) {}
  async run(m: Model, r: Real) {
    const batch = m.batches[this.pick % m.batches.length];
    const res = await r.operator.post(`${r.allocation}/batches/${batch.id}/discard`).send({});
    expectStatus(res, batch.submitted ? 409 : 200, 'discard');
    if (!batch.submitted) m.batches = m.batches.filter((b) => b !== batch);
  }
  toString = () => `discard(#${this.pick})`;
}

class Submit implements Cmd {
  constructor(readonly pick: number) {}
  async run(m: Model, r: Real) {
    const batch = m.batches[this.pick % m.batches.length];
    const res = await r.operator
      .post(`${r.allocation}/commands/SUBMIT_PROPOSALS`)
      .send({ payload: { batchId: batch.id, proposedCount: batch.size } });
    expectStatus(res, m.step === 'proposal-input' ? 200 : 409, 'SUBMIT_PROPOSALS');
    if (res.status === 200) {
      batch.submitted = true;
      m.step = 'under-review';
    }
  }
  toString = () => `submit(#${this.pick})`;
}

class RunVerval implements Cmd {
  async run(m: Model, r: Real) {
    const res = await r.tim.post(`${r.allocation}/commands/RUN_VERVAL`).send({});
    // The property: verval never fails when it is due.
    expectStatus(res, m.step === 'under-review' ? 200 : 409, 'RUN_VERVAL');
    if (res.status === 200) await refreshReturned(m, r, res.body);
  }
  toString = () => 'runVerval';
}

class Correct implements Cmd {
  constructor(
    readonly pick: number,
    readonly outsider: boolean,
  ) {}
  async run(m: Model, r: Real) {
    const recipientId = m.returned[this.pick % m.returned.length];
    const nik = this.outsider ? outsiderNik() : residents(HOME, KEL, 1)[0].nik;
    const res = await r.operator
      .post(`${r.allocation}/returned/${recipientId}/correct`)
      .send({ nik, kelurahanCode: KEL[1] });
    expectStatus(res, 200, 'correct');
    m.returned = m.returned.filter((id) => id !== recipientId);
    m.resubmitted += 1;
  }
  toString = () => `correct(#${this.pick}, ${this.outsider ? 'outsider' : 'resident'})`;
}

class Withdraw implements Cmd {
  constructor(readonly pick: number) {}
  async run(m: Model, r: Real) {
    const recipientId = m.returned[this.pick % m.returned.length];
    const res = await r.operator.post(`${r.allocation}/returned/${recipientId}/withdraw`).send({});
    // Withdrawing the last hope would leave an SK with nobody: refused, so never stuck.
    const lastHope = m.accepted === 0 && m.resubmitted === 0 && m.returned.length === 1;
    expectStatus(res, lastHope ? 409 : 200, 'withdraw');
    if (res.status === 200) m.returned = m.returned.filter((id) => id !== recipientId);
  }
  toString = () => `withdraw(#${this.pick})`;
}

class Resubmit implements Cmd {
  async run(m: Model, r: Real) {
    const res = await r.operator.post(`${r.allocation}/commands/RESUBMIT_CORRECTIONS`).send({});
    const due = m.step === 'returned' && m.returned.length === 0;
    expectStatus(res, due ? 200 : 409, 'RESUBMIT_CORRECTIONS');
    if (res.status === 200) {
      m.step = modelStep(res.body);
      m.resubmitted = 0;
    }
  }
  toString = () => 'resubmit';
}

class WrongRole implements Cmd {
  constructor(readonly which: number) {}
  async run(_m: Model, r: Real) {
    // Each step's command sent by the other role: refused whatever the step, changing nothing.
    const res =
      this.which % 2 === 0
        ? await r.operator.post(`${r.allocation}/commands/RUN_VERVAL`).send({})
        : await r.tim.post(`${r.allocation}/proposals`).send({ persons: residents(HOME, KEL, 1) });
    expectStatus(res, 403, 'wrong role');
  }
  toString = () => `wrongRole(${this.which % 2 === 0 ? 'RUN_VERVAL' : 'upload'})`;
}

/** Draws a whole number below n from the walk's seeded sequence. */
type Draw = (n: number) => number;

/**
 * The commands a walker may send now: any upload, verval and resubmission at any step
 * (refused where the SOP says so), and acts on a batch or a returned person when there
 * is one. Acts that move the allocation on are listed twice.
 */
function candidates(m: Model, draw: Draw): Cmd[] {
  const list: Cmd[] = [
    new UploadJson(Array.from({ length: 1 + draw(4) }, () => draw(2) === 1)),
    new ImportCsv(1 + draw(5)),
    new RunVerval(),
    new Resubmit(),
    new WrongRole(draw(2)),
  ];
  if (m.batches.length > 0) {
    list.push(new Discard(draw(1000)), new Submit(draw(1000)), new Submit(draw(1000)));
  }
  if (m.returned.length > 0) {
    list.push(
      new Correct(draw(1000), draw(2) === 1),
      new Correct(draw(1000), draw(2) === 1),
      new Withdraw(draw(1000)),
      new Withdraw(draw(1000)),
    );
  }
  return list;
}

/**
 * Issue #12, "a programme must never be unable to move": random sequences of uploads
 * (JSON and file import), discards, commands, corrections and withdrawals at steps 3-4,
 * by the right roles and by wrong ones, through the API on real Temporal and PostgreSQL.
 * After every command the allocation offers an event (or is flagged stuck by its SLA),
 * and verval, when due, succeeds; after each walk the allocation is driven on to the SK.
 */
describe('an allocation can always move on (model-based walk over the API)', () => {
  const h = useSopHarness();
  let app: INestApplication;
  let admin: Agent;
  let tim: Agent;
  let operator: Agent;

  beforeAll(async () => {
    app = await createTestApi(h.config);
    admin = as(app, await loginAs(app, 'dinsos_admin'));
    tim = as(app, await loginAs(app, 'tim_data'));
    operator = as(app, await loginAs(app, 'kecamatan_operator', HOME));
  });
  afterAll(async () => {
    await app?.close();
  });

  function freshAllocation(): Promise<string> {
    return allocationAtProposalInput(
      { admin, tim, operator },
      [{ kecamatanCode: HOME, quota: QUOTA }],
      HOME,
    );
  }

  /** The invariant after every command: the allocation offers a way on, or is flagged stuck. */
  async function checkCanMove(m: Model, r: Real): Promise<void> {
    const res = await r.tim.get(r.allocation);
    expectStatus(res, 200, 'GET allocation');
    const view = res.body as { allowedEvents: unknown[]; stuck: boolean };
    if (view.allowedEvents.length === 0 && !view.stuck) {
      throw new Error(`no allowed event and not flagged stuck: ${JSON.stringify(res.body)}`);
    }
    if (modelStep(res.body) !== m.step) {
      throw new Error(`model step ${m.step}, API step ${JSON.stringify(res.body)}`);
    }
  }

  /** Drives the allocation on to the SK the way an operator would: it must get there. */
  async function driveToSk(m: Model, r: Real): Promise<void> {
    for (let turn = 0; turn < 8 && m.step !== 'sk'; turn++) {
      if (m.step === 'proposal-input') {
        // One resident, two outsiders: two come back, to be corrected or withdrawn.
        await new UploadJson([true, false, true]).run(m, r);
        await new Submit(m.batches.length - 1).run(m, r);
      } else if (m.step === 'under-review') {
        await new RunVerval().run(m, r);
      } else {
        // Places left: correct the returned persons; none left: withdraw them.
        while (m.returned.length > 0) {
          if (m.accepted < QUOTA) await new Correct(0, false).run(m, r);
          else await new Withdraw(0).run(m, r);
        }
        await new Resubmit().run(m, r);
      }
      await checkCanMove(m, r);
    }
    if (m.step !== 'sk') throw new Error(`did not reach the SK: model ${JSON.stringify(m)}`);
  }

  it('random walks of steps 3-4 never leave an allocation unable to move', async () => {
    for (let walk = 0; walk < WALKS; walk++) {
      // Each walk's numbers come from the fixed seed, so a failure replays exactly.
      const [numbers] = fc.sample(fc.array(fc.nat(), { minLength: 20_000, maxLength: 20_000 }), {
        seed: SEED + walk,
        numRuns: 1,
      });
      let next = 0;
      const draw: Draw = (n) => numbers[next++ % numbers.length] % n;
      const model: Model = {
        step: 'proposal-input',
        batches: [],
        returned: [],
        accepted: 0,
        resubmitted: 0,
      };
      const real: Real = { allocation: await freshAllocation(), operator, tim };
      const log: string[] = [];
      try {
        for (let step = 0; step < STEPS; step++) {
          const options = candidates(model, draw);
          const cmd = options[draw(options.length)];
          log.push(cmd.toString());
          await cmd.run(model, real);
          await checkCanMove(model, real);
        }
        log.push('driveToSk');
        await driveToSk(model, real);
      } catch (error) {
        // Commands and record ids only: no NIK or name is ever in the log.
        throw new Error(
          `walk ${walk} (SALUR_WALK_SEED=${SEED}) failed after ${log.join(' → ')}: ` +
            (error instanceof Error ? error.message : String(error)),
          { cause: error },
        );
      }
    }
    // The walks went where the failures were: verval with other batches about,
    // corrections re-reviewed, discards both ways and the last withdrawal refused.
    const wanted = [
      'RUN_VERVAL 200',
      'RESUBMIT_CORRECTIONS 200',
      'discard 200',
      'discard 409',
      'correct 200',
      'withdraw 200',
      'withdraw 409',
      'CSV import 201',
    ];
    expect(wanted.filter((outcome) => !seen.has(outcome))).toEqual([]);
  }, 240_000);
});
