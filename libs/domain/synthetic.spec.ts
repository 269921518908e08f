import { seededRandom, syntheticNik } from './synthetic';

describe('synthetic residents', () => {
  it('builds 16-digit NIKs that start with the kecamatan code and carry a real date', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const nik = syntheticNik('33.74.05', random);
      expect(nik).toMatch(/^337405\d{10}$/);
      const day = Number(nik.slice(6, 8)) % 40;
      const month = Number(nik.slice(8, 10));
      expect(day).toBeGreaterThanOrEqual(1);
      expect(day).toBeLessThanOrEqual(28);
      expect(month).toBeGreaterThanOrEqual(1);
      expect(month).toBeLessThanOrEqual(12);
      expect(nik.slice(12)).not.toBe('0000');
    }
  });

  it('is reproducible from its seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([1, 2, 3].map(() => syntheticNik('33.74.01', a))).toEqual(
      [1, 2, 3].map(() => syntheticNik('33.74.01', b)),
    );
  });
});
