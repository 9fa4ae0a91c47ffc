#!/usr/bin/env bash
# `npm run test:compose`: the deployment exactly as the README writes it, on a real Docker engine.
#   a. a copy of the checkout (tracked files plus new, not ignored ones, as they are in the work
#      tree; never .env, certs/, node_modules) in a temporary folder, so an operator's own .env,
#      certs and containers are never touched; there: scripts/self-signed-cert.sh localhost (as
#      root the key is 0600 root, the case that once kept nginx from starting), a .env from
#      .env.example with generated secrets, free ports on 127.0.0.1 (STRACKER_HTTP(S)_PORT),
#      and its own compose project, stracker-composetest;
#   b. docker compose build, up -d, both services healthy;
#   c. over HTTPS through nginx, trusting the certificate (NODE_EXTRA_CA_CERTS): an account with
#      a real TOTP code, a spending; a renewed certificate served after `run --rm certs` and a reload;
#   d. stracker-admin backup to the host, a second spending, stop, restore, up: the first spending
#      is there, the second is not, writes work; a restore while the API runs is refused; the
#      backend recreated at another address is still reached through nginx;
#   e. the database file made unwritable for the API: /api/health 503 and the container
#      unhealthy; given back: healthy, writes work;
#   g. PostgreSQL through docker-compose.postgres.yml: the family's data moved with
#      stracker-admin migrate-to-postgres (a second copy refused), the backend healthy on it,
#      the old spendings there and a new one written, a pg_dump backup copied out;
#   f. down -v --remove-orphans and the temporary folder, whatever happened; each step's time.
# Without a Docker engine (scripts/docker-standins.sh cannot start one) it says so and exits 0;
# every other failure is a failure. No image registry is needed: docker-standins.sh builds local
# stand-ins for the base images (read its header).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
project=stracker-composetest
build_log=${TMPDIR:-/tmp}/$project-build.log

