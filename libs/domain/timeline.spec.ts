import {
  buildTimeline,
  timelinePage,
  whenOf,
  type HistoryCommand,
  type StepRecordFact,
  type TimelineFacts,
} from './timeline';
import { decodeCursor } from './listing';

const alloc = 'allocation-jps-2021-33.74.01';
const at = (minute: number) => new Date(Date.UTC(2021, 6, 20, 3, minute));

const record = (
  id: string,
  kind: string,
  transitionId: string,
  minute: number,
): StepRecordFact => ({
  id,
  workflowId: alloc,
  kind,
  recordedAt: at(minute),
  data: { transitionId, actorId: 'u-kec', role: 'kecamatan_operator' },
});
const update = (
  transitionId: string,
  command: string,
  minute: number,
  outcome: HistoryCommand['outcome'] = 'completed',
): HistoryCommand => ({
  workflowId: alloc,
  transitionId,
  via: 'update',
  command,
  role: 'kecamatan_operator',
  actorId: 'u-kec',
  at: at(minute),
  outcome,
});

const facts = (over: Partial<TimelineFacts> = {}): TimelineFacts => ({
  records: [],
  documents: [],
  evidence: [],
  vervalRuns: [],
  refusals: [],
  history: { commands: [], stuck: [] },
  users: [{ id: 'u-kec', username: 'kec.semarang-tengah', role: 'kecamatan_operator' }],
  ...over,
});

describe('buildTimeline', () => {
  it('ties a step record to its update by the transition id: one entry, with its actor', () => {
    const sut = buildTimeline(
      facts({
        records: [record('r1', 'request-letter', 't1', 1)],
        history: { commands: [update('t1', 'SUBMIT_REQUEST_LETTER', 0)], stuck: [] },
      }),
    );
    expect(sut.disagreements).toEqual([]);
    expect(sut.entries).toEqual([
      expect.objectContaining({
        seq: 1,
        kind: 'step',
        stepNo: 2,
        command: 'SUBMIT_REQUEST_LETTER',
        actor: { userId: 'u-kec', username: 'kec.semarang-tengah', role: 'kecamatan_operator' },
        transitionId: 't1',
        at: { utc: '2021-07-20T03:00:00.000Z', wib: '2021-07-20T10:00:00.000+07:00' },
      }),
    ]);
  });

  it('names a step record without its update, and an applied update without its record', () => {
    const sut = buildTimeline(
      facts({
        records: [record('r-orphan', 'request-letter', 't-gone', 1)],
        history: { commands: [update('t2', 'SUBMIT_PROPOSALS', 2)], stuck: [] },
      }),
    );
    expect(sut.disagreements).toHaveLength(2);
    expect(sut.entries.map((e) => e.disagreement)).toEqual([
      expect.stringContaining('r-orphan'),
      expect.stringContaining('SUBMIT_PROPOSALS (t2)'),
    ]);
  });

  it('shows a recorded refusal once, even when the history refused the same update', () => {
    const sut = buildTimeline(
      facts({
        refusals: [
          {
            id: 'x',
            workflowId: alloc,
            updateId: 't3',
            command: 'INSPECT',
            role: 'tim_pemeriksa',
            actorId: 'u-kec',
            code: 'TRANSITION_REFUSED',
            message: 'INSPECT is not allowed at step 2',
            stepNo: 2,
            refusedAt: at(3),
          },
        ],
        history: { commands: [update('t3', 'INSPECT', 3, 'failed')], stuck: [] },
      }),
    );
    expect(sut.entries).toEqual([
      expect.objectContaining({
        kind: 'refusal',
        command: 'INSPECT',
        stepNo: 2,
        refusal: { code: 'TRANSITION_REFUSED', message: 'INSPECT is not allowed at step 2' },
      }),
    ]);
    expect(sut.disagreements).toEqual([]);
  });

  it('gives a document its step by its record, and names who had to end a stuck period', () => {
    const sut = buildTimeline(
      facts({
        records: [record('r1', 'request-letter', 't1', 30)],
        documents: [
          {
            id: 'd1',
            workflowId: alloc,
            kind: 'surat_permohonan',
            rendition: 'pdf',
            number: '460/1/2021',
            version: 1,
            sha256: 'a'.repeat(64),
            sopStep: 'request-letter',
            stepRecordId: 'r1',
            generatedBy: 'u-kec',
            generatedAt: at(30),
          },
        ],
        history: {
          commands: [update('t1', 'SUBMIT_REQUEST_LETTER', 30)],
          stuck: [{ workflowId: alloc, step: 'request-letter', from: at(10), until: at(30) }],
        },
        users: [
          {
            id: 'u-kec',
            username: 'kec.01',
            role: 'kecamatan_operator',
            kecamatanCode: '33.74.01',
          },
          {
            id: 'u-other',
            username: 'kec.02',
            role: 'kecamatan_operator',
            kecamatanCode: '33.74.02',
          },
        ],
      }),
    );
    expect(sut.entries.map((e) => e.kind)).toEqual(['stuck', 'step']);
    expect(sut.entries[0].stuck).toEqual({
      until: whenOf(at(30)),
      mustAct: [{ userId: 'u-kec', username: 'kec.01', role: 'kecamatan_operator' }],
      actedBy: { userId: 'u-kec', username: 'kec.01', role: 'kecamatan_operator' },
    });
    expect(sut.entries[1].documents).toEqual([
      expect.objectContaining({ id: 'd1', sha256: 'a'.repeat(64), number: '460/1/2021' }),
    ]);
  });
});

describe('timelinePage', () => {
  it('returns every entry once over the pages', () => {
    const timeline = buildTimeline(
      facts({
        records: [1, 2, 3, 4, 5].map((n) => record(`r${n}`, 'proposal-input', `t${n}`, n)),
        history: {
          commands: [1, 2, 3, 4, 5].map((n) => update(`t${n}`, 'SUBMIT_PROPOSALS', n)),
          stuck: [],
        },
      }),
    );
    const seen: number[] = [];
    let after: readonly string[] | undefined;
    for (;;) {
      const page = timelinePage(timeline, { limit: 2, after });
      seen.push(...page.items.map((e) => e.seq));
      if (!page.nextCursor) break;
      after = decodeCursor('timeline', ['integer'], page.nextCursor);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
