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

  it('is xorshift32: its published sequence from seed 1, and varied numbers from seed 0', () => {
    const first = seededRandom(1);
    expect([first(), first(), first()]).toEqual(
      [270369, 67634689, 2647435461].map((n) => n / 2 ** 32),
    );
    const zero = seededRandom(0);
    const values = Array.from({ length: 50 }, () => zero());
    expect(new Set(values).size).toBe(50);
    for (const value of values) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('makes varied people: both sexes, every month, many days, years and serials', () => {
    const random = seededRandom(7);
    const niks = Array.from({ length: 500 }, () => syntheticNik('33.74.05', random));
    const distinct = (from: number, to: number) => new Set(niks.map((n) => n.slice(from, to))).size;
    expect(new Set(niks.map((n) => Number(n.slice(6, 8)) > 40)).size).toBe(2);
    expect(distinct(6, 8)).toBeGreaterThan(40);
    expect(distinct(8, 10)).toBe(12);
    expect(distinct(10, 12)).toBeGreaterThan(90);
    expect(distinct(12, 16)).toBeGreaterThan(450);
  });
});
