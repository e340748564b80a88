#!/usr/bin/env bash
# Logs at scale (issue 18): N rows over 180 days, seeded server-side in 1M-row statements (through the
# rollup trigger, as every write path is), then in one run, side by side: the hub's API against the ideal
# SQL for text search, list pages and stats, trigram against full-text search, export against psql \copy.
# Ratios are what count on a shared machine. Usage: bench/logs-scale.sh [rows (5000000)]
# Writes bench/results/logs-scale-<millions>M.md. HUB_BENCH_SKIP_FTS=1 leaves out the full-text alternative.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

rows=${1:-5000000}
db=hub_scale${HUB_TEST_DB_SUFFIX:+_$HUB_TEST_DB_SUFFIX}
export HUB_PG_DB=$db
ensure_postgres >/dev/null
cs="$(connection_string "$db")"
port=${HUB_BENCH_PORT:-5191}
runs=${HUB_BENCH_RUNS:-20}
key="bench-admin-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
out=bench/results/logs-scale-$(( rows >= 1000000 ? rows / 1000000 : 0 ))M.md
psql_hub() { PGPASSWORD=$HUB_PG_PASSWORD psql -h localhost -p "$HUB_PG_PORT" -U "$HUB_PG_USER" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
now() { date +%s.%N; }
secs() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }
# p50 and p95 in ms of a list of seconds on stdin
pct() { sort -n | awk '{ a[NR] = $1 * 1000 } END { printf "%.1f %.1f", a[int((NR + 1) / 2)], a[int(NR * 0.95 + 0.999)] }'; }

if [ -z "${HUB_BENCH_NO_BUILD:-}" ]; then say "building"; dotnet build src/Hub.Host -c Release -nologo -v q -clp:ErrorsOnly; fi
# A copy, so a rebuild in the work tree cannot change the hub under the benchmark.
rm -rf /tmp/hub-scale-bin && cp -r src/Hub.Host/bin/Release/net10.0 /tmp/hub-scale-bin
dll=/tmp/hub-scale-bin/Hub.Host.dll
export ConnectionStrings__Hub="$cs" ASPNETCORE_ENVIRONMENT=Production Wolverine__DurabilityMode=Solo Logs__Stats__TimeZone=Europe/Moscow
export Auth__Keys__0__Name=bench Auth__Keys__0__Role=admin Auth__Keys__0__Key="$key"
dotnet "$dll" db-apply >/dev/null
T=hub.mt_doc_integration_log

have=$(psql_hub -c "select count(*) from $T")
if [ "$have" != "$rows" ]; then
  say "seeding $rows logs over 180 days"
  psql_hub -c "truncate $T, hub.log_rollup_hourly, hub.log_rollup_elapsed, hub.log_rollup_daily, hub.log_rollup_daily_elapsed"
  # The trigram index is built once after the load (as after a restore), not row by row.
  # Built here, not by db-apply: a GIN index over millions of rows takes longer than a migration's command timeout.
  # On the partitioned table the definition reads "ON ONLY", which would build the parent's index alone (invalid, with no month's index).
  trgm_def=$(psql_hub -c "select pg_get_indexdef('hub.integration_log_search_trgm'::regclass)" | sed 's/ ON ONLY / ON /')
  psql_hub -c "drop index if exists hub.integration_log_search_trgm"
  t=$(now)
  left=$rows; start=0
  while [ "$left" -gt 0 ]; do
    n=$(( left > 1000000 ? 1000000 : left ))
    psql_hub <<SQL
