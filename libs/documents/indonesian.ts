import { isCalendarDate } from '../shared/calendar-date';

/** Words documents are signed in: dates and amounts written the Indonesian way. */

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu'];

function parts(date: string): [number, number, number] {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

/** "2021-07-20" → "20 Juli 2021". */
export function tanggal(date: string): string {
  const [year, month, day] = parts(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "2021-07-20" → "Selasa". */
export function hari(date: string): string {
  const [year, month, day] = parts(date);
  return DAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
}

/** Midnight UTC of the date: the one instant a document's files are stamped with. */
export function instantOf(date: string): Date {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

const UNITS = [
  '',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
  'sebelas',
];

/** A whole number in words, as amounts are written on a berita acara: 312 → "tiga ratus dua belas". */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number: ${n}`);
  if (n === 0) return 'nol';
  const words = (x: number): string => {
    if (x < 12) return UNITS[x];
    if (x < 20) return `${UNITS[x - 10]} belas`;
    if (x < 100) return join(`${UNITS[Math.floor(x / 10)]} puluh`, words(x % 10));
    if (x < 200) return join('seratus', words(x - 100));
    if (x < 1000) return join(`${UNITS[Math.floor(x / 100)]} ratus`, words(x % 100));
    if (x < 2000) return join('seribu', words(x - 1000));
    for (const [size, name] of [
      [1e12, 'triliun'],
      [1e9, 'miliar'],
      [1e6, 'juta'],
      [1e3, 'ribu'],
    ] as const) {
      if (x >= size) return join(`${words(Math.floor(x / size))} ${name}`, words(x % size));
    }
    return '';
  };
  return words(n);
}

const join = (a: string, b: string) => (b ? `${a} ${b}` : a);

/** Rupiah as printed on a decree or contract: 200000 → "Rp 200.000". */
export function rupiah(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number: ${n}`);
  return `Rp ${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/** A count as printed in a table: 80000 → "80.000". */
export function angka(n: number): string {
  return rupiah(n).slice(3);
}
