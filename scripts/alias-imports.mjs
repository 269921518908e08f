// Codemod (issue #14): rewrites relative imports that climb two or more folders, or leave
// their top-level folder (apps, workflows, activities, libs, test, bench), to the `@salur/*`
// alias of tsconfig's `paths`. Safe to run again; run it after merging a branch that added
// deep imports:  node scripts/alias-imports.mjs [--check]
// Only specifiers that resolve to a file of the repository are rewritten, and none written
// inside a string (the lint tests' plants).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');

const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && !f.startsWith('node_modules/') && !f.startsWith('dist/'))
  .filter((f) => existsSync(join(ROOT, f)));

const topOf = (path) => path.split('/')[0];

function exists(path) {
  for (const candidate of [path, `${path}.ts`, `${path}.js`, join(path, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return true;
  }
  return existsSync(path) && statSync(path).isDirectory() && existsSync(join(path, 'index.ts'));
}

/** The alias for `spec` imported from `file`, or undefined to keep it relative. */
function aliasOf(file, spec) {
  if (!spec.startsWith('../')) return undefined;
  const target = resolve(ROOT, dirname(file), spec);
  if (!target.startsWith(ROOT + sep) || !exists(target)) return undefined;
  const path = relative(ROOT, target).split(sep).join('/');
  const climbsTwo = spec.startsWith('../../');
  return climbsTwo || topOf(path) !== topOf(file) ? `@salur/${path}` : undefined;
}

// from '…', import '…', import('…'), require('…'), jest.mock('…'), jest.requireActual('…')
const SPECIFIER =
  /(\bfrom\s+|\bimport\s+|\bimport\(\s*|\brequire\(\s*|\bjest\.(?:mock|requireActual)\(\s*)(['"])(\.\.\/[^'"\n]*)\2/g;

let changedFiles = 0;
let changedImports = 0;
for (const file of files) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const next = text.replace(SPECIFIER, (whole, lead, quote, spec, offset) => {
    // An import written inside a string (a lint test's plant) is data, not an import.
    const before = text.slice(text.lastIndexOf('\n', offset) + 1, offset);
    if (/['"`]/.test(before)) return whole;
    const alias = aliasOf(file, spec);
    if (!alias) return whole;
    changedImports++;
    return `${lead}${quote}${alias}${quote}`;
  });
  if (next !== text) {
    changedFiles++;
    if (check) console.log(file);
    else writeFileSync(join(ROOT, file), next);
  }
}
console.log(
  `${check ? 'would rewrite' : 'rewrote'} ${changedImports} imports in ${changedFiles} files`,
);
if (check && changedImports > 0) process.exitCode = 1;
