#!/usr/bin/env bash
# `npm run test:postgres`: the whole API test suite on PostgreSQL. Starts a throwaway cluster
# (scripts/postgres-cluster.sh: Debian's PostgreSQL, a temporary folder, a free port), runs the
# backend's jest with TEST_DB=postgres (every test file makes fresh databases of its own), and
# removes the cluster whatever happened. With PG_TEST_URL already set, that server is used instead.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${PG_TEST_URL:-}" ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || bash "$repo/scripts/system-packages.sh"
  dir=$(mktemp -d "${TMPDIR:-/tmp}/stracker-pg.XXXXXX")
  chmod 755 "$dir"
  trap 'bash "$repo/scripts/postgres-cluster.sh" stop "$dir"; rm -rf "$dir"' EXIT
  port=$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  PG_TEST_URL=$(bash "$repo/scripts/postgres-cluster.sh" start "$dir" "$port")
  export PG_TEST_URL
  echo "PostgreSQL $(psql "$PG_TEST_URL" -Atc 'SHOW server_version') at $PG_TEST_URL"
fi
cd "$repo/backend"
# Two workers even on two cores: the tests mostly wait for the server (121 s with one, 71 s with two).
TEST_DB=postgres npx jest --maxWorkers=2 "$@"