insert into $T (id, data, mt_dotnet_type, ts, created_at, process_name, step, log_level, status, external_system, run_id)
select id, jsonb_build_object('id', id, 'ts', ts, 'created_at', ts, 'process_name', process, 'step', step,
         'log_level', level, 'status', status, 'external_system', system, 'run_id', run, 'elapsed_ms', elapsed,
         'message', case when n % 20000 = 0 then 'Перемещение со склада Бестужевых отклонено: ' else 'Остаток на складе недостаточен: позиция ' end || n,
         'payload', jsonb_build_object('order', 'СИ00-' || lpad(n::text, 6, '0'), 'quantity', n % 50),
         'details', jsonb_build_object('warehouse', (array['Контейнер','Центральный','Юг'])[1 + n % 3])),
       'Hub.Logs.Domain.IntegrationLog', ts, ts, process, step, level, status, system, run
from (select n, gen_random_uuid() as id, now() - (n::float8 / $rows) * interval '180 days' as ts,
             (array['internal_replenishment','process_outbox_events_job','sync_leads'])[1 + n % 3] as process,
             (array['deficit_analysis','send','plan'])[1 + n % 3] as step,
             (array['INFO','INFO','INFO','WARNING','ERROR'])[1 + n % 5] as level,
             (array['success','success','success','failed','retrying','started'])[1 + n % 6] as status,
             (array['moysklad','1c','amocrm','resend'])[1 + n % 4] as system,
             gen_random_uuid() as run, (exp(5 + 1.5 * random()))::bigint as elapsed
      from generate_series($start + 1, $start + $n) n) s;
SQL
    left=$((left - n)); start=$((start + n))
  done
  say "seeded in $(secs "$t" "$(now)") s"
  t=$(now); psql_hub -c "set maintenance_work_mem = '512MB'; $trgm_def"; say "trigram index built in $(secs "$t" "$(now)") s"
  dotnet "$dll" db-assert >/dev/null
  psql_hub -c "vacuum analyze $T"
fi
# Every month analysed with its trigram index in place: an autoanalyze that ran before the index existed left no
# statistics of the searched expression, and the planner then reads whole months by the index for a word in every row.
t=$(now); psql_hub -c "analyze $T"; say "analyzed in $(secs "$t" "$(now)") s"
trgm_size=$(psql_hub -c "select pg_size_pretty(sum(pg_relation_size(i.inhrelid))) from pg_inherits i where i.inhparent = 'hub.integration_log_search_trgm'::regclass")
# The hub's own search expression, read back from its index, so the SQL anchor searches exactly the same text.
expr=$(psql_hub -c "select pg_get_indexdef('hub.integration_log_search_trgm'::regclass)" | sed 's/^.*USING gin (//; s/ gin_trgm_ops)$//')

ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll" > /tmp/hub-scale.log 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
api() { curl -fs -H "X-Api-Key: $key" "http://127.0.0.1:$port$1" "${@:2}"; }
http() { api "$1" -o /dev/null; for _ in $(seq "$runs"); do api "$1" -o /dev/null -w '%{time_total}\n'; done | pct; }
# The same query run $runs times in one psql session; psql's \timing is the server's answer time plus the round trip.
sql() { { echo '\timing on'; echo "$1;"; for _ in $(seq "$runs"); do echo "$1;"; done; } | psql_hub -o /dev/null 2>&1 | grep -o 'Time: [0-9.]*' | tail -n "$runs" | awk '{ print $2 / 1000 }' | pct; }
# Rounded, not cut: bc's scale alone truncates (0.891 would read .8).
ratio() { printf '%.1f' "$(echo "scale=4; $1 / $2" | bc)"; }
share() { printf '%.2f' "$(echo "scale=4; $1 / $2" | bc)"; }

results=()
row() { # name, hub p50/p95, anchor name, anchor p50/p95 [, "faster": the hub's speed-up over the anchor instead]
  read -r h50 h95 <<< "$2"; read -r a50 a95 <<< "$4"
  if [ "${5:-}" = faster ]; then
    results+=("| $1 | $h50 / $h95 | $3: $a50 / $a95 | $(ratio "$a95" "$h95")× faster |")
  else
    results+=("| $1 | $h50 / $h95 | $3: $a50 / $a95 | $(ratio "$h95" "$a95")× |")
  fi
  echo "$1: hub $h50/$h95 ms, $3 $a50/$a95 ms"
}
cols="id, data"
newest="order by ts desc, id desc limit 501"

