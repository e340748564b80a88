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
#   run p95      GET /api/v1/runs/{id}, sampled the same way.
# Usage: bench/runs-bench.sh [shops (2600)] [anchor]. Results go to bench/results/runs.md (and the console).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

shops=${1:-2600}
anchor=${2:-eaf81d5}
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
  python3 - "$1" "$2" "$psql_cs" "$port" "$sim_port" "$sim_dll" "$key" "$shops" <<'PY'
import json, os, statistics, subprocess, sys, time, urllib.request
label, dll, cs, port, sim_port, sim_dll, key, shops = sys.argv[1:]
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
def get(path):
    t = time.monotonic()
    with urllib.request.urlopen(urllib.request.Request(base + path, headers={"X-Api-Key": key}), timeout=120) as r:
        body = json.load(r)
    return body, (time.monotonic() - t) * 1000
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
    lists, details = [], []
    deadline = time.monotonic() + 3600
    while True:
        _, ms = get("/api/v1/runs?page_size=50"); lists.append(ms)
        run, ms = get(f"/api/v1/runs/{run_id}"); details.append(ms)
        if run["status"] in ("Completed", "CompletedWithFailures", "Failed", "Planned"): break
        if time.monotonic() > deadline: sys.exit("the run did not end within an hour")
        time.sleep(0.25)
    wal1 = sql("select pg_current_wal_lsn()")
    wal = int(sql(f"select pg_wal_lsn_diff('{wal1}', '{wal0}')"))
    stored = int(sql("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                     "where n.nspname = 'hub' and c.relkind = 'r' and (c.relname like 'mt_doc_replenishment_run%' or c.relname like 'mt_doc_outbox_delivery%' "
                     "or c.relname in ('mt_events', 'mt_streams'))"))
    orders = run["orders"]
    from datetime import datetime
    def ts(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
    last = max(ts(o["updated_at"]) for o in orders if o.get("updated_at"))
    lag = (ts(run["finished_at"]) - last).total_seconds() * 1000
    dispatch = (ts(run["finished_at"]) - ts(run["planned_at"])).total_seconds()
    p95 = lambda xs: statistics.quantiles(xs, n=20)[18] if len(xs) >= 20 else max(xs)
    sent = sum(1 for o in orders if o["state"] == "Sent")
    print(json.dumps({"label": label, "status": run["status"], "orders": len(orders), "sent": sent, "dispatch_s": round(dispatch, 1),
                      "end_lag_ms": round(lag), "wal_per_order": wal // max(len(orders), 1), "stored_per_order": stored // max(len(orders), 1),
                      "list_p95_ms": round(p95(lists), 1), "run_p95_ms": round(p95(details), 1), "samples": len(lists)}))
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
python3 - "$a" "$b" "$shops" "$anchor" "$(nproc)" "$(pg_version)" <<'PY' | tee bench/results/runs.md
import json, sys, datetime
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
shops, anchor, cores, pg = sys.argv[3:]
print("# One big replenishment run\n")
print(f"{datetime.date.today()}, {cores} cores (shared), PostgreSQL {pg} on localhost, the simulator with {shops} extra shops "
      f"(seed 42, 24 items, every deficit covered by a donor); `bench/runs-bench.sh {shops} {anchor}`.\n")
print("| hub | outcome | orders | dispatch (s) | end lag (ms) | WAL per order (bytes) | stored per order (bytes) | list p95 (ms) | run p95 (ms) | samples |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in (a, b):
    print(f"| {r['label']} | {r['status']}, {r['sent']} sent | {r['orders']} | {r['dispatch_s']} | {r['end_lag_ms']} | {r['wal_per_order']:,} | "
          f"{r['stored_per_order']:,} | {r['list_p95_ms']} | {r['run_p95_ms']} | {r['samples']} |")
ratio = lambda k: a[k] / b[k] if b[k] else float("inf")
print(f"\nRatios, anchor ÷ this checkout: dispatch {ratio('dispatch_s'):.2f}×, WAL per order {ratio('wal_per_order'):.1f}×, "
      f"list p95 {ratio('list_p95_ms'):.1f}×, run p95 {ratio('run_p95_ms'):.2f}×.")
PY
