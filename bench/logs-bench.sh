#!/usr/bin/env bash
# Benchmark of the Logs module on a million-row scale, apart from the tests (tests never time anything).
# Seeds logs straight into PostgreSQL (through the rollup trigger, as every write path does), runs the hub
# as a process, and measures: export of 1M logs (time, the hub's resident memory before and at peak),
# stats from the rollups against the plain GROUP BY they replace, and a prune of ~1M rows while logs
# keep arriving. Usage: bench/logs-bench.sh [rows-in-the-last-24h (1000000)] [rows-over-200-days (1000000)]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

recent=${1:-1000000}
history=${2:-1000000}
export HUB_PG_DB=hub_bench
ensure_postgres >/dev/null
cs="$(connection_string hub_bench)"
port=${HUB_BENCH_PORT:-5189}
key="bench-admin-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
psql_hub() { PGPASSWORD=$HUB_PG_PASSWORD psql -h localhost -p "$HUB_PG_PORT" -U "$HUB_PG_USER" -d hub_bench -v ON_ERROR_STOP=1 -qAt "$@"; }
now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

say "building"
dotnet build src/Hub.Host -c Release -nologo -v q -clp:ErrorsOnly
dll=src/Hub.Host/bin/Release/net10.0/Hub.Host.dll
export ConnectionStrings__Hub="$cs" ASPNETCORE_ENVIRONMENT=Production Wolverine__DurabilityMode=Solo
export Auth__Keys__0__Name=bench Auth__Keys__0__Role=admin Auth__Keys__0__Key="$key"
dotnet "$dll" db-apply >/dev/null

say "seeding $recent logs in the last 24 hours and $history over 200 days"
psql_hub -c "truncate hub.mt_doc_integration_log, hub.log_rollup_hourly, hub.log_rollup_elapsed"
seed() { # $1 rows, $2 span in seconds
  psql_hub <<SQL
insert into hub.mt_doc_integration_log (id, data, mt_dotnet_type, ts, created_at, process_name, step, log_level, status, external_system, run_id)
select id, jsonb_build_object('id', id, 'ts', ts, 'created_at', ts, 'process_name', process, 'step', 'deficit_analysis',
         'log_level', level, 'status', status, 'external_system', system, 'run_id', run, 'elapsed_ms', elapsed,
         'message', 'Остаток на складе «Бестужевых» недостаточен: позиция ' || n, 'details', jsonb_build_object('n', n, 'warehouse', 'Бестужевых')),
       'Hub.Logs.Domain.IntegrationLog', ts, ts, process, 'deficit_analysis', level, status, system, run
from (select n, gen_random_uuid() as id, now() - random() * interval '$2 seconds' as ts,
             (array['internal_replenishment','process_outbox_events_job','sync_leads'])[1 + n % 3] as process,
             (array['INFO','INFO','INFO','WARNING','ERROR'])[1 + n % 5] as level,
             (array['success','success','success','failed','retrying','started'])[1 + n % 6] as status,
             (array['moysklad','1c','amocrm','resend'])[1 + n % 4] as system,
             gen_random_uuid() as run, (exp(5 + 1.5 * random()))::bigint as elapsed
      from generate_series(1, $1) n) s;
SQL
}
t=$(now); seed "$recent" 86400; seed "$history" $((200 * 86400)); psql_hub -c "vacuum analyze hub.mt_doc_integration_log"
say "seeded in $(secs "$t" "$(now)") s (rollups kept by the trigger); $(psql_hub -c 'select count(*) from hub.log_rollup_hourly') hourly rollup rows"

ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > /tmp/hub-bench.log 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
api() { curl -fs -H "X-Api-Key: $key" "http://127.0.0.1:$port$1" "${@:2}"; }

say "export: the last 24 hours ($recent logs) as CSV"
base=$(rss_mb $hub); peak=$base
t=$(now)
api "/api/v1/logs/export?format=csv&from=$(date -u -d '-25 hours' +%Y-%m-%dT%H:%M:%SZ)" -o /tmp/hub-bench-export.csv \
  -w '%{time_starttransfer}' > /tmp/hub-bench-ttfb.txt &
exporter=$!
while kill -0 $exporter 2>/dev/null; do
  r=$(rss_mb $hub); [ "$r" -gt "$peak" ] && peak=$r
  sleep 0.1
done
wait $exporter
took=$(secs "$t" "$(now)")
first=$(cat /tmp/hub-bench-ttfb.txt); rm -f /tmp/hub-bench-ttfb.txt
lines=$(($(wc -l < /tmp/hub-bench-export.csv) - 1))
size=$(du -m /tmp/hub-bench-export.csv | cut -f1)
echo "export: $lines rows, ${size} MB in ${took} s (first bytes after ${first} s); hub RSS ${base} MB before, ${peak} MB at peak"
rm -f /tmp/hub-bench-export.csv

say "stats from the rollups vs the plain GROUP BY over the logs"
for q in "bucket=hour&group_by=system" "bucket=day&group_by=system,process&tz=Europe/Moscow"; do
  api "/api/v1/logs/stats?$q" -o /dev/null # warm
  best=999
  for _ in 1 2 3 4 5; do s=$(api "/api/v1/logs/stats?$q" -o /dev/null -w '%{time_total}'); best=$(echo "if ($s < $best) $s else $best" | bc); done
  echo "stats $q: best of 5 over HTTP ${best} s"
done
groupby() {
  psql_hub -c '\timing on' -c "select $1, external_system, count(*), count(*) filter (where status = 'success'), avg((data ->> 'elapsed_ms')::bigint),
    percentile_disc(0.95) within group (order by (data ->> 'elapsed_ms')::bigint)
    from hub.mt_doc_integration_log where ts >= now() - interval '$2' group by 1, 2" | grep -o 'Time: .*'
}
echo "plain GROUP BY, hourly over 24 h: $(groupby "date_trunc('hour', ts)" '24 hours' | tail -1)"
echo "plain GROUP BY, daily over 30 days: $(groupby "date_trunc('day', ts)" '30 days' | tail -1)"

say "prune while logs keep arriving"
due=$(dotnet "$dll" logs prune --dry-run 2>/dev/null | grep '^due:')
echo "$due"
t=$(now)
dotnet "$dll" logs prune 2>/dev/null > /tmp/hub-bench-prune.txt &
pruner=$!
i=0
: > /tmp/hub-bench-ingest.txt
while kill -0 $pruner 2>/dev/null; do
  i=$((i + 1))
  api /api/v1/logs -X POST -H 'Content-Type: application/json' \
    -d "{\"process_name\":\"during_prune\",\"message\":\"$i\",\"status\":\"success\"}" -o /dev/null -w '%{time_total}\n' >> /tmp/hub-bench-ingest.txt
done
wait $pruner
grep '^deleted:' /tmp/hub-bench-prune.txt
echo "prune took $(secs "$t" "$(now)") s"
sort -n /tmp/hub-bench-ingest.txt | awk '{ a[NR] = $1 } END { printf "ingestion during the prune: %d posts, median %.3f s, p95 %.3f s, max %.3f s\n", NR, a[int(NR/2)+1], a[int(NR*0.95)], a[NR] }'
rm -f /tmp/hub-bench-ingest.txt /tmp/hub-bench-prune.txt