say "text search: one page of 500, newest first"
common=$(printf 'склад' | jq -sRr @uri); rare=$(printf 'Бестужевых' | jq -sRr @uri); code="СИ00-$(printf '%06d' $((rows / 2 + 7)))"
for w in "common word|склад|$common" "rare word|Бестужевых|$rare" "order number|$code|$(printf %s "$code" | jq -sRr @uri)"; do
  IFS='|' read -r name text enc <<< "$w"
  row "text=$name" "$(http "/api/v1/logs?page_size=500&text=$enc")" "trigram SQL" "$(sql "select $cols from $T where $expr ilike '%$text%' $newest")"
done

# HUB_BENCH_SKIP_FTS=1 leaves out the full-text alternative (building its index takes minutes at tens of millions of rows).
fts_note=""
if [ -z "${HUB_BENCH_SKIP_FTS:-}" ]; then
  say "full-text search, the alternative (a tsvector GIN index with 'simple', built now)"
  t=$(now)
  psql_hub -c "set maintenance_work_mem = '512MB'; create index if not exists bench_fts on $T using gin (to_tsvector('simple', $expr))"
  # Analysed as the hub's own index is, or the planner reads whole months through it for a word in every row.
  psql_hub -c "analyze $T"
  fts_build=$(secs "$t" "$(now)"); fts_size=$(psql_hub -c "select pg_size_pretty(sum(pg_relation_size(i.inhrelid))) from pg_inherits i where i.inhparent = 'hub.bench_fts'::regclass")
  for w in "common word|склад" "rare word|Бестужевых" "order number|$code"; do
    IFS='|' read -r name text <<< "$w"
    read -r f50 f95 <<< "$(sql "select $cols from $T where to_tsvector('simple', $expr) @@ plainto_tsquery('simple', '$text') $newest")"
    hits=$(psql_hub -c "select count(*) from (select 1 from $T where to_tsvector('simple', $expr) @@ plainto_tsquery('simple', '$text') limit 501) s")
    results+=("| FTS 'simple' $name (not used) | | $f50 / $f95, $hits rows of 501 | |")
  done
  prefix="СИ00-$(printf '%06d' $((rows / 2 + 7)) | cut -c1-4)"
  fhits=$(psql_hub -c "select count(*) from (select 1 from $T where to_tsvector('simple', $expr) @@ plainto_tsquery('simple', '$prefix') limit 501) s")
  thits=$(psql_hub -c "select count(*) from (select 1 from $T where $expr ilike '%$prefix%' limit 501) s")
  psql_hub -c "drop index hub.bench_fts"
fts_note="The full-text alternative ('simple', same text): $fts_size, built in $fts_build s; it finds whole tokens only: the fragment «$prefix» of an order number matches $fhits rows by full-text search and $thits (limit 501) by trigrams."
fi

say "list pages"
row "first page, no filter" "$(http "/api/v1/logs?page_size=500")" "SQL" "$(sql "select $cols from $T $newest")"
row "filtered page (level=ERROR)" "$(http "/api/v1/logs?page_size=500&level=ERROR")" "SQL" "$(sql "select $cols from $T where log_level = 'ERROR' $newest")"
cursor=$(psql_hub -c "select ts, id, (extract(epoch from ts) * 10000000)::bigint + 621355968000000000 || '.' || replace(id::text, '-', '') from $T order by ts desc, id desc offset 100000 limit 1")
IFS='|' read -r cts cid raw <<< "$cursor"
next=$(printf '%s' "$raw" | base64 -w0 | tr '+/' '-_' | tr -d '=')
row "deep page (row 100,000)" "$(http "/api/v1/logs?page_size=500&next=$next")" "SQL" "$(sql "select $cols from $T where (ts, id) < ('$cts', '$cid') $newest")"

