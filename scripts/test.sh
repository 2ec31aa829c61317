#!/usr/bin/env bash
# The whole suite: lint, then the tests on SQLite and on PostgreSQL, side by side.
# Installs what it needs (Debian's postgresql and chromium) when missing, and runs
# PostgreSQL on a private port and data folder that it removes afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export FAZHI_TESTING=1
export FAZHI_VAR="${FAZHI_VAR:-$PWD/var/test}"
mkdir -p "$FAZHI_VAR"

apt_install() {
  local SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

need=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} (apt-get)"
  apt_install "${need[@]}"
fi
export FAZHI_CHROMIUM="$(command -v chromium)"

echo "== ruff"
$BIN/ruff check .
$BIN/ruff format --check .

echo "== starting PostgreSQL"
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
PG_DIR=$(mktemp -d /tmp/fazhi-pg.XXXXXX)
PG_PORT=${FAZHI_PG_PORT:-54329}
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$PG_DIR"
  RUN_AS=(runuser -u postgres --)
fi
LOGS=$(mktemp -d /tmp/fazhi-test-logs.XXXXXX)
cleanup() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR" "$LOGS"
}
trap cleanup EXIT
"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U fazhi --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null

# The two databases run side by side (one core each), each with its own var folder; their
# output is printed in turn when both have finished. Every test runs on both, except the
# heavy ones that need only one (markers in pyproject.toml): the whole-app walks with
# garbage (strict_db) on PostgreSQL, which refuses what SQLite lets through (an over-long
# value, an integer out of range); the browser tests and the database-agnostic heavy tests
# (db_agnostic: access matrix, public PII crawl, the demo command's builds, and the longest
# walk, the coordinator's, so that the two runs take about as long) on SQLite.
echo "== tests on SQLite and on PostgreSQL, in parallel"
mkdir -p "$FAZHI_VAR/sqlite" "$FAZHI_VAR/postgres"
FAZHI_VAR="$FAZHI_VAR/sqlite" DATABASE_URL="sqlite:///$FAZHI_VAR/sqlite/test.sqlite3" \
  $BIN/pytest -m "not strict_db or db_agnostic" --durations=15 >"$LOGS/sqlite.log" 2>&1 &
SQLITE_PID=$!
FAZHI_VAR="$FAZHI_VAR/postgres" DATABASE_URL="postgres://fazhi@/fazhi?host=$PG_DIR&port=$PG_PORT" \
  $BIN/pytest -m "not browser and not db_agnostic" --durations=15 >"$LOGS/postgres.log" 2>&1 &
PG_PID=$!
sqlite_rc=0
pg_rc=0
wait $SQLITE_PID || sqlite_rc=$?
wait $PG_PID || pg_rc=$?
echo "== tests on SQLite (exit $sqlite_rc)"
cat "$LOGS/sqlite.log"
echo "== tests on PostgreSQL (exit $pg_rc)"
cat "$LOGS/postgres.log"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
