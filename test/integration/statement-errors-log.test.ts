import type { DataSource } from 'typeorm';
import { ProposalRepository } from '@salur/libs/persistence';
import { semarangNik } from '../support/factories';
import { openTestDataSource, testProgramId } from '../support/test-app';

/**
 * A refused statement must not put its parameters in the log: they carry NIKs, names and
 * addresses. The caller gets the error and reports it (the API through its redacting logger).
 */
describe('statements that fail', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('reach the caller, and neither the statement nor its personal data reach the log', async () => {
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation(capture),
      jest.spyOn(process.stderr, 'write').mockImplementation(capture),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          written.push(args.map(String).join(' '));
        }),
      ),
    ];
    const nik = semarangNik('33.74.01');
    try {
      // A person in a kelurahan that does not exist: refused by the reference check.
      const refused = new ProposalRepository(dataSource).createBatch({
        programId: testProgramId(),
        kecamatanCode: '33.74.01',
        workflowId: `allocation-${testProgramId()}-33.74.01`,
        persons: [{ nik, kelurahanCode: '33.74.01.9999' }],
      });
      await expect(refused).rejects.toThrow(/kelurahan|region|foreign key/i);
      await expect(dataSource.query('SELECT $1::int AS n', [nik])).rejects.toThrow(
        /out of range for type integer/,
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(written.join('\n')).not.toContain(nik);
    expect(written.join('\n')).not.toMatch(/query failed|PARAMETERS/);
  });
});