say "stats against plain GROUP BY"
gb() { echo "select $1, external_system, count(*), count(*) filter (where status = 'success'), avg((data ->> 'elapsed_ms')::bigint), percentile_disc(0.95) within group (order by (data ->> 'elapsed_ms')::bigint) from $T where ts >= now() - interval '$2' group by 1, 2"; }
runs_saved=$runs; runs=5
row "stats 24 h by hour" "$(http "/api/v1/logs/stats?bucket=hour&group_by=system")" "GROUP BY" "$(sql "$(gb "date_trunc('hour', ts)" '24 hours')")" faster
row "stats 30 d by day" "$(http "/api/v1/logs/stats?bucket=day&group_by=system")" "GROUP BY" "$(sql "$(gb "date_trunc('day', ts, 'Europe/Moscow')" '30 days')")" faster
row "stats 180 d by day" "$(http "/api/v1/logs/stats?bucket=day&group_by=system&from=$(date -u -d '-180 days' +%Y-%m-%dT00:00:00Z)")" "GROUP BY" "$(sql "$(gb "date_trunc('day', ts, 'Europe/Moscow')" '180 days')")" faster
runs=$runs_saved

say "export of the last 30 days against psql \\copy"
from=$(date -u -d '-30 days' +%Y-%m-%dT%H:%M:%SZ)
n=$(psql_hub -c "select count(*) from $T where ts >= '$from'")
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$hub/status"; }
rss_before=$(rss)
rm -f /tmp/hub-scale-export.done
# The hub's resident memory sampled while it exports: flat is the goal, whatever the number of rows.
( peak=0; while kill -0 "$hub" 2>/dev/null && [ ! -f /tmp/hub-scale-export.done ]; do r=$(rss); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.2; done; echo "$peak" > /tmp/hub-scale-rss.txt ) &
sampler=$!
t=$(now); api "/api/v1/logs/export?format=csv&from=$from" -o /tmp/hub-scale-export.csv; e=$(secs "$t" "$(now)")
touch /tmp/hub-scale-export.done; wait $sampler; rss_peak=$(cat /tmp/hub-scale-rss.txt)
t=$(now); psql_hub -c "\\copy (select data from $T where ts >= '$from' order by ts desc, id desc) to '/tmp/hub-scale-copy.txt'"; c=$(secs "$t" "$(now)")
rm -f /tmp/hub-scale-export.csv /tmp/hub-scale-copy.txt
results+=("| export of 30 days ($n rows), CSV | $(echo "$n / $e" | bc) rows/s; hub RSS $rss_before MB before, at most $rss_peak MB during | psql \\copy: $(echo "$n / $c" | bc) rows/s | $(ratio "$e" "$c")× |")

say "retention of one month under ingestion (4 writers posting batches of 1000 over HTTP)"
# The oldest monthly partition that holds rows, and the whole days since its end: a prune with that limit (the same
# for successes, so no success rule deletes beyond it) drops that month whole and deletes rows only in the part of a day after it.
oldest=""
for p in $(psql_hub -c "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = '$T'::regclass and c.relname ~ '_m[0-9]{6}\$' order by 1"); do
  if [ "$(psql_hub -c "select exists (select 1 from hub.$p)")" = t ]; then oldest=$p; break; fi
done
month_rows=$(psql_hub -c "select count(*) from hub.$oldest")
month_end=$(psql_hub -c "select (to_date(right('$oldest', 6), 'YYYYMM') + interval '1 month')::date")
days=$(( ($(date -u +%s) - $(date -u -d "$month_end" +%s)) / 86400 ))
python3 - > /tmp/hub-scale-batch.json <<'PY'
import json
print(json.dumps([{"process_name": "bench_ingest", "step": "send", "external_system": "moysklad", "status": "success",
                   "message": f"Заказ покупателя СИ00-{i:06d} отправлен", "payload": {"quantity": i % 50}} for i in range(1000)]))