started=$SECONDS
timings=()
current=""
step_start=0
end_step() {
  if [ -n "$current" ]; then timings+=("$(printf '%5ss  %s' $((SECONDS - step_start)) "$current")"); fi
  current=""
}
step() {
  end_step
  current=$1
  step_start=$SECONDS
  echo "== compose test: $1"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/$project.XXXXXX")
compose=()
stack_up=false
old_images=()
cleanup() {
  local rc=$?
  end_step
  set +e
  if [ "$stack_up" = true ]; then
    if [ "$rc" -ne 0 ]; then
      echo "== compose test FAILED (exit $rc): the stack as it was"
      (cd "$work" && "${compose[@]}" ps && "${compose[@]}" logs --no-color --tail 80)
    fi
    current="f. down -v --remove-orphans"
    step_start=$SECONDS
    (cd "$work" && "${compose[@]}" down -v --remove-orphans)
    end_step
    # This project's images of earlier runs, now untagged; the current ones stay (build cache).
    for image in "${old_images[@]}"; do
      [ "$(docker image inspect -f '{{len .RepoTags}}' "$image" 2>/dev/null)" = 0 ] && docker rmi "$image" >/dev/null 2>&1
    done
  fi
  rm -rf "$work"
  echo "== compose test: times"
  printf '%s\n' "${timings[@]}"
  printf '%5ss  total\n' $((SECONDS - started))
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "a. copy of the checkout, Docker engine and base images"
git -C "$repo" ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do
    if [ -e "$repo/$file" ] || [ -L "$repo/$file" ]; then printf '%s\0' "$file"; fi
  done |
  tar -C "$repo" --null -T - -c | tar -C "$work" -x
cd "$work"
if ! bash scripts/docker-standins.sh 2> >(tee "$work/standins.log" >&2); then
  if ! docker info >/dev/null 2>&1; then
    why=$(grep -v '^standins: installing\|^standins: starting' "$work/standins.log" | tail -n 1)
    if [[ "$why" == *"did not start"* ]] && [ -s /tmp/dockerd.log ]; then why="$why: $(tail -n 1 /tmp/dockerd.log | cut -c 1-300)"; fi
    echo "compose test skipped: no Docker engine (${why:-docker-standins.sh could not start one})"
    exit 0
  fi
  echo "compose test: scripts/docker-standins.sh failed although a Docker engine answers" >&2
  exit 1
fi
# The images the compose files name themselves (PostgreSQL's in the override).
mapfile -t named_images < <(sed -n 's/^ *image: *//p' docker-compose*.yml | sort -u)
if [ ${#named_images[@]} -gt 0 ]; then bash scripts/docker-standins.sh "${named_images[@]}"; fi
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
echo "using: ${compose[*]} ($("${compose[@]}" version --short 2>/dev/null || true)), engine $(docker version --format '{{.Server.Version}}')"
# Only what the README and this script say: nothing from the caller's environment.
unset COMPOSE_FILE COMPOSE_PATH_SEPARATOR COMPOSE_PROFILES STRACKER_HTTP_PORT STRACKER_HTTPS_PORT
export COMPOSE_PROJECT_NAME=$project
# A run that was killed before it could clean up leaves its project behind.
"${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
mapfile -t old_images < <(docker images -q --filter "reference=${project}_*" --filter "reference=${project}-*" | sort -u)

step "a. certificate, .env and ports as the README says"
scripts/self-signed-cert.sh localhost
ls -ln certs
cp .env.example .env
sed -i "s|^JWT_SECRET=.*|JWT_SECRET=$(openssl rand -base64 48)|; s|^TOTP_ENCRYPTION_KEY=.*|TOTP_ENCRYPTION_KEY=$(openssl rand -base64 48)|" .env
# The VAPID pair as `npx web-push generate-vapid-keys` makes it (raw P-256 keys, base64url).
read -r vapid_public vapid_private < <(node -e '
  const c = require("node:crypto");
  const { privateKey } = c.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const pub = c.createPublicKey(privateKey).export({ format: "der", type: "spki" }).subarray(-65).toString("base64url");
  console.log(pub, privateKey.export({ format: "jwk" }).d);')
sed -i "s|^VAPID_PUBLIC_KEY=.*|VAPID_PUBLIC_KEY=$vapid_public|; s|^VAPID_PRIVATE_KEY=.*|VAPID_PRIVATE_KEY=$vapid_private|; s|^VAPID_SUBJECT=.*|VAPID_SUBJECT=mailto:admin@localhost.example|" .env
read -r http_port https_port < <(node -e '
  const net = require("node:net");
  const free = () => new Promise((ok) => { const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); }); });
  Promise.all([free(), free()]).then((ports) => console.log(ports.join(" ")));')
printf 'STRACKER_HTTP_PORT=127.0.0.1:%s\nSTRACKER_HTTPS_PORT=127.0.0.1:%s\n' "$http_port" "$https_port" >> .env
url="https://localhost:$https_port"
echo "the stack will answer at $url (and http://localhost:$http_port)"
export NODE_EXTRA_CA_CERTS="$work/certs/fullchain.pem"
api() { node "$repo/scripts/test-compose-api.mjs" "$url" "$work/account.json" "$@"; }

container() { "${compose[@]}" ps -q "$1"; }
# wait_health SERVICE STATUS SECONDS: the container's Docker health status becomes STATUS.
wait_health() {
  local deadline=$((SECONDS + $3)) status=""
  while :; do
    status=$(docker inspect -f '{{.State.Health.Status}}' "$(container "$1")" 2>/dev/null || echo "no container")
    [ "$status" = "$2" ] && { echo "$1: $status"; return 0; }
    [ $SECONDS -ge $deadline ] && { echo "compose test: $1 is \"$status\", not \"$2\", after $3 s" >&2; return 1; }
    sleep 2
  done
}

step "b. docker compose build"
stack_up=true
if ! "${compose[@]}" build > "$build_log" 2>&1; then
  tail -n 60 "$build_log"
  echo "compose test: the build failed; whole log: $build_log" >&2
  exit 1
fi
echo "built (log: $build_log)"

step "b. docker compose up -d, both healthy"
"${compose[@]}" up -d
wait_health backend healthy 180
wait_health nginx healthy 120
[ "$(docker inspect -f '{{.State.ExitCode}}' "$(container certs)")" = 0 ]
"${compose[@]}" ps

step "c. register with a TOTP code, record a spending (HTTPS through nginx)"
api health 200 30
api register
api spend before-backup

step "c. a new certificate: certs service again, nginx reloaded"
scripts/self-signed-cert.sh localhost
"${compose[@]}" run --rm certs
"${compose[@]}" exec -T nginx nginx -s reload
# NODE_EXTRA_CA_CERTS now names the new certificate only: the old one would fail verification.
api health 200 15

step "d. backup, restore (stracker-admin)"
# Files cross with `docker cp` (what `docker compose cp` calls), never through `exec -T` or
# `run -T`: docker-compose's streams can cut binary data short (a backup came out 8 KiB short).
"${compose[@]}" exec -T backend stracker-admin backup /data/backup.db
docker cp "$(container backend):/data/backup.db" backup.db
"${compose[@]}" exec -T backend rm /data/backup.db
[ "$(head -c 15 backup.db)" = "SQLite format 3" ] || { echo "compose test: backup.db is not a SQLite database" >&2; exit 1; }
[ "$(stat -c %a backup.db)" = 600 ] || { echo "compose test: backup.db is readable by others ($(stat -c %a backup.db))" >&2; exit 1; }
echo "backup.db: $(stat -c %s backup.db) bytes, mode 600"
api spend after-backup
# A restore reads standard input: a stream cut short is refused (the file is checked first)
# and nothing is replaced, where a cut backup would go unnoticed until needed.
if "${compose[@]}" run --rm --no-deps -T backend stracker-admin restore - < backup.db; then
  echo "compose test: a restore while the API runs was not refused" >&2
  exit 1
fi
echo "(refused while the API runs, as it should be)"
"${compose[@]}" stop backend
"${compose[@]}" run --rm --no-deps -T backend stracker-admin restore - < backup.db
"${compose[@]}" up -d
wait_health backend healthy 120
api notes before-backup -- after-backup
api spend after-restore
api notes before-backup after-restore -- after-backup

step "d. the backend at a new address: nginx follows it (no 502)"
# Another container takes the address the backend had, so the backend comes back elsewhere.
squat_image=$(docker inspect -f '{{.Image}}' "$(container backend)")
address() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$(container backend)"; }
old_address=$(address)
"${compose[@]}" stop backend
"${compose[@]}" rm -f backend
docker run -d --rm --name "$project-squatter" --network "${project}_default" --entrypoint sleep "$squat_image" 300 >/dev/null
"${compose[@]}" up -d --no-deps backend
wait_health backend healthy 120
new_address=$(address)
echo "backend: $old_address → $new_address"
[ "$old_address" != "$new_address" ] || { echo "compose test: the backend kept its address; nothing was shown" >&2; exit 1; }
docker rm -f "$project-squatter" >/dev/null
api health 200 30
api notes before-backup after-restore -- after-backup

step "e. database unwritable: 503 and unhealthy; writable again: healthy"
backend_image=$(docker inspect -f '{{.Image}}' "$(container backend)")
data_volume=$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/data"}}{{.Name}}{{end}}{{end}}' "$(container backend)")
# Outside compose: its cap_drop ALL would forbid chown even to root (`exec -u 0` too).
as_root() { docker run --rm --network none -u 0 -v "$data_volume:/data" --entrypoint "$1" "$backend_image" "${@:2}"; }
owner=$(as_root stat -c %u:%g /data/stracker.db)
as_root chown 0:0 /data/stracker.db
# The running API keeps the file it opened; it finds out when it opens it again.
"${compose[@]}" restart backend
api health 503 60
wait_health backend unhealthy 120
as_root chown "$owner" /data/stracker.db
"${compose[@]}" restart backend
wait_health backend healthy 120
api health 200 30
api spend after-repair
api notes before-backup after-restore after-repair -- after-backup

step "g. PostgreSQL: the override file, the family's data moved with migrate-to-postgres"
echo "POSTGRES_PASSWORD=$(openssl rand -hex 24)" >> .env
pg_password=$(sed -n 's/^POSTGRES_PASSWORD=//p' .env)
"${compose[@]}" stop backend
# From here on both files, as the README says (and `down -v` removes PostgreSQL's volume too).
compose+=(-f docker-compose.yml -f docker-compose.postgres.yml)
"${compose[@]}" up -d postgres
wait_health postgres healthy 120
"${compose[@]}" run --rm --no-deps -T backend stracker-admin migrate-to-postgres \
  --from /data/stracker.db --to "postgres://stracker:$pg_password@postgres:5432/stracker"
# A second copy into the same database is refused: it is not empty any more.
if "${compose[@]}" run --rm --no-deps -T backend stracker-admin migrate-to-postgres \
  --from /data/stracker.db --to "postgres://stracker:$pg_password@postgres:5432/stracker"; then
  echo "compose test: a second copy into a non-empty database was not refused" >&2
  exit 1
fi
echo "(a second copy refused, as it should be)"
"${compose[@]}" up -d
wait_health backend healthy 120
"${compose[@]}" exec -T backend node -e 'process.exit(process.env.DB_URL.startsWith("postgres://") ? 0 : 1)'
api health 200 30
api notes before-backup after-restore after-repair -- after-backup
api spend on-postgres
api notes before-backup after-restore after-repair on-postgres -- after-backup

step "g. PostgreSQL: pg_dump backup as the README says"
"${compose[@]}" exec -T postgres pg_dump -U stracker -Fc -f /tmp/stracker.dump stracker
docker cp "$(container postgres):/tmp/stracker.dump" stracker.dump
# Listed into a variable first: `| grep -q` would stop reading early and, with pipefail, fail.
listing=$("${compose[@]}" exec -T postgres pg_restore -l /tmp/stracker.dump)
grep -q 'TABLE DATA public spendings' <<< "$listing" || { echo "compose test: the dump has no spendings:" >&2; echo "$listing" >&2; exit 1; }
echo "stracker.dump: $(stat -c %s stracker.dump) bytes"

end_step
echo "compose test: passed"
