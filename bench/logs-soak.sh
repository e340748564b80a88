#!/usr/bin/env bash
# The ingestion soak, apart from the tests: one hub process and, side by side for the given minutes, an application with the
# unmodified Serilog Seq sink, a Node application with npm's seq-logging, a JSON client and a fuzzer of both ingestion
# endpoints (bench/LogsIngestBench/Soak.cs). Writes bench/results/logs-soak.md: every event stored once, the 5xx count, the
# writer's health afterwards. Usage: bench/logs-soak.sh [minutes (60)]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh
. scripts/lib/tools.sh

minutes=${1:-60}
export HUB_PG_DB=hub_soak
ensure_postgres >/dev/null
ensure_npm
ensure_seq_client_deps
cs="$(connection_string hub_soak)"
port=${HUB_BENCH_PORT:-5193}
key="soak-ingest-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

say "building the hub and the soak"
dotnet build src/Hub.Host -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/LogsIngestBench -c Release -nologo -v q -clp:ErrorsOnly
# Run from a copy: an hour is long, and a build in the meantime must not swap the files under the running processes.
run=$(mktemp -d /tmp/hub-soak.XXXXXX)
cp -r src/Hub.Host/bin/Release/net10.0 "$run/hub"
cp -r bench/LogsIngestBench/bin/Release/net10.0 "$run/soak"
dll="$run/hub/Hub.Host.dll"
export ConnectionStrings__Hub="$cs" ASPNETCORE_ENVIRONMENT=Production Wolverine__DurabilityMode=Solo
export Auth__Keys__0__Name=soak-ingest Auth__Keys__0__Role=ingest Auth__Keys__0__Key="$key"
dotnet "$dll" db-apply >/dev/null

ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > /tmp/hub-soak.log 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true; rm -rf "$run"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done

say "soaking for $minutes minutes"
out=bench/results/logs-soak.md
{
  echo "# Log ingestion soak: Serilog's Seq sink, npm's seq-logging, a JSON client and a fuzzer side by side"
  echo
  echo "\`bench/logs-soak.sh $minutes\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores, PostgreSQL $(pg_version)."
  echo
  dotnet "$run/soak/LogsIngestBench.dll" soak "http://127.0.0.1:$port" "$key" "$cs" "$minutes" "$PWD/tests/seq-clients"
  echo
  echo "Hub errors logged during the soak: $(grep -c ' ERR \| FTL ' /tmp/hub-soak.log || true); hub resident memory at the end: $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$hub/status)."
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
