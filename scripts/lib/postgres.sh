# Sourced by scripts/run.sh and scripts/test.sh: makes sure a local PostgreSQL is installed, running,
# and has the hub's role and database. Idempotent: every step checks before it acts.
# Debian's PostgreSQL refuses to run as root, so administration goes through the postgres system user.

HUB_PG_USER=${HUB_PG_USER:-hub}
HUB_PG_PASSWORD=${HUB_PG_PASSWORD:-hub}   # a local development credential, never used outside this machine
HUB_PG_PORT=${HUB_PG_PORT:-5432}
HUB_PG_DB=${HUB_PG_DB:-hub}

say() { printf '\033[1m[hub]\033[0m %s\n' "$*" >&2; }
die() { printf '[hub] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root (or sudo) to: $*"; fi
}

apt_install() {
  # Mirrors fail transiently; retry instead of failing a fresh machine's set-up on one bad fetch.
  local attempt
  for attempt in 1 2 3 4; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/tmp/hub-apt.log 2>&1; then return 0; fi
    say "apt-get install $* failed (attempt $attempt); updating package lists and retrying"
    as_root apt-get update -q >/tmp/hub-apt-update.log 2>&1 || true
    sleep $((attempt * 3))
  done
  tail -20 /tmp/hub-apt.log >&2
  die "could not install $*"
}

pg_version() { ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1; }

ensure_postgres_binaries() {
  if [ -z "$(pg_version)" ] || ! command -v pg_ctlcluster >/dev/null; then
    say "PostgreSQL is not installed; installing Debian's postgresql package"
    as_root apt-get update -q >/tmp/hub-apt-update.log 2>&1 || true
    apt_install postgresql postgresql-contrib
  fi
}

ensure_postgres() {
  ensure_postgres_binaries
  local ver; ver=$(pg_version)
  [ -n "$ver" ] || die "PostgreSQL did not install"
  if [ ! -d "/etc/postgresql/$ver/main" ]; then
    say "creating PostgreSQL $ver cluster 'main' on port $HUB_PG_PORT"
    as_root pg_createcluster "$ver" main --port "$HUB_PG_PORT" >/dev/null
  fi
  if ! as_root pg_ctlcluster "$ver" main status >/dev/null 2>&1; then
    say "starting PostgreSQL $ver"
    as_root pg_ctlcluster "$ver" main start || die "PostgreSQL did not start (see /var/log/postgresql/)"
  fi
  local i
  for i in $(seq 1 60); do
    as_root runuser -u postgres -- pg_isready -q -p "$HUB_PG_PORT" && break
    sleep 0.5
  done
  as_root runuser -u postgres -- pg_isready -q -p "$HUB_PG_PORT" || die "PostgreSQL is not accepting connections on port $HUB_PG_PORT"

  psql_admin() { as_root runuser -u postgres -- psql -p "$HUB_PG_PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$HUB_PG_USER'")" != 1 ]; then
    say "creating role $HUB_PG_USER"
    psql_admin -c "create role \"$HUB_PG_USER\" login createdb password '$HUB_PG_PASSWORD'" >/dev/null
  fi
  ensure_database "$HUB_PG_DB"
}

ensure_database() {
  local db=$1
  if [ "$(as_root runuser -u postgres -- psql -p "$HUB_PG_PORT" -qtA -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
    say "creating database $db"
    as_root runuser -u postgres -- psql -p "$HUB_PG_PORT" -v ON_ERROR_STOP=1 -q -c "create database \"$db\" owner \"$HUB_PG_USER\"" >/dev/null
  fi
}

connection_string() {
  echo "Host=localhost;Port=$HUB_PG_PORT;Database=${1:-$HUB_PG_DB};Username=$HUB_PG_USER;Password=$HUB_PG_PASSWORD"
}
