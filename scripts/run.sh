#!/usr/bin/env bash
# Runs the hub. Without a configured database (ConnectionStrings__Hub or DATABASE_URL) it installs,
# starts and prepares a local PostgreSQL first. Extra arguments go to the hub (e.g. `-- describe`).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/postgres.sh

if [ -z "${ConnectionStrings__Hub:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  ensure_postgres
  export ConnectionStrings__Hub="$(connection_string)"
  say "using the local PostgreSQL: database $HUB_PG_DB on localhost:$HUB_PG_PORT"
else
  say "using the configured database"
fi

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
url=${HUB_URL:-http://localhost:5080}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-$url}
say "building"
dotnet build src/Hub.Host -c Release -nologo -v q -clp:ErrorsOnly
if [ $# -eq 0 ]; then
  say "starting: API $url/api/v1/logs · API reference $url/docs · health $url/health/ready · Ctrl+C stops"
fi
exec dotnet run --no-build -c Release --project src/Hub.Host -- "$@"
