import { ValidationFailed } from './errors';
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
});