PY
post() { curl -s -o /dev/null -w '%{http_code}\n' -H "X-Api-Key: $key" -H 'Content-Type: application/json' --data-binary @/tmp/hub-scale-batch.json "http://127.0.0.1:$port/api/v1/logs"; }
writers() { local until=$1; for _ in 1 2 3 4; do ( while [ "$(date +%s)" -lt "$until" ]; do post; done ) & done; wait; }
stored_between() { psql_hub -c "select count(*) from $T where process_name = 'bench_ingest' and created_at >= to_timestamp($1) and created_at < to_timestamp($2)"; }
t0=$(date +%s); writers $((t0 + 60)) > /tmp/hub-scale-codes.txt &
load=$!
sleep 20
# Each line of the prune's output stamped as it comes: "due:" ends the counting, "deleted:" the work.
dotnet "$dll" logs prune --all-days "$days" --success-days "$days" | while IFS= read -r line; do echo "$(date +%s.%N) $line"; done > /tmp/hub-scale-prune.txt
wait $load
p_start=$(grep ' rule:' /tmp/hub-scale-prune.txt | cut -d' ' -f1); p_due=$(grep ' due:' /tmp/hub-scale-prune.txt | cut -d' ' -f1)
p_end=$(grep ' deleted:' /tmp/hub-scale-prune.txt | cut -d' ' -f1)
p_drop=$(grep ' dropped the month' /tmp/hub-scale-prune.txt | tail -1 | cut -d' ' -f1); p_drop=${p_drop:-$p_due}
dropped=$(grep -o 'whole months dropped: .*' /tmp/hub-scale-prune.txt | cut -d: -f2 | tr -d ' ')
deleted=$(grep -o 'deleted: .*' /tmp/hub-scale-prune.txt | head -1)
base=$(stored_between "$t0 + 5" "$p_start - 1"); base_s=$(echo "$p_start - 1 - $t0 - 5" | bc)
during=$(stored_between "$p_start" "$p_end"); during_s=$(echo "$p_end - $p_start" | bc)
base_rate=$(echo "$base / $base_s" | bc); during_rate=$(echo "$during / $during_s" | bc)
non202=$(grep -vc '^202$' /tmp/hub-scale-codes.txt || true)
results+=("| retention of the oldest month ($oldest, $month_rows rows; limit $days days) | counting $(secs "$p_start" "$p_due") s, then the months dropped in $(secs "$p_due" "$p_drop") s and the rest deleted row by row in $(secs "$p_drop" "$p_end") s; dropped: ${dropped:-none}; $deleted | ingestion $base_rate records/s before, $during_rate during the prune ($non202 answers not 202) | $(share "$during_rate" "$base_rate") of the rate |")
psql_hub -c "delete from $T where process_name = 'bench_ingest'" >/dev/null

{
  echo "# Logs at scale: $rows rows over 180 days"
  echo
  echo "One run of \`bench/logs-scale.sh $rows\` on $(date -u +%Y-%m-%d), $(nproc) cores shared with other work, PostgreSQL $(psql_hub -c 'show server_version' | cut -d' ' -f1)."
  echo "Times are p50 / p95 in ms over $runs requests ($runs_saved for pages and search, 5 for stats); the hub is measured over HTTP"
  echo "(curl, JSON serialisation included), the anchor through psql in one session. Ratio = hub p95 / anchor p95 (for stats: how many times faster the hub is than the GROUP BY)."
  echo
  echo "| what | hub p50 / p95 ms | anchor p50 / p95 ms | ratio |"
  echo "|---|---|---|---|"
  printf '%s\n' "${results[@]}"
  echo
  echo "Trigram index: $trgm_size. $fts_note"
} > "$out"
cat "$out"
