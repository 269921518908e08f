#!/usr/bin/env bash
# Mutation testing on the integration suite (npm run mutate:integration): starts a Temporal
# test server of its own and runs Stryker with stryker.integration.config.mjs against it,
# on a database of its own, so it never meets a test run of the same checkout.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

export TEMPORAL_TEST_PORT="${TEMPORAL_TEST_PORT:-7290}"
export TEMPORAL_TEST_UI_PORT="${TEMPORAL_TEST_UI_PORT:-8290}"
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/salur_test_mutation}"
# Shared by this script and Stryker's sandbox copy, so the tests reuse the server started here.
export SALUR_DATA_DIR="${SALUR_DATA_DIR:-$REPO_ROOT/.data/mutation-integration/state}"
mkdir -p "$SALUR_DATA_DIR"

[[ -d node_modules ]] || npm ci --no-audit --no-fund
TEMPORAL_INSTANCE=test bash infra/temporal.sh start
trap 'TEMPORAL_INSTANCE=test bash infra/temporal.sh stop' EXIT
npx stryker run stryker.integration.config.mjs "$@"
