import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildOpenApiDocument } from '@salur/apps/api/src/openapi';
import { USER_ROLES, type UserRole } from '@salur/libs/domain/auth';
import { buildDataSourceOptions } from '@salur/libs/persistence';
import { ALLOCATION_COMMANDS, PROGRAMME_COMMANDS } from '@salur/libs/temporal';
import { createTestApi } from '../support/api-app';
import { loginAs, type Session } from '../support/auth';
import { SopDriver } from '../support/sop-driver';
import { startTestWorker, testConfig } from '../support/test-app';
import { TEST_DATABASE_URL } from '../support/services';

/**
 * Every operation of the OpenAPI document, called by authorised roles with malformed,
 * oversized, mistyped and unicode input (issue 12). Whatever comes in: no 5xx, an error
 * body as the error filter writes it, no NIK echoed, and a refused call writes nothing —
 * no row in PostgreSQL, no transition of the workflows. Bounded in runs, not in time: a
 * time limit made a loaded machine call some operations zero times and others with other
 * inputs, so the same seed no longer meant the same calls. A failure prints its seed
 * (FUZZ_SEED=<seed> replays it).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const RUNS_PER_OPERATION = 8;
/** Generous: about a minute on a quiet machine, several on a loaded one. */
const TEST_TIMEOUT_MS = 600_000;
/** Writes of the API and worker of this file are told apart by their connection's name. */
const APP_NAME = 'salur-fuzz';
const NIK = '3374011006830236';
const OVERSIZED = JSON.stringify({ payload: { text: 'x'.repeat(6 * 1024 * 1024) } });

interface Operation {
  method: 'get' | 'post';
  path: string;
  pathParams: string[];
  queryParams: string[];
}

interface Call {
  role: UserRole;
  params: Record<string, string>;
  query: Partial<Record<string, string>>;
  contentType: string;
  body: string;
  idempotencyKey?: string;
}

jest.setTimeout(TEST_TIMEOUT_MS);

