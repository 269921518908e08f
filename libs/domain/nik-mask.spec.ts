import fc from 'fast-check';
import { maskedNik, maskNik } from './nik-mask';

describe('NIK masking', () => {
  it('shows only the last four digits of a NIK', () => {
    expect(maskNik('3374014107850001')).toBe('************0001');
    expect(maskedNik('0001')).toBe('************0001');
  });

  it('shows nothing of a value too short to be a NIK, or of a missing tail', () => {
    expect(maskNik('12345')).toBe('****************');
    expect(maskedNik(null)).toBe('****************');
    expect(maskedNik('12')).toBe('****************');
  });

  it('never keeps 16 digits or the region and birth date', () => {
    const masked = maskNik('3374014107850001');
    expect(masked).toHaveLength(16);
    expect(masked).not.toMatch(/337401|410785/);
  });

  it('shows the last four of a stored value of 12 characters or more, nothing of a shorter one', () => {
    expect(maskNik('337401410785')).toBe('************0785');
    expect(maskNik('33740141078')).toBe('****************');
  });

  it('never shows more than the last four characters of anything it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 24 }), (value) => {
        const masked = maskNik(value);
        expect(masked).toMatch(/^\*{12}/);
        expect(masked).toHaveLength(16);
        expect(masked.slice(12)).toBe(value.length >= 12 ? value.slice(-4) : '****');
      }),
    );
  });
});
