import fc from 'fast-check';
import { containsNik } from '../domain/nik-in-text';
import { textAfter, textBefore, writtenNik } from '../domain/nik-in-text.arbitrary';
import { createLogger } from './logger';
import { temporalLogger } from './temporal-log';

const NIK = '3374014107850001';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => raw.push(line) } });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, raw, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line: time, level as a word, message and the fields', () => {
    const { logger, raw, lines } = capture();
    logger.info({ context: 'Bootstrap', port: 3000 }, 'API listening');
    expect(raw).toHaveLength(1);
    expect(raw[0].endsWith('\n')).toBe(true);
    expect(lines()[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      level: 'info',
      context: 'Bootstrap',
      port: 3000,
      message: 'API listening',
    });
  });

  it('drops lines below its level', () => {
    const { logger, raw } = capture('warn');
    logger.info('not shown');
    logger.warn('shown');
    expect(raw).toHaveLength(1);
  });

  it('masks a NIK wherever a caller puts it: message, field, error, child binding', () => {
    const { logger, raw } = capture();
    logger.info(`person ${NIK} imported`);
    logger.warn({ nik: NIK, row: { nik: Number(NIK) } }, 'duplicate');
    logger.error({ err: new Error(`refused ${NIK}`) }, 'failed');
    logger.child({ batch: `b-${NIK}` }).info('child line');
    logger.info('interpolated %s', NIK);
    const all = raw.join('');
    expect(all).not.toContain(NIK);
    expect(all).toContain('3374************');
    for (const line of raw) JSON.parse(line);
  });

  it('censors credentials even when a record carries headers or a password', () => {
    const { logger, raw } = capture();
    logger.info({ req: { headers: { authorization: 'Bearer abc.def' } }, password: 'rahasia' });
    logger.info({ body: { password: 'rahasia', accessToken: 'tok' } });
    expect(raw.join('')).not.toMatch(/abc\.def|rahasia|"tok"/);
  });

  it('lets no written NIK through, whatever the message around it', () => {
    const { logger, raw } = capture();
    fc.assert(
      fc.property(textBefore, writtenNik, textAfter, (before, nik, after) => {
        raw.length = 0;
        logger.info({ field: before + nik + after }, before + nik + after);
        const line = JSON.parse(raw[0]) as { field: string; message: string };
        expect(containsNik(line.field) || containsNik(line.message)).toBe(false);
      }),
    );
  });
});

describe('temporalLogger', () => {
  it("writes the SDK's lines through the same logger, its metadata as fields", () => {
    const { logger, lines } = capture('info');
    const sdk = temporalLogger(logger);
    sdk.debug('below the level');
    sdk.warn(`activity failed for ${NIK}`, {
      workflowId: 'allocation-p-33.74.01',
      sdkComponent: 'activity',
    });
    sdk.log('ERROR', 'boom');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'warn',
        context: 'Temporal',
        workflowId: 'allocation-p-33.74.01',
        sdkComponent: 'activity',
        message: 'activity failed for 3374************',
      }),
      expect.objectContaining({ level: 'error', context: 'Temporal', message: 'boom' }),
    ]);
  });
});
