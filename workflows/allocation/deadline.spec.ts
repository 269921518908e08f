import { overdueReason, stepDeadline, type DeadlineStatus } from './deadline';

const HOUR = 3600_000;
const timing = { stepSlaMs: 2 * HOUR, deliveryGraceMs: 6 * HOUR };
const entered = Date.parse('2021-07-20T03:00:00Z');
const verval: DeadlineStatus = { step: 'verval', stepNo: 4 };
const delivery: DeadlineStatus = { step: 'delivery', stepNo: 14, deliveryDate: '2021-07-24' };

describe('stepDeadline', () => {
  it('gives a step its default SLA from the moment it was entered', () => {
    expect(stepDeadline(verval, entered, timing)).toBe(entered + 2 * HOUR);
  });

  it("uses the step's own SLA where one is configured", () => {
    const perStep = { ...timing, slaByStepMs: { verval: 5 * HOUR, sk: HOUR } };
    expect(stepDeadline(verval, entered, perStep)).toBe(entered + 5 * HOUR);
  });

  it('lets a scheduled delivery run to the end of its day in WIB plus the grace period', () => {
    // 2021-07-24 ends at 2021-07-24T17:00Z (24:00 WIB); six hours of grace follow.
    expect(stepDeadline(delivery, entered, timing)).toBe(Date.parse('2021-07-24T23:00:00Z'));
  });

  it('reads the delivery date in the configured UTC offset', () => {
    const utc = { ...timing, deliveryUtcOffset: '+00:00' };
    expect(stepDeadline(delivery, entered, utc)).toBe(Date.parse('2021-07-25T06:00:00Z'));
  });

  it('falls back to the step SLA while a delivery has no date or an open discrepancy', () => {
    const undated: DeadlineStatus = { step: 'delivery', stepNo: 14 };
    const short = { ...delivery, discrepancy: { expected: 10, delivered: 9 } };
    expect(stepDeadline(undated, entered, timing)).toBe(entered + 2 * HOUR);
    expect(stepDeadline(short, entered, timing)).toBe(entered + 2 * HOUR);
  });

  it('ignores a leftover delivery date once the allocation is past delivery', () => {
    const distribution = { ...delivery, step: 'distribution' as const, stepNo: 15 };
    expect(stepDeadline(distribution, entered, timing)).toBe(entered + 2 * HOUR);
  });
});

describe('overdueReason', () => {
  it('names the step that overran its SLA', () => {
    expect(overdueReason(verval)).toBe('step 4 (verval) has waited longer than its SLA');
  });

  it('names the unconfirmed delivery date', () => {
    expect(overdueReason(delivery)).toBe(
      'delivery scheduled for 2021-07-24 not confirmed within the grace period',
    );
  });

  it('falls back to the SLA reason while a discrepancy is open', () => {
    const short = { ...delivery, discrepancy: { expected: 10, delivered: 9 } };
    expect(overdueReason(short)).toBe('step 14 (delivery) has waited longer than its SLA');
  });
});
