import { ValidationFailed, type FieldProblem } from './errors';
import {
  parseOverrideDecision,
  parseOverrideRequest,
  parseOverrideStatus,
  parseWhyRequest,
} from './verval-requests';

describe('verval request bodies', () => {
  it('reads a why request, with or without a day', () => {
    expect(parseWhyRequest({ nik: '3374011505850001' })).toEqual({ nik: '3374011505850001' });
    expect(parseWhyRequest({ nik: 'x', date: '2021-07-20' })).toEqual({
      nik: 'x',
      date: '2021-07-20',
    });
  });

  it('refuses a missing NIK and a day that does not exist', () => {
    expect(() => parseWhyRequest({})).toThrow(ValidationFailed);
    expect(() => parseWhyRequest({ nik: 'x', date: '2021-02-30' })).toThrow(/date/);
  });

  it('reads an override request and requires a written reason', () => {
    const body = {
      recipientId: '6f1c3d4e-0000-4000-8000-000000000001',
      outcome: 'accepted',
      reason: ' Domisili sudah dicek lapangan ',
      requestedBy: 'ana',
    };
    expect(parseOverrideRequest(body)).toEqual({
      ...body,
      reason: 'Domisili sudah dicek lapangan',
    });
    expect(() => parseOverrideRequest({ ...body, reason: '  ' })).toThrow(/reason/);
    expect(() => parseOverrideRequest({ ...body, outcome: 'maybe' })).toThrow(/outcome/);
  });

  it('reads approvals and rejections; a rejection needs a reason', () => {
    expect(parseOverrideDecision({ approvedBy: 'budi' }, 'approve')).toEqual({ by: 'budi' });
    expect(() => parseOverrideDecision({ rejectedBy: 'budi' }, 'reject')).toThrow(/reason/);
    expect(parseOverrideStatus(undefined)).toBeUndefined();
    expect(() => parseOverrideStatus('open')).toThrow(/status/);
  });

  const problemsOf = (run: () => unknown): FieldProblem[] => {
    try {
      run();
    } catch (error) {
      if (error instanceof ValidationFailed) return [...error.problems];
      throw error;
    }
    return [];
  };
  const fieldsOf = (run: () => unknown) => problemsOf(run).map((p) => p.field);
  const override = {
    recipientId: '6F1C3D4E-0000-4000-8000-00000000000A',
    outcome: 'rejected',
    reason: 'x',
    requestedBy: 'ana',
  };

  it('takes a NIK of 1 to 32 characters and a real calendar day', () => {
    expect(parseWhyRequest({ nik: 'x'.repeat(32) }).nik).toHaveLength(32);
    expect(fieldsOf(() => parseWhyRequest({ nik: 'x'.repeat(33) }))).toEqual(['nik']);
    expect(fieldsOf(() => parseWhyRequest({ nik: '' }))).toEqual(['nik']);
    expect(fieldsOf(() => parseWhyRequest({ nik: 3374011505850001 }))).toEqual(['nik']);
    for (const date of ['2021-13-01', '2021-7-20', '20210720', '', 20210720]) {
      expect(fieldsOf(() => parseWhyRequest({ nik: 'x', date }))).toEqual(['date']);
    }
    expect(parseWhyRequest({ nik: 'x', date: '2024-02-29' }).date).toBe('2024-02-29');
  });

  it('takes override texts up to their length, trimmed, and any case of uuid', () => {
    expect(
      parseOverrideRequest({ ...override, reason: 'r'.repeat(1000), requestedBy: ' b'.repeat(50) }),
    ).toEqual({ ...override, reason: 'r'.repeat(1000), requestedBy: ' b'.repeat(50).trim() });
    expect(
      fieldsOf(() =>
        parseOverrideRequest({
          ...override,
          reason: 'r'.repeat(1001),
          requestedBy: 'b'.repeat(101),
        }),
      ),
    ).toEqual(['reason', 'requestedBy']);
    expect(
      fieldsOf(() =>
        parseOverrideRequest({ recipientId: `${override.recipientId}0`, outcome: 'accepted ' }),
      ),
    ).toEqual(['recipientId', 'outcome', 'reason', 'requestedBy']);
    expect(parseOverrideRequest({ ...override, outcome: 'accepted' }).outcome).toBe('accepted');
  });

  it('names who approved or rejected, and keeps a reason only for a rejection', () => {
    expect(parseOverrideDecision({ approvedBy: ' budi ', reason: 'ok' }, 'approve')).toEqual({
      by: 'budi',
    });
    expect(parseOverrideDecision({ rejectedBy: 'budi', reason: ' no proof ' }, 'reject')).toEqual({
      by: 'budi',
      reason: 'no proof',
    });
    expect(fieldsOf(() => parseOverrideDecision({ approvedBy: 'budi' }, 'reject'))).toEqual([
      'rejectedBy',
      'reason',
    ]);
    expect(fieldsOf(() => parseOverrideDecision({ rejectedBy: 'budi' }, 'approve'))).toEqual([
      'approvedBy',
    ]);
  });

  it('filters overrides by each status, and wants an object body', () => {
    for (const status of ['pending', 'approved', 'rejected'] as const) {
      expect(parseOverrideStatus(status)).toBe(status);
    }
    expect(problemsOf(() => parseOverrideStatus('PENDING'))).toEqual([
      { field: 'status', reason: 'must be one of pending, approved, rejected' },
    ]);
    for (const body of [null, [], 'x']) {
      expect(problemsOf(() => parseWhyRequest(body))).toEqual([
        { field: 'body', reason: 'must be a JSON object' },
      ]);
    }
  });
});
