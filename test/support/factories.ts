import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COVID_IMPACTS } from '@salur/libs/domain/covid-impact';
import type { ProposedPerson } from '@salur/libs/persistence/proposal.repository';
import { REPO_ROOT } from './services';

/*
 * NIKs and No. KKs for tests: structurally valid (libs/domain/nik.ts: region code, date
 * DDMMYY, serial), and never the same twice in a test run. Test files run in parallel on one
 * database, and Jest loads this module afresh for each file, so a counter alone would start
 * every file at the same numbers. Each file gets its own block of dates instead, found from
 * its place among the test files, and counts within it.
 *
 * Dates are numbered 0.. as day 1-28, month 1-12, then the two-digit year. Residents use
 * the years 00-39 and persons put in exclusion registers 90-99, so listing one never excludes
 * a resident; the synthetic generator (libs/synthetic) mints from year 40 on.
 */

const DAYS = 28;
const DATES_PER_YEAR = DAYS * 12;
const SERIALS = 9999;
/** Test files this scheme has room for; each range below is divided among them. */
export const MAX_TEST_FILES = 140;

export interface IdRange {
  readonly firstYear: number;
  readonly years: number;
}
export const RESIDENTS: IdRange = { firstYear: 0, years: 40 };
export const LISTED: IdRange = { firstYear: 90, years: 10 };

/** Every test file of the repository, by path from its root, in a fixed order. */
const TEST_FILES = (readdirSync(join(REPO_ROOT, 'test'), { recursive: true }) as string[])
  .filter((path) => path.endsWith('.test.ts'))
  .map((path) => join('test', path))
  .sort();

let fileIndex: number | undefined;

/** This test file's place among TEST_FILES: two files never share one. */
function thisFileIndex(): number {
  if (fileIndex !== undefined) return fileIndex;
  const testPath = expect.getState().testPath;
  const index = testPath ? TEST_FILES.indexOf(relative(REPO_ROOT, testPath)) : -1;
  if (index < 0 || index >= MAX_TEST_FILES) {
    throw new Error(
      `test/support/factories: ${testPath ?? 'this caller'} is not one of the first ` +
        `${MAX_TEST_FILES} test files under test/, so it has no block of NIKs`,
    );
  }
  fileIndex = index;
  return index;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** How many numbers of a range one test file may use. */
export function numbersPerFile(range: IdRange): number {
  return Math.floor((range.years * DATES_PER_YEAR) / MAX_TEST_FILES) * SERIALS;
}

/**
 * The n-th number of this file in a range: PPKKCC DDMMYY SSSS, the day + 40 for women
 * (NIK only; a No. KK's date is its issue date).
 */
export function testIdNumber(
  regionPrefix: string,
  range: IdRange,
  n: number,
  options: { fileIndex: number; female?: boolean },
): string {
  const datesPerFile = Math.floor((range.years * DATES_PER_YEAR) / MAX_TEST_FILES);
  if (n >= numbersPerFile(range)) {
    throw new Error(
      `test/support/factories: a test file used more than ${numbersPerFile(range)} numbers of a range`,
    );
  }
  const date =
    range.firstYear * DATES_PER_YEAR + options.fileIndex * datesPerFile + Math.floor(n / SERIALS);
  const day = 1 + (date % DAYS) + (options.female ? 40 : 0);
  const month = 1 + (Math.floor(date / DAYS) % 12);
  const year = Math.floor(date / DATES_PER_YEAR);
  return `${regionPrefix}${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad((n % SERIALS) + 1, 4)}`;
}

let residentSerial = 0;
let listedSerial = 0;

const regionOf = (kecamatanCode: string) => kecamatanCode.replace(/\./g, '');

/** A valid NIK issued in the given Semarang kecamatan, e.g. 33.74.01. */
export function semarangNik(kecamatanCode: string, options: { female?: boolean } = {}): string {
  return testIdNumber(regionOf(kecamatanCode), RESIDENTS, residentSerial++, {
    fileIndex: thisFileIndex(),
    female: options.female,
  });
}

/** A valid No. KK (family card) issued in the given Semarang kecamatan. */
export function kkNumber(kecamatanCode: string): string {
  return testIdNumber(regionOf(kecamatanCode), RESIDENTS, residentSerial++, {
    fileIndex: thisFileIndex(),
  });
}

/** A Covid-19 impact verval accepts (libs/domain/covid-impact.ts). */
export const COVID_IMPACT = COVID_IMPACTS[0].id;

/**
 * A proposed person as a kecamatan states one, with an allowed Covid-19 impact, so that
 * verval judges only what the test is about (a NIK from elsewhere, a repeated NIK...).
 */
export function proposedPerson(
  nik: string,
  kelurahanCode: string,
  stated: Pick<ProposedPerson, 'noKk' | 'covidImpact'> = {},
): ProposedPerson {
  return { nik, kelurahanCode, covidImpact: COVID_IMPACT, ...stated };
}

/**
 * Residents who pass verval: valid NIKs of the kecamatan, each of their own family (no
 * No. KK stated), with an allowed Covid-19 impact.
 */
export function residents(
  kecamatanCode: string,
  kelurahanCodes: string[],
  count: number,
): ProposedPerson[] {
  return Array.from({ length: count }, (_, i) =>
    proposedPerson(
      semarangNik(kecamatanCode, { female: i % 2 === 1 }),
      kelurahanCodes[i % kelurahanCodes.length],
    ),
  );
}

/** A NIK from outside Kota Semarang (Kabupaten Demak, 33.21.01). */
export function outsiderNik(): string {
  return testIdNumber('332101', RESIDENTS, residentSerial++, { fileIndex: thisFileIndex() });
}

/**
 * A valid Semarang NIK for persons a test puts in an exclusion register. Registers are
 * shared by every test in a run, so these come from dates no resident has: listing one
 * never excludes another test's residents.
 */
export function listedNik(kecamatanCode: string): string {
  return testIdNumber(regionOf(kecamatanCode), LISTED, listedSerial++, {
    fileIndex: thisFileIndex(),
  });
}
