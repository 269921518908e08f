import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { buildDist, closedPort, REPO_ROOT } from '../support/services';
import { eventually } from '../support/sop-driver';
import { testConfig } from '../support/test-app';

/**
 * The real worker process started while PostgreSQL and Temporal are both down: it stays up,
 * says so in JSON log lines, and polls once Temporal answers.
 */
describe('a worker started while its dependencies are down', () => {
  let worker: ChildProcess | undefined;
  let relay: Server | undefined;
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    relay?.close();
  });

  it('waits for them instead of exiting, logging JSON, and polls when Temporal returns', async () => {
    buildDist();
    const config = testConfig();
    const temporalPort = await closedPort();
    const output: string[] = [];
    worker = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/worker/src/main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/salur`,
        TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
        TEMPORAL_TASK_QUEUE: `${config.temporal.taskQueue}-start`,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    worker.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));

    // Every line is JSON; both waits are said (a loaded machine may take seconds to start Node).
    const messages = () =>
      output
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { message: string }).message);
    await eventually(() => {
      expect(messages().some((m) => /^Temporal at .* not reachable/.test(m))).toBe(true);
      expect(messages().some((m) => /^not reachable, retrying/.test(m))).toBe(true);
      return Promise.resolve();
    }, 30_000);
    expect(worker.exitCode).toBeNull();

    // Temporal "returns": a TCP relay to the test server opens on the worker's port.
    const [host, port] = config.temporal.address.split(':');
    relay = createServer((socket) => {
      const upstream = createConnection(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => relay!.listen(temporalPort, '127.0.0.1', resolve));
    await eventually(() => {
      // The Temporal SDK's own lines by now too, all JSON.
      expect(messages().some((m) => m.startsWith('Worker polling task queue'))).toBe(true);
      return Promise.resolve();
    }, 20_000);
    expect(worker.exitCode).toBeNull();
  }, 120_000);
});
