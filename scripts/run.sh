#!/usr/bin/env bash
# Runs the hub. Without a configured database (ConnectionStrings__Hub or DATABASE_URL) it installs,
# starts and prepares a local PostgreSQL first. Extra arguments go to the hub (e.g. `-- describe`).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh
. scripts/lib/tools.sh

if [ -z "${ConnectionStrings__Hub:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  ensure_postgres
  export ConnectionStrings__Hub="$(connection_string)"
  say "using the local PostgreSQL: database $HUB_PG_DB on localhost:$HUB_PG_PORT"
else
  say "using the configured database"
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

# A build says nothing unless it fails: a command's output is the command's alone. MSBuild still prints its "Build
# succeeded / 0 Warning(s) / Time Elapsed" summary with -clp:NoSummary (.NET 10's SDK), so its output is kept aside and shown
# only for a failed build.
build_quietly() {
  local log
  log=$(mktemp /tmp/hub-build.XXXXXX)
  if ! dotnet build "$@" -c Release -nologo -v q -clp:ErrorsOnly >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "the build of $1 failed"
  fi
  rm -f "$log"
}

# Without configured API keys a Development hub runs with one admin key that it prints at start. Keeping that
# key in .hub/ (git-ignored, readable by this user only) makes it the same across restarts, so a curl line keeps working.
if [ "$ASPNETCORE_ENVIRONMENT" = Development ] && ! env | grep -q '^Auth__Keys__' && [ -z "${Auth__DevelopmentKey:-}" ]; then
  key_file=.hub/dev-api-key
  if [ ! -s "$key_file" ]; then
    mkdir -p .hub
    (umask 077; printf 'hub_dev_%s' "$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')" > "$key_file")
  fi
  export Auth__DevelopmentKey="$(cat "$key_file")"
  say "development API key (admin): $key_file — send it as X-Api-Key; configure Auth__Keys__* for real keys"
fi

# Without real credentials for 1C and МойСклад the hub talks to the simulators of both (src/Simulators),
# started here on loopback and stopped with the hub.
sim_pid=""
# The script's own status, not the trap's: a kill of a simulator that is already gone must not turn a success into exit 1.
stop_simulators() {
  local rc=$?
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; fi
  exit $rc
}
if [ -z "${MoySklad__Token:-}${MoySklad__Login:-}" ] && [ -z "${OneC__BaseUrl:-}" ]; then
  sim_url=${HUB_SIMULATOR_URL:-http://127.0.0.1:5090}
  sim_log="/tmp/hub-simulators-${sim_url##*:}.log"
  # A hub started earlier by this script already has its simulators: a command run next to it (scripts/run.sh replenish)
  # uses the same ones, so it sees the same data and settings, and neither starts a second pair nor overwrites their log.
  if curl -s -o /dev/null --max-time 2 "$sim_url/_sim/faults"; then
    say "using the simulators of 1C and МойСклад already listening at $sim_url (log $sim_log)"
  else
    say "no 1C or МойСклад credentials configured: starting the simulators of both at $sim_url (log $sim_log)"
    build_quietly src/Simulators/Hub.Simulators
    (cd src/Simulators/Hub.Simulators/bin/Release/net10.0 && exec dotnet Hub.Simulators.dll --urls "$sim_url") > "$sim_log" 2>&1 &
    sim_pid=$!
    trap stop_simulators EXIT INT TERM
    for _ in $(seq 1 60); do
      curl -s -o /dev/null --max-time 1 "$sim_url/_sim/faults" && break
      kill -0 "$sim_pid" 2>/dev/null || die "the simulators did not start; see $sim_log"
      sleep 0.5
    done
  fi
  export MoySklad__BaseUrl="$sim_url/api/remap/1.2" MoySklad__Token="sim-moysklad-token"
  export MoySklad__OrganizationName="ООО Симулятор" MoySklad__CounterpartyName="Поставщик по умолчанию" MoySklad__StoreName="Бестужевых"
  export OneC__BaseUrl="$sim_url" OneC__User="hub" OneC__Password="sim-1c-password" OneC__TransferOrder__Priority="Средний"
  if [ $# -eq 0 ]; then
    say "simulators: faults at $sim_url/_sim/faults, orders at $sim_url/_sim/moysklad/orders, documents at $sim_url/_sim/1c/documents"
  fi
fi
url=${HUB_URL:-http://localhost:5080}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-$url}
# The operator commands (replenish, schedules, dead-letters) call the hub at HUB_URL with HUB_API_KEY: the same key the
# hub started by this script accepts.
export HUB_URL="$url"
if [ -z "${HUB_API_KEY:-}" ] && [ -n "${Auth__DevelopmentKey:-}" ]; then export HUB_API_KEY="$Auth__DevelopmentKey"; fi
ensure_npm
say "building"
build_quietly src/Hub.Host
if [ $# -eq 0 ]; then
  say "starting: API $url/api/v1/logs · API reference $url/docs · health $url/health/ready · admin $url/admin · Ctrl+C stops"
fi
# Not exec: the trap above must stop the simulators when the hub ends.
dotnet run --no-build -c Release --project src/Hub.Host -- "$@"
