// Mutation score per folder from a random sample of mutants (`npm run mutate:sample`).
//
// A full run of the pure core is ~4,400 mutants: hours on 2 cores, because the SOP specs
// (exhaustive model paths, fast-check walks) cover every mutant of the machine. A uniform
// random sample estimates the same score with a stated margin in a fraction of the time.
// Stryker has no sampling option, so this script lists the mutants with Stryker's own
// instrumenter, draws a seeded sample, has Stryker test exactly those locations (a range
// may hold a few nested mutants too; they are tested but not counted), and scores the
// sample per folder with a Wilson 95 % interval.
//
//   node infra/mutation-sample.mjs [--size 120] [--seed 2026] [--concurrency 2] [scope ...]
// scopes: sop, auth, domain, import (those of stryker.config.mjs); default: all four.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { glob } from 'tinyglobby';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: '120' },
    seed: { type: 'string', default: '2026' },
    concurrency: { type: 'string', default: '2' },
  },
});
const ALL_SCOPES = ['sop', 'auth', 'domain', 'import'];
const scopes = positionals.length > 0 ? positionals : ALL_SCOPES;
for (const scope of scopes) {
  if (!ALL_SCOPES.includes(scope))
    fail(`unknown scope "${scope}"; known: ${ALL_SCOPES.join(', ')}`);
}
const size = wholeNumber('size', values.size);
const seed = wholeNumber('seed', values.seed);
const concurrency = wholeNumber('concurrency', values.concurrency);

/** A drawn mutant may contain at most this many others (see sampleScope). */
const MAX_SPANNED = 5;
const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);

const silent = () => undefined;
const logger = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => true,
  isErrorEnabled: () => true,
  isFatalEnabled: () => true,
  trace: silent,
  debug: silent,
  info: silent,
  warn: (message) => process.stderr.write(`${message}\n`),
  error: (message) => process.stderr.write(`${message}\n`),
  fatal: (message) => process.stderr.write(`${message}\n`),
};

const rows = [];
const notes = [];
for (const scope of scopes) rows.push(...(await sampleScope(scope)));
const summary = [renderTable(rows), '', ...notes.map((note) => `- ${note}`)].join('\n');
process.stdout.write(`\n${summary}\n`);
writeFileSync(`.data/mutation/sample-summary-${scopes.join('-')}.md`, `${summary}\n`);

async function sampleScope(scope) {
  process.env.MUTATE_SCOPE = scope; // the config reads it when it loads
  const config = (await import(`../stryker.config.mjs?scope=${scope}`)).default;
  const { patterns, ignore } = splitPatterns(config.mutate);
  const files = (await glob(patterns, { ignore })).sort();
  const instrumenter = new Instrumenter(logger);
  const { mutants } = await instrumenter.instrument(
    files.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true })),
    { plugins: null, excludedMutations: [], ignorers: [], noHeader: false },
  );
  // A mutant that spans many others (a whole function body or table emptied) would bring
  // them all into Stryker's range; it is left out of the draw, and the report says how many.
  const spans = (outer, inner) =>
    outer !== inner &&
    outer.fileName === inner.fileName &&
    before(outer.location.start, inner.location.start) &&
    before(inner.location.end, outer.location.end);
  const drawable = mutants.filter(
    (m) => mutants.filter((other) => spans(m, other)).length <= MAX_SPANNED,
  );
  const sample = shuffled(drawable, seed).slice(0, size);
  const outDir = `.data/mutation/sample-${scope}`;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}/sample.json`, JSON.stringify(sample, null, 1));
  const note = `${scope}: ${sample.length} of ${mutants.length} mutants drawn (seed ${seed}) from ${files.length} files; ${mutants.length - drawable.length} spanning more than ${MAX_SPANNED} others not drawn`;
  notes.push(note);
  process.stderr.write(`[mutation-sample] ${note}\n`);

  // Stryker's mutate ranges: lines from 1, columns from 0 (the instrumenter's lines are from 0).
  const ranges = sample.map(
    ({ fileName, location: { start, end } }) =>
      `${fileName}:${start.line + 1}:${start.column}-${end.line + 1}:${end.column}`,
  );
  const run = spawnSync(
    'npx',
    [
      'stryker',
      'run',
      'stryker.config.mjs',
      '--concurrency',
      String(concurrency),
      '--mutate',
      ranges.join(','),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, MUTATE_SCOPE: scope, MUTATE_REPORT_DIR: outDir },
    },
  );
  if (run.status !== 0) fail(`Stryker failed on scope ${scope} (exit ${run.status})`);

  const report = JSON.parse(readFileSync(`${outDir}/report.json`, 'utf8'));
  return scoreByFolder(sample, report);
}

/** Finds each sampled mutant in Stryker's report (its locations count lines and columns from 1). */
function scoreByFolder(sample, report) {
  const byFolder = new Map();
  for (const mutant of sample) {
    const tested = report.files[mutant.fileName]?.mutants.find(
      (m) =>
        m.mutatorName === mutant.mutatorName &&
        m.replacement === mutant.replacement &&
        m.location.start.line === mutant.location.start.line + 1 &&
        m.location.start.column === mutant.location.start.column + 1 &&
        m.location.end.line === mutant.location.end.line + 1 &&
        m.location.end.column === mutant.location.end.column + 1,
    );
    if (!tested)
      fail(
        `mutant ${mutant.mutatorName} at ${mutant.fileName}:${mutant.location.start.line + 1} is missing from Stryker's report`,
      );
    const folder = folderOf(mutant.fileName);
    const counts = byFolder.get(folder) ?? { folder, detected: 0, undetected: 0, invalid: 0 };
    if (tested.status === 'Killed' || tested.status === 'Timeout') counts.detected += 1;
    else if (tested.status === 'Survived' || tested.status === 'NoCoverage') counts.undetected += 1;
    else counts.invalid += 1; // CompileError, RuntimeError, Ignored: not in a mutation score
    byFolder.set(folder, counts);
  }
  return [...byFolder.values()];
}

function folderOf(fileName) {
  if (fileName.startsWith('apps/api/src/auth/')) return 'apps/api/src/auth';
  return fileName.split('/').slice(0, 2).join('/');
}

function renderTable(folderRows) {
  const lines = [
    '| folder | sampled mutants (valid) | detected | score | 95 % interval |',
    '| --- | ---: | ---: | ---: | --- |',
  ];
  for (const { folder, detected, undetected, invalid } of folderRows) {
    const valid = detected + undetected;
    const [low, high] = wilson(detected, valid);
    lines.push(
      `| ${folder} | ${valid + invalid} (${valid}) | ${detected} | ${percent(detected / valid)} | ${percent(low)}–${percent(high)} |`,
    );
  }
  return lines.join('\n');
}

/** Wilson score interval (95 %): sound for proportions near 100 %, unlike the normal one. */
function wilson(successes, n) {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = successes / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function percent(x) {
  return `${(100 * x).toFixed(0)} %`;
}

function splitPatterns(mutate) {
  return {
    patterns: mutate.filter((p) => !p.startsWith('!')),
    ignore: mutate.filter((p) => p.startsWith('!')).map((p) => p.slice(1)),
  };
}

/** Fisher–Yates with a seeded generator (mulberry32), so a sample can be drawn again. */
function shuffled(items, seedValue) {
  let state = seedValue >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function wholeNumber(name, text) {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1)
    fail(`--${name} must be a whole number >= 1 (got ${text})`);
  return value;
}

function fail(message) {
  process.stderr.write(`[mutation-sample] ${message}\n`);
  process.exit(1);
}
