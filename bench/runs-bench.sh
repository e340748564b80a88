#!/usr/bin/env bash
# One big replenishment run, this checkout beside an anchor commit (default: eaf81d5, main before runs were event
# streams: one run document rewritten by every delivery notice), in the same script on the same machine, database server
# and simulator settings. Each side gets a fresh database and a fresh simulator (seed 42) whose catalogue plans a few
# thousand transfer orders; the hub is a Production process. Measured per side:
#   orders       how many the run planned (the same on both sides: same seed, same planner);
#   dispatch s   from the plan to the run's end;
#   end lag ms   from the last order's delivery to the run's end (the run's own finished_at against its orders' updated_at);
#   WAL/order    PostgreSQL's WAL written during the run, per order: what rewriting costs, whatever table it lands in;
#   stored/order the run's and its orders' tables after the run (documents, events, indexes), per order;
#   list p95     GET /api/v1/runs?page_size=50, sampled every 0.25 s while the run dispatches (a page polls the same);
#   run p95      GET /api/v1/runs/{id}, sampled the same way;
#   page p95     GET /admin/runs/{id} as its own htmx poll asks for it (the fragment), sampled the same way;
#   timeline p95 GET /admin/runs/{id}/timeline, the run page's timeline, loaded on its own (this checkout only).
# Then, with the run ended (or stopped at the limit), its summary is copied until 1,000 runs are stored (the copies marked
# Completed, older than it) and list, run and page are sampled again for 20 s with nothing else going on ("@1000").
# A side that has not ended its run after the time limit is stopped there and reported with what it recorded by then.
# Usage: bench/runs-bench.sh [shops (2600)] [anchor] [limit in minutes (8)]. Results go to bench/results/runs.md (and the console).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

shops=${1:-2600}
anchor=${2:-eaf81d5}
limit=${3:-8}
ensure_postgres >/dev/null
port=${HUB_BENCH_PORT:-5188}
sim_port=${HUB_BENCH_SIM_PORT:-5189}
key="bench-operator-key-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
old=$(mktemp -d /tmp/hub-bench-runs.XXXXXX)
trap 'rm -rf "$old"' EXIT

say "building this checkout and $anchor (in $old)"
git archive "$anchor" | tar -x -C "$old"
dotnet build src/Hub.Host -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build src/Simulators/Hub.Simulators -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$old/src/Hub.Host" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
new_dll=$PWD/src/Hub.Host/bin/Release/net10.0/Hub.Host.dll
old_dll=$old/src/Hub.Host/bin/Release/net10.0/Hub.Host.dll
sim_dll=$PWD/src/Simulators/Hub.Simulators/bin/Release/net10.0/Hub.Simulators.dll

