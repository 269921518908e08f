#!/usr/bin/env bash
# All tests: lint, type-check, unit and integration (the integration tests start
# Temporal and PostgreSQL themselves when they are not running, and stop what they started).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm dependencies"; npm ci --no-audit --no-fund
fi
bash infra/temporal.sh install
# The document specs read generated PDFs as a person would, with poppler's pdftotext.
if ! command -v pdftotext >/dev/null 2>&1; then
  log "pdftotext missing; installing Debian's poppler-utils"; apt_install poppler-utils
fi

log "lint"; npx eslint .
log "type-check"; npx tsc -p tsconfig.json --noEmit
# What `npm run up` and the benchmarks build: without Jest's types, without the specs.
log "type-check the build"; npx tsc -p tsconfig.build.json --noEmit

mkdir -p "$SALUR_DATA_DIR/test"
RESULTS="$SALUR_DATA_DIR/test/jest-results.json"
status=0
npx jest --ci --json --outputFile="$RESULTS" "$@" || status=$?
# One plain closing line that any CI reader understands.
node -e '
  const r = require(process.argv[1]);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$RESULTS" || true
exit "$status"
