#!/usr/bin/env bash
# Ingestion benchmark, apart from the tests (tests never time anything). Runs the hub as a process on its own database and,
# in one run of bench/LogsIngestBench, measures the hub over HTTP (POST /api/v1/logs, batches of 1000, 1, 4 and 16 writers)
# beside the anchors raw COPY and Marten's BulkInsert into the same table with the same indexes and rollup trigger, then
# 50,000 events from the real Serilog Seq sink to stored rows. Writes bench/results/logs-ingest.md.
# Usage: bench/logs-ingest-bench.sh [batches-per-run (48)]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

batches=${1:-48}
export HUB_PG_DB=hub_ingest_bench
ensure_postgres >/dev/null
cs="$(connection_string hub_ingest_bench)"
port=${HUB_BENCH_PORT:-5191}
key="bench-ingest-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

say "building the hub and the benchmark"
dotnet build src/Hub.Host -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/LogsIngestBench -c Release -nologo -v q -clp:ErrorsOnly
dll=src/Hub.Host/bin/Release/net10.0/Hub.Host.dll
export ConnectionStrings__Hub="$cs" ASPNETCORE_ENVIRONMENT=Production Wolverine__DurabilityMode=Solo
export Auth__Keys__0__Name=bench-ingest Auth__Keys__0__Role=ingest Auth__Keys__0__Key="$key"
dotnet "$dll" db-apply >/dev/null

ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > /tmp/hub-ingest-bench.log 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done

say "measuring ($batches batches of 1000 per run)"
out=bench/results/logs-ingest.md
{
  echo "# Log ingestion: the hub against raw COPY and Marten's BulkInsert"
  echo
  echo "\`bench/logs-ingest-bench.sh $batches\`, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores, PostgreSQL $(pg_version)."
  echo
  dotnet bench/LogsIngestBench/bin/Release/net10.0/LogsIngestBench.dll "http://127.0.0.1:$port" "$key" "$cs" "$batches"
  echo
  echo "Hub errors logged during the run: $(grep -c ' ERR \| FTL ' /tmp/hub-ingest-bench.log || true); deadlock lines: $(grep -ci 'deadlock' /tmp/hub-ingest-bench.log || true)."
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