describe('fuzz of every operation in the OpenAPI document', () => {
  const config = {
    ...testConfig(),
    databaseUrl: `${TEST_DATABASE_URL}?application_name=${APP_NAME}`,
    // Thousands of refused calls each log a 4xx line at warn; a 5xx (error) still shows.
    logLevel: 'error' as const,
  };
  const kec = '33.74.01';
  let app: INestApplication;
  let dataSource: DataSource;
  let worker: Awaited<ReturnType<typeof startTestWorker>>;
  let sop: SopDriver;
  let operations: Operation[];
  const sessions = new Map<UserRole, Session>();
  const realIds: Record<string, string[]> = {};

  beforeAll(async () => {
    dataSource = await new DataSource(buildDataSourceOptions(config.databaseUrl)).initialize();
    await installWriteAudit(dataSource);
    worker = await startTestWorker(config, dataSource);
    sop = await SopDriver.connect(config, dataSource);
    app = await createTestApi(config);
    for (const role of USER_ROLES) {
      sessions.set(
        role,
        await loginAs(
          app,
          role,
          role === 'kecamatan_operator'
            ? kec
            : role === 'kelurahan_operator'
              ? `${kec}.1001`
              : undefined,
        ),
      );
    }
    // Real objects, so that some calls get past "not found" into the validation behind it.
    await sop.startProgramme([{ kecamatanCode: kec, quota: 3 }]);
    await sop.city('SEND_QUOTA_LETTER', 'tim_data', { letterNo: 'SE-FUZZ' });
    const { batchId } = await sop.propose(kec, 3);
    const [recipient]: { id: string }[] = await dataSource.query(
      'SELECT id FROM proposed_recipient WHERE batch_id = $1 LIMIT 1',
      [batchId],
    );
    const ids = [sop.allocationId(kec), sop.programmeId, sop.programId, batchId, recipient.id];
    Object.assign(realIds, {
      id: ids,
      programId: [sop.programId],
      recipientId: [recipient.id],
      evidenceId: [recipient.id],
      code: [kec, '33.74'],
      kelurahanCode: [`${kec}.1001`, '33.74.02.1001'],
      register: ['dtks', 'pkh'],
      command: [...ALLOCATION_COMMANDS, ...PROGRAMME_COMMANDS],
    });

    const document = buildOpenApiDocument(app);
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post'] as const)
        .filter((method) => item[method])
        .map((method) => {
          const parameters = (item[method]?.parameters ?? []) as { in: string; name: string }[];
          return {
            method,
            path,
            pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
            queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
          };
        }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await sop?.close();
    await worker?.stop();
    if (dataSource?.isInitialized) {
      await removeWriteAudit(dataSource);
      await dataSource.destroy();
    }
  });

  it(`answers no 5xx, a coded error body and no write on refusal (seed ${SEED})`, async () => {
    expect(operations.length).toBeGreaterThan(30);
    const [{ name }]: { name: string }[] = await dataSource.query(
      "SELECT current_setting('application_name') AS name",
    );
    expect(name).toBe(APP_NAME);
    const called = new Set<string>();
    const statuses = new Map<number, number>();

    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(callOf(operation, realIds), async (call) => {
          const before = await snapshot();
          const res = await send(operation, call);
          called.add(`${operation.method} ${operation.path}`);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          const label = `${operation.method.toUpperCase()} ${operation.path} as ${call.role} → ${res.status}`;
          expect({ label, status: res.status < 500 }).toEqual({ label, status: true });
          if (res.status < 400) return;
          expect({ label, ...errorShape(res.body) }).toEqual({ label, ok: true });
          expect(JSON.stringify(res.body)).not.toContain(NIK);
          expect({ label, after: await snapshot() }).toEqual({ label, after: before });
        }),
        {
          seed: SEED,
          numRuns: RUNS_PER_OPERATION,
          endOnFailure: true,
        },
      );
    }
    // Every operation was called, and the inputs got
    // past the parsers and the guard into validation, not only into one kind of refusal.
    expect(operations.filter((o) => !called.has(`${o.method} ${o.path}`))).toEqual([]);
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 404, 413, 415]));
  });

  async function send(operation: Operation, call: Call) {
    let url = operation.path;
    for (const name of operation.pathParams) url = url.replace(`{${name}}`, call.params[name]);
    const query = new URLSearchParams(
      Object.entries(call.query).filter((e): e is [string, string] => e[1] !== undefined),
    ).toString();
    if (query) url += `?${query}`;
    const session = sessions.get(call.role);
    if (!session) throw new Error(`no session for ${call.role}`);
    const agent = request(app.getHttpServer());
    let req = (operation.method === 'get' ? agent.get(url) : agent.post(url)).auth(session.token, {
      type: 'bearer',
    });
    if (call.idempotencyKey !== undefined) req = req.set('Idempotency-Key', call.idempotencyKey);
    if (operation.method === 'post')
      req = req.set('Content-Type', call.contentType).send(call.body);
    return req;
  }

  /** What a refused call must leave as it was: rows written by this file's API and worker, and the workflows' transitions. */
  async function snapshot() {
    const [{ writes }]: { writes: number }[] = await dataSource.query(
      // A refused command still records the first use of its Idempotency-Key, by design.
      `SELECT count(*)::int AS writes FROM fuzz_write_audit WHERE table_name <> 'command_idempotency_key'`,
    );
    const programme = await sop.programme();
    const allocation = await sop.status(kec);
    return {
      writes,
      programmeStep: programme.allocations.map((a) => a.stepNo),
      allocationTransitions: allocation.transitions,
    };
  }
});

/** The error body the DomainErrorFilter writes: `{ code, message, ... }`, statusCode optional. */
function errorShape(body: unknown): { ok: boolean; body?: unknown } {
  const fields = body as { code?: unknown; message?: unknown; statusCode?: unknown } | null;
  const ok =
    typeof fields === 'object' &&
    fields !== null &&
    typeof fields.code === 'string' &&
    fields.code.length > 0 &&
    typeof fields.message === 'string' &&
    fields.message.length > 0 &&
    (fields.statusCode === undefined || typeof fields.statusCode === 'number');
  return ok ? { ok } : { ok, body };
}

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '0', '-1', 'null', '..', '%', '%FF', "'; DROP TABLE x;--", NIK),
  fc.constantFrom('x'.repeat(3000), '𝕊'.repeat(500), '\u0000', 'a\u202Eb'),
  fc.uuid(),
);

