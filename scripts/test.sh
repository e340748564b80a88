#!/usr/bin/env bash
# Runs every test against a real local PostgreSQL, which it installs and starts when missing.
# Each test collection makes its own database, so this never touches the hub's development data.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Logs").
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh
. scripts/lib/tools.sh

# A server given in HUB_TEST_CONNECTION (CI's PostgreSQL service) is used as it is; otherwise a local one is provisioned.
# Either way the outage tests need PostgreSQL's binaries for the private clusters they start and stop.
if [ -n "${HUB_TEST_CONNECTION:-}" ]; then
  say "testing against the PostgreSQL server in HUB_TEST_CONNECTION"
  ensure_postgres_binaries
else
  ensure_postgres
  export HUB_TEST_CONNECTION="$(connection_string postgres)"
fi
ensure_npm
ensure_chromium
ensure_firefox
ensure_firefox_script_deps
ensure_workflow_lint_deps
ensure_seq_client_deps
export HUB_PG_BIN="/usr/lib/postgresql/$(pg_version)/bin"

results=test-results
rm -rf "$results"; mkdir -p "$results"
say "building"
dotnet build IntegrationHub.slnx -c Release -nologo -v q -clp:ErrorsOnly
say "testing"
set +e
dotnet test IntegrationHub.slnx -c Release --no-build --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?
set -e

# One closing line in the plain form CI reads, summed over every test project's TRX.
total=0; passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  line=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$line" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$((total + $(get total))); passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
# CI keeps only the tail of the output, so the failures are repeated here, a few lines each.
if [ "$failed" -gt 0 ]; then
  echo
  echo "failed tests:"
  python3 scripts/lib/trx-failures.py "$results"/*.trx || true
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$total" -gt 0 ] || { echo "no test ran" >&2; exit 1; }
exit $status
