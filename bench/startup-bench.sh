#!/usr/bin/env bash
# Cold start and idle memory of the hub, this checkout beside an anchor commit (default: 0252500, main before
# handler code was generated at build time), measured in the same run on the same machine and database server.
# Each start is a new process on an existing schema (a restart, as a deploy or a failover does):
#   ready     from launch to the first 200 of /health/ready;
#   first     the first request that runs a Wolverine handler after that (POST /api/v1/logs: IngestLogs), which is
#             where a runtime-compiling hub pays Roslyn;
#   idle MiB  resident memory 5 s after that request.
# Rows: the anchor as it ships (Dynamic codegen, Solo), this checkout in Solo (the same durability) and in its
# production default (Balanced). Median of N starts each, interleaved. Usage: bench/startup-bench.sh [N (5)] [anchor]
# Results go to bench/results/startup.md (and the console).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

runs=${1:-5}
anchor=${2:-0252500}
ensure_postgres >/dev/null
port=${HUB_BENCH_PORT:-5187}
key="bench-admin-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
old=$(mktemp -d /tmp/hub-bench-anchor.XXXXXX)
trap 'rm -rf "$old"' EXIT

say "building this checkout and $anchor (in $old)"
git archive "$anchor" | tar -x -C "$old"
dotnet build src/Hub.Host -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
dotnet build "$old/src/Hub.Host" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null
new_dll=$PWD/src/Hub.Host/bin/Release/net10.0/Hub.Host.dll
old_dll=$old/src/Hub.Host/bin/Release/net10.0/Hub.Host.dll

for db in hub_bench_start_old hub_bench_start_new; do ensure_database "$db"; done
export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port"
export Auth__Keys__0__Name=bench Auth__Keys__0__Role=admin Auth__Keys__0__Key="$key"
# The schema exists before the first timed start, so every start is the same restart.
ConnectionStrings__Hub="$(connection_string hub_bench_start_old)" dotnet "$old_dll" db-apply >/dev/null
ConnectionStrings__Hub="$(connection_string hub_bench_start_new)" dotnet "$new_dll" db-apply >/dev/null

# One start: prints "ready_s first_s idle_mib".
measure() { # $1 dll, $2 database, $3 durability mode
  python3 - "$1" "$(connection_string "$2")" "$3" "$port" "$key" <<'PY'
import json, os, subprocess, sys, time, urllib.request
dll, cs, mode, port, key = sys.argv[1:]
env = dict(os.environ, ConnectionStrings__Hub=cs, Wolverine__DurabilityMode=mode)
base = f"http://127.0.0.1:{port}"
start = time.monotonic()
p = subprocess.Popen(["dotnet", dll], cwd=os.path.dirname(dll), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while True:
        if p.poll() is not None: sys.exit(f"the hub exited with {p.returncode}")
        if time.monotonic() - start > 120: sys.exit("not ready within 120 s")
        try:
            with urllib.request.urlopen(base + "/health/ready", timeout=5) as r:
                if r.status == 200: break
        except Exception:
            time.sleep(0.02)
    ready = time.monotonic() - start
    body = json.dumps({"process_name": "bench", "step": "start", "log_level": "INFO", "status": "success", "message": "first"}).encode()
    req = urllib.request.Request(base + "/api/v1/logs", body, {"Content-Type": "application/json", "X-Api-Key": key})
    t = time.monotonic()
    with urllib.request.urlopen(req, timeout=60) as r: assert 200 <= r.status < 300, r.status
    first = time.monotonic() - t
    time.sleep(5)
    rss = next(int(l.split()[1]) for l in open(f"/proc/{p.pid}/status") if l.startswith("VmRSS")) / 1024
    print(f"{ready:.2f} {first:.3f} {rss:.0f}")
finally:
    p.terminate()
    try: p.wait(20)
    except subprocess.TimeoutExpired: p.kill()
PY
}

declare -A results
variants=("anchor $anchor, Solo (as it ships: Dynamic codegen)|$old_dll|hub_bench_start_old|Solo"
          "this checkout, Solo|$new_dll|hub_bench_start_new|Solo"
          "this checkout, Balanced (production default)|$new_dll|hub_bench_start_new|Balanced")
for i in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    IFS='|' read -r name dll db mode <<<"$v"
    say "start $i/$runs: $name"
    results[$name]+="$(measure "$dll" "$db" "$mode");"
  done
done

mkdir -p bench/results
{
  echo "# Cold start and idle memory"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores (shared), PostgreSQL $(pg_version) on localhost; median of $runs starts each, interleaved; \`bench/startup-bench.sh $runs $anchor\`."
  echo
  echo "| hub | ready (s) | first handler request (s) | idle RSS (MiB) |"
  echo "| --- | --- | --- | --- |"
  for v in "${variants[@]}"; do
    IFS='|' read -r name _ _ _ <<<"$v"
    python3 - "$name" "${results[$name]}" <<'PY'
import statistics, sys
name, raw = sys.argv[1], sys.argv[2]
rows = [list(map(float, r.split())) for r in raw.strip(";").split(";")]
med = [statistics.median(c) for c in zip(*rows)]
spread = [f"{min(c):g}–{max(c):g}" for c in zip(*rows)]
print(f"| {name} | {med[0]:.2f} ({spread[0]}) | {med[1]:.3f} ({spread[1]}) | {med[2]:.0f} ({spread[2]}) |")
PY
  done
} | tee bench/results/startup.md