measure() { # $1 label, $2 dll, $3 database
  ensure_database "$3" >/dev/null
  psql_cs="$(connection_string "$3")"
  python3 - "$1" "$2" "$psql_cs" "$port" "$sim_port" "$sim_dll" "$key" "$shops" "$limit" <<'PY'
import json, os, statistics, subprocess, sys, time, urllib.error, urllib.request
label, dll, cs, port, sim_port, sim_dll, key, shops, limit = sys.argv[1:]
parts = dict(p.split("=", 1) for p in cs.split(";") if p)
def sql(q):
    env = dict(os.environ, PGPASSWORD=parts.get("Password", ""))
    return subprocess.run(["psql", "-h", parts["Host"], "-p", parts.get("Port", "5432"), "-U", parts["Username"], "-d", parts["Database"],
                           "-At", "-c", q], env=env, capture_output=True, text=True, check=True).stdout.strip()
sql("drop schema if exists hub cascade; drop schema if exists wolverine cascade")
sim_base = f"http://127.0.0.1:{sim_port}"
sim = subprocess.Popen(["dotnet", sim_dll, "--urls", sim_base, f"--Simulators:ExtraShops={shops}", "--Simulators:ItemCount=24",
                        "--Simulators:UncoverableShare=0", "--Simulators:Seed=42"], cwd=os.path.dirname(sim_dll),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
hub = None
def wait_for(url, headers=None, limit=180):
    start = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as r:
                if r.status == 200: return
        except Exception:
            if time.monotonic() - start > limit: sys.exit(f"{url} not up within {limit} s")
            time.sleep(0.1)
def get(path, htmx=False):
    t = time.monotonic()
    headers = {"X-Api-Key": key}
    if htmx: headers.update({"HX-Request": "true", "Accept": "text/html"})
    with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=120) as r:
        body = r.read().decode() if htmx else json.load(r)
    return body, (time.monotonic() - t) * 1000
def clone_runs(run_id, total):
    # The run's summary row copied into older, completed runs: what a list of 1,000 stored runs pages through.
    table = "hub.mt_doc_replenishment_run"
    cols = sql(f"select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema = 'hub' and table_name = 'mt_doc_replenishment_run'").split(",")
    over = {"id": "u.nid", "data": "jsonb_set(jsonb_set(jsonb_set(r.data, '{id}', to_jsonb(u.nid::text)), '{status}', '\"Completed\"'), '{active_scope}', 'null')",
            "requested_at": "r.requested_at - u.g * interval '1 minute'", "status": "'Completed'", "active_scope": "null"}
    exprs = ", ".join(over.get(c, f"r.{c}") for c in cols)
    sql(f"insert into {table} ({','.join(cols)}) select {exprs} from (select gen_random_uuid() nid, g from generate_series(1, {total - 1}) g) u, {table} r where r.id = '{run_id}'")
    return int(sql(f"select count(*) from {table}"))
try:
    wait_for(sim_base + "/_sim/catalogue")
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ASPNETCORE_URLS=base, ConnectionStrings__Hub=cs,
               Auth__Keys__0__Name="bench", Auth__Keys__0__Role="operator", Auth__Keys__0__Key=key,
               MoySklad__BaseUrl=sim_base + "/api/remap/1.2/", MoySklad__Token="sim-moysklad-token",
               MoySklad__OrganizationName="ООО Симулятор", MoySklad__CounterpartyName="Поставщик по умолчанию", MoySklad__StoreName="Бестужевых",
               OneC__BaseUrl=sim_base, OneC__User="hub", OneC__Password="sim-1c-password", OneC__TransferOrder__Priority="Средний")
    hub = subprocess.Popen(["dotnet", dll], cwd=os.path.dirname(dll), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(base + "/health/ready")
    wal0 = sql("select pg_current_wal_lsn()")
    req = urllib.request.Request(base + "/api/v1/trigger/internal-replenishment", b"", {"X-Api-Key": key}, method="POST")
    with urllib.request.urlopen(req, timeout=60) as r: run_id = json.load(r)["run_id"]
    lists, details, pages = [], [], []
    started = time.monotonic()
    deadline = started + float(limit) * 60
    ended = True
    while True:
        _, ms = get("/api/v1/runs?page_size=50"); lists.append(ms)
        run, ms = get(f"/api/v1/runs/{run_id}"); details.append(ms)
        _, ms = get(f"/admin/runs/{run_id}", htmx=True); pages.append(ms)
        if run["status"] in ("Completed", "CompletedWithFailures", "Failed", "Planned"): break
        if time.monotonic() > deadline:
            ended = False
            break
        time.sleep(0.25)
    elapsed = time.monotonic() - started
    wal1 = sql("select pg_current_wal_lsn()")
    wal = int(sql(f"select pg_wal_lsn_diff('{wal1}', '{wal0}')"))
    stored = int(sql("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                     "where n.nspname = 'hub' and c.relkind = 'r' and (c.relname like 'mt_doc_replenishment_run%' or c.relname like 'mt_doc_outbox_delivery%' "
                     "or c.relname in ('mt_events', 'mt_streams'))"))
    orders = run["orders"]
    stored_runs = clone_runs(run_id, 1000)
    lists2, details2, pages2, timelines2 = [], [], [], []
    quiet = time.monotonic() + 20
    while time.monotonic() < quiet:
        _, ms = get("/api/v1/runs?page_size=50"); lists2.append(ms)
        _, ms = get(f"/api/v1/runs/{run_id}"); details2.append(ms)
        _, ms = get(f"/admin/runs/{run_id}", htmx=True); pages2.append(ms)
        try:
            _, ms = get(f"/admin/runs/{run_id}/timeline", htmx=True); timelines2.append(ms)
        except urllib.error.HTTPError:
            pass  # a hub without the timeline's own page (the anchor shows it inside the run page)
    from datetime import datetime
    def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
    last = max((ts(o["updated_at"]) for o in orders if o.get("updated_at")), default=None)
    lag = (ts(run["finished_at"]) - last).total_seconds() * 1000 if ended and last else None
    dispatch = (ts(run["finished_at"]) - ts(run["planned_at"])).total_seconds() if ended else None
    p95 = lambda xs: statistics.quantiles(xs, n=20)[18] if len(xs) >= 20 else max(xs)
    sent = sum(1 for o in orders if o["state"] == "Sent")
    # Orders the run's record shows as sent, per second since the trigger: how fast the record keeps up with the deliveries.
    print(json.dumps({"label": label, "status": run["status"] if ended else f"still {run['status']} after {limit} min", "orders": len(orders), "sent": sent,
                      "recorded_per_s": round(sent / elapsed, 1), "dispatch_s": round(dispatch, 1) if dispatch is not None else None,
                      "end_lag_ms": round(lag) if lag is not None else None, "wal_per_order": wal // max(len(orders), 1), "stored_per_order": stored // max(len(orders), 1),
                      "list_p95_ms": round(p95(lists), 1), "run_p95_ms": round(p95(details), 1), "page_p95_ms": round(p95(pages), 1), "samples": len(lists),
                      "stored_runs": stored_runs, "list_p95_1000": round(p95(lists2), 1), "run_p95_1000": round(p95(details2), 1),
                      "page_p95_1000": round(p95(pages2), 1), "timeline_p95_1000": round(p95(timelines2), 1) if timelines2 else None,
                      "samples_1000": len(lists2)}))
finally:
    for p in (hub, sim):
        if p is None: continue
        p.terminate()
        try: p.wait(30)
        except subprocess.TimeoutExpired: p.kill()
PY
}

say "anchor $anchor"
a=$(measure "anchor $anchor (one run document, rewritten per notice)" "$old_dll" hub_bench_runs_old)
say "this checkout"
b=$(measure "this checkout (event streams, a stream per order)" "$new_dll" hub_bench_runs_new)

mkdir -p bench/results
# The default size writes runs.md; another size its own file, so both stay side by side (bytes per order against size).
out=bench/results/runs.md
[ "$shops" = 2600 ] || out=bench/results/runs-$shops.md
python3 - "$a" "$b" "$shops" "$anchor" "$(nproc)" "$(pg_version)" <<'PY' | tee "$out"
import json, sys, datetime
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
shops, anchor, cores, pg = sys.argv[3:]
print("# One big replenishment run\n")
print(f"{datetime.date.today()}, {cores} cores (shared), PostgreSQL {pg} on localhost, the simulator with {shops} extra shops "
      f"(seed 42, 24 items, every deficit covered by a donor); `bench/runs-bench.sh {shops} {anchor}`.\n")
print("| hub | outcome | orders | recorded sent per s | dispatch (s) | end lag (ms) | WAL per order (bytes) | stored per order (bytes) | list p95 (ms) | run p95 (ms) | page p95 (ms) | samples |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
dash = lambda v: "—" if v is None else v
for r in (a, b):
    print(f"| {r['label']} | {r['status']}, {r['sent']} sent | {r['orders']} | {r['recorded_per_s']} | {dash(r['dispatch_s'])} | {dash(r['end_lag_ms'])} | "
          f"{r['wal_per_order']:,} | {r['stored_per_order']:,} | {r['list_p95_ms']} | {r['run_p95_ms']} | {r['page_p95_ms']} | {r['samples']} |")
print(f"\nWith {b['stored_runs']:,} runs stored (the run and copies of its summary), nothing else started, 20 s of samples (an anchor stopped at the limit is still dispatching):\n")
print("| hub | list p95 (ms) | run p95 (ms) | page p95 (ms) | timeline p95 (ms) | samples |")
print("| --- | --- | --- | --- | --- | --- |")
for r in (a, b):
    print(f"| {r['label']} | {r['list_p95_1000']} | {r['run_p95_1000']} | {r['page_p95_1000']} | {dash(r.get('timeline_p95_1000'))} | {r['samples_1000']} |")
ratio = lambda k, x=a, y=b: f"{x[k] / y[k]:.1f}×" if x[k] and y[k] else "—"
print(f"\nRatios: recorded sent per s, this checkout ÷ anchor, {ratio('recorded_per_s', b, a)}; anchor ÷ this checkout (lower is better here): "
      f"WAL per order {ratio('wal_per_order')}, stored per order {ratio('stored_per_order')}, list p95 {ratio('list_p95_ms')}, run p95 {ratio('run_p95_ms')}, "
      f"page p95 {ratio('page_p95_ms')}; with 1,000 runs: list {ratio('list_p95_1000')}, run {ratio('run_p95_1000')}, page {ratio('page_p95_1000')}. "
      "WAL and storage of a side stopped at the limit count only the orders it planned, its writes only until then. "
      "The run p95 is the whole run (every decision and order) as GET /api/v1/runs/{id} returns it; the page and GET /api/v1/runs/{id}/orders read a page.")
PY
