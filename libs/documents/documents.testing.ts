import { execFileSync } from 'node:child_process';
import { Writable } from 'node:stream';
import type { BastInput } from './bast';
import type { BnbaInput, BnbaRow } from './bnba';
import type { DocumentFacts, Issuer, KelurahanPaper } from './document';
import type { Renderer, RenderOptions } from './document';

/** Sample documents for specs and the benchmark: Kota Semarang's heading, made-up persons. */

export const SEMARANG: Issuer = {
  government: 'Pemerintah Kota Semarang',
  agency: 'Dinas Sosial',
  place: 'Semarang',
};

export const sampleFacts = (number: string, issuer: Issuer = SEMARANG): DocumentFacts => ({
  issuer,
  number,
  date: '2021-07-20',
});

/** The n-th made-up person of a kelurahan: a valid-looking NIK ending in its serial. */
export function samplePerson(i: number): BnbaRow {
  return {
    nik: `337401${String(410785 + (i % 9)).padStart(6, '0')}${String(i + 1).padStart(4, '0')}`,
    name: `WARGA ${i + 1} BINTI SUPARMAN`,
    address: `JL. KARANG ANYAR GG. ${(i % 17) + 1} NO. ${i + 1}`,
    rtRw: `${String((i % 9) + 1).padStart(3, '0')}/${String((i % 5) + 1).padStart(3, '0')}`,
  };
}

/** The persons one by one, as a database cursor would hand them over. */
export async function* samplePersons(count: number): AsyncIterable<BnbaRow> {
  for (let i = 0; i < count; i++) yield await Promise.resolve(samplePerson(i));
}

/** Kelurahan Miroto's papers under SK 463/447/2021, with this number and code. */
function samplePaper(number: string, code: string): KelurahanPaper {
  return {
    facts: sampleFacts(number),
    verification: { code, url: `http://127.0.0.1:3000/verify/${code}` },
    programme: 'Jaring Pengaman Sosial (JPS) Paket Sembako Tahun 2021',
    basis: { skNo: '463/447/2021', skDate: '2021-07-19' },
    kecamatan: { code: '33.74.01', name: 'Semarang Tengah' },
    kelurahan: { code: '33.74.01.1001', name: 'Miroto' },
  };
}

export function sampleBnba(count: number, overrides: Partial<BnbaInput> = {}): BnbaInput {
  return {
    ...samplePaper('BNBA/33.74.01.1001/JPS-2021', '7KQ2M-XD4PA'),
    recipientCount: count,
    rows: () => samplePersons(count),
    signatories: [
      { heading: 'Mengetahui,', office: 'Camat Semarang Tengah' },
      { office: 'Lurah Miroto' },
    ],
    ...overrides,
  };
}

export function sampleBast(parcels: number, overrides: Partial<BastInput> = {}): BastInput {
  return {
    ...samplePaper('BAST/33.74.01.1001/JPS-2021', 'M3TQ8-2HX5C'),
    parcels,
    bnbaNumber: 'BNBA/33.74.01.1001/JPS-2021',
    pihakPertama: { office: 'Camat Semarang Tengah' },
    pihakKedua: { office: 'Lurah Miroto', name: 'Sri Rahayu', nip: '197001011990032001' },
    ...overrides,
  };
}

/** Collects what a renderer writes. */
export async function renderToBuffer<I>(
  render: Renderer<I>,
  input: I,
  options: RenderOptions = { nik: 'masked' },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await render(input, sink, options);
  return Buffer.concat(chunks);
}

/**
 * The text of a PDF as Debian's poppler-utils reads it (`pdftotext -layout`), pages split
 * on form feeds: what a person reading the paper sees, word for word.
 */
export function pdfPages(pdf: Buffer): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return text.split('\f').slice(0, -1);
}

/** Runs `work` with the wall clock set to `iso` (timers stay real: streams need them). */
export async function atTime<T>(iso: string, work: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await work();
  } finally {
    jest.useRealTimers();
  }
}