const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  text,
  fc.integer(),
  fc.double(),
  fc.constantFrom(NIK, Number(NIK), 3.37401e15, `'${NIK}`, [], {}, null, true),
);

/** A call of one operation: path parameters real or not, query, body, headers, role. */
function callOf(operation: Operation, realIds: Record<string, string[]>): fc.Arbitrary<Call> {
  const params = fc.record(
    Object.fromEntries(
      operation.pathParams.map((name) => [
        name,
        fc
          .oneof(
            { weight: 3, arbitrary: fc.constantFrom(...(realIds[name] ?? ['x'])) },
            { weight: 2, arbitrary: text },
            // Ids shaped like real ones around a NIK: an answer must not echo it.
            { weight: 1, arbitrary: fc.constantFrom(`allocation-x-${NIK}`, `programme-${NIK}`) },
          )
          .map((value) => (value === '%' || value === '%FF' ? value : encodeURIComponent(value))),
      ]),
    ),
  );
  const query = fc.record(Object.fromEntries(operation.queryParams.map((name) => [name, text])), {
    requiredKeys: [],
  });
  const body = fc.oneof(
    { weight: 4, arbitrary: jsonValue.map((v) => JSON.stringify({ payload: v })) },
    {
      weight: 4,
      arbitrary: fc
        .dictionary(fc.string({ maxLength: 12 }), jsonValue)
        .map((v) => JSON.stringify(v)),
    },
    { weight: 2, arbitrary: jsonValue.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.constant(OVERSIZED) },
  );
  return fc.record(
    {
      role: fc.constantFrom(...USER_ROLES),
      params,
      query,
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'application/json; charset=utf-8',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'text/plain',
        'application/x-www-form-urlencoded',
      ),
      body,
      idempotencyKey: fc.oneof(
        fc.uuid(),
        // Any character an HTTP client may send in a header: printable ASCII and Latin-1.
        fc.string({
          unit: fc
            .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
            .map((c) => String.fromCharCode(c)),
          maxLength: 300,
        }),
        fc.constant('k'.repeat(5000)),
        fc.constant(`retry-${NIK}`),
      ),
    },
    { requiredKeys: ['role', 'params', 'query', 'contentType', 'body'] },
  );
}

/**
 * Counts every row written by a connection named APP_NAME (this file's API and worker), in
 * any table, whatever other test files write to the same database at the same time.
 */
async function installWriteAudit(dataSource: DataSource): Promise<void> {
  await dataSource.query(`CREATE TABLE IF NOT EXISTS fuzz_write_audit (
    id bigserial PRIMARY KEY, table_name text NOT NULL, op text NOT NULL)`);
  await dataSource.query(`CREATE OR REPLACE FUNCTION fuzz_write_audit() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('application_name') = '${APP_NAME}' THEN
        INSERT INTO fuzz_write_audit (table_name, op) VALUES (TG_TABLE_NAME, TG_OP);
      END IF;
      RETURN NULL;
    END $$`);
  for (const table of await auditedTables(dataSource)) {
    await dataSource.query(
      `CREATE OR REPLACE TRIGGER fuzz_write_audit AFTER INSERT OR UPDATE OR DELETE ON "${table}"
       FOR EACH ROW EXECUTE FUNCTION fuzz_write_audit()`,
    );
  }
}

async function removeWriteAudit(dataSource: DataSource): Promise<void> {
  for (const table of await auditedTables(dataSource)) {
    await dataSource.query(`DROP TRIGGER IF EXISTS fuzz_write_audit ON "${table}"`);
  }
  await dataSource.query('DROP FUNCTION IF EXISTS fuzz_write_audit() CASCADE');
  await dataSource.query('DROP TABLE IF EXISTS fuzz_write_audit');
}

async function auditedTables(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query(
    `SELECT tablename AS name FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'fuzz_write_audit'`,
  );
  return rows.map((row) => row.name);
}
