#!/usr/bin/env bash
# Vendored from the team's shared tools (../shared/tools/docker-standins.sh, beside the checkout), so
# that CI on a fresh clone has it; keep the two alike. Used by scripts/test-compose.sh.
# Makes `docker compose build` possible on a machine that reaches Debian's packages and the npm
# registry but no image registry:
#   1. installs Debian's Docker engine, docker-compose (v1) and debootstrap if they are missing,
#   2. starts a Docker engine if none answers,
#   3. for every base image named by a Dockerfile's FROM (or given as arguments) that is not
#      present, builds a local STAND-IN under the same tag:
#        node:*              Debian bookworm (minbase) + this machine's node and npm, user node (1000),
#                            npm trusting this machine's CA bundle
#        *nginx-unprivileged* Debian bookworm + Debian's nginx and wget, user nginx (101), pid and
#                            temp files under /tmp, port 8080, like the official unprivileged image
#        postgres:*          Debian bookworm + Debian's PostgreSQL 15, user postgres (999), an
#                            entrypoint that initialises PGDATA from POSTGRES_USER / _PASSWORD / _DB
# Stand-ins are not the official images (Node and nginx versions differ, Debian instead of Alpine):
# they exist to test the project's own Dockerfiles, compose file and nginx.conf for real.
# Usage: docker-standins.sh [IMAGE ...]      (run from the repository root)
# Afterwards: `docker-compose` (v1) or `docker compose` if a v2 plugin exists.
set -euo pipefail
log() { printf 'standins: %s\n' "$*" >&2; }

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || need+=(docker-compose)
command -v debootstrap >/dev/null || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
DOCKER=/usr/bin/docker; [ -x "$DOCKER" ] || DOCKER=docker

if ! "$DOCKER" info >/dev/null 2>&1; then
  log "starting a Docker engine (log: /tmp/dockerd.log)"
  setsid dockerd > /tmp/dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 60); do "$DOCKER" info >/dev/null 2>&1 && break; sleep 1; done
  "$DOCKER" info >/dev/null 2>&1 || { log "the Docker engine did not start; see /tmp/dockerd.log"; exit 1; }
fi

images=("$@")
if [ ${#images[@]} -eq 0 ]; then
  mapfile -t images < <(find . -name Dockerfile -not -path '*/node_modules/*' -print0 | xargs -0 -r awk '
    toupper($1) == "FROM" { img = ""; for (i = 2; i <= NF; i++) if ($i !~ /^--/) { img = $i; break }
                            if (tolower($(NF-1)) == "as") stages[tolower($NF)] = 1
                            if (img != "" && !(tolower(img) in stages)) print img }' | sort -u)
fi

mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || { log "no Debian mirror found in /etc/apt"; exit 1; }
work=${STANDINS_DIR:-/var/tmp/docker-standins}
mkdir -p "$work"

rootfs() { # $1 = folder, $2 = extra packages
  local R=$work/$1
  if [ ! -x "$R/usr/bin/apt-get" ]; then
    log "debootstrap $1 (about a minute)"
    rm -rf "$R"
    debootstrap --variant=minbase ${2:+--include=$2} bookworm "$R" "$mirror" > "$work/$1.log" 2>&1
  fi
  # apt inside the image reaches the same mirror the same way this machine does
  rm -f "$R/etc/apt/sources.list"; mkdir -p "$R/etc/apt/sources.list.d" "$R/etc/apt/apt.conf.d"
  cp /etc/apt/sources.list.d/*.sources "$R/etc/apt/sources.list.d/" 2>/dev/null || cp /etc/apt/sources.list "$R/etc/apt/"
  cp /etc/apt/apt.conf.d/* "$R/etc/apt/apt.conf.d/" 2>/dev/null || true
  mkdir -p "$R/usr/local/share/ca-certificates" "$R/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$R/etc/ssl/certs/ca-certificates.crt"
  echo "$R"
}

node_standin() {
  local tag=$1 R; R=$(rootfs node "ca-certificates")
  local npmdir; npmdir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  install -m 0755 "$(readlink -f "$(command -v node)")" "$R/usr/local/bin/node"
  mkdir -p "$R/usr/local/lib/node_modules" "$R/usr/local/include" "$R/usr/local/etc"
  rm -rf "$R/usr/local/lib/node_modules/npm"; cp -a "$npmdir" "$R/usr/local/lib/node_modules/npm"
  local inc; inc=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")/include/node
  [ -d "$inc" ] && { rm -rf "$R/usr/local/include/node"; cp -a "$inc" "$R/usr/local/include/node"; }
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
  printf 'cafile=/etc/ssl/certs/ca-certificates.crt\nnodedir=/usr/local\n' > "$R/usr/local/etc/npmrc"
  chroot "$R" getent passwd node >/dev/null || {
    chroot "$R" groupadd --gid 1000 node
    chroot "$R" useradd --uid 1000 --gid node --shell /bin/bash --create-home node; }
  cat > "$R/usr/local/bin/docker-entrypoint.sh" <<'SH'
#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
SH
  chmod 0755 "$R/usr/local/bin/docker-entrypoint.sh"
  tar --numeric-owner -C "$R" -c . | "$DOCKER" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "ENV NODE_VERSION=$(node -p 'process.versions.node')" \
    -c 'ENTRYPOINT ["docker-entrypoint.sh"]' -c 'CMD ["node"]' - "$tag" >/dev/null
}

nginx_standin() {
  local tag=$1 R; R=$(rootfs nginx "nginx,wget,ca-certificates")
  chroot "$R" getent passwd nginx >/dev/null || {
    chroot "$R" groupadd --system --gid 101 nginx
    chroot "$R" useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent --shell /sbin/nologin nginx; }
  rm -f "$R/etc/nginx/sites-enabled/default"
  mkdir -p "$R/var/cache/nginx" "$R/usr/share/nginx/html" "$R/etc/nginx/conf.d"
  chown -R 101:0 "$R/var/cache/nginx"; chmod -R g+w "$R/var/cache/nginx"
  ln -sf /dev/stdout "$R/var/log/nginx/access.log"; ln -sf /dev/stderr "$R/var/log/nginx/error.log"
  cat > "$R/etc/nginx/nginx.conf" <<'CONF'
worker_processes auto;
error_log /var/log/nginx/error.log notice;
pid /tmp/nginx.pid;
events { worker_connections 1024; }
http {
  proxy_temp_path /tmp/proxy_temp; client_body_temp_path /tmp/client_temp;
  fastcgi_temp_path /tmp/fastcgi_temp; uwsgi_temp_path /tmp/uwsgi_temp; scgi_temp_path /tmp/scgi_temp;
  include /etc/nginx/mime.types; default_type application/octet-stream;
  sendfile on; keepalive_timeout 65;
  include /etc/nginx/conf.d/*.conf;
}
CONF
  printf 'server { listen 8080; location / { root /usr/share/nginx/html; index index.html; } }\n' > "$R/etc/nginx/conf.d/default.conf"
  printf '#!/bin/sh\nexec "$@"\n' > "$R/docker-entrypoint.sh"; chmod 0755 "$R/docker-entrypoint.sh"
  tar --numeric-owner -C "$R" -c . | "$DOCKER" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'EXPOSE 8080' -c 'USER 101' \
    -c 'ENTRYPOINT ["/docker-entrypoint.sh"]' -c 'CMD ["nginx", "-g", "daemon off;"]' - "$tag" >/dev/null
}

# The official postgres image's ways, as far as STracker's compose override uses them: the
# postgres user (999), PGDATA, a first start that runs initdb with POSTGRES_USER / POSTGRES_PASSWORD
# (scram-sha-256 over the network) and creates POSTGRES_DB, pg_isready, CMD postgres.
postgres_standin() {
  local tag=$1 R; R=$(rootfs postgres "postgresql-15,ca-certificates")
  local bin=/usr/lib/postgresql/15/bin
  chroot "$R" sh -c 'id -u postgres >/dev/null 2>&1 && [ "$(id -u postgres)" != 999 ] && usermod -u 999 postgres && groupmod -g 999 postgres || true'
  rm -rf "$R/var/lib/postgresql/15" "$R/etc/postgresql/15"
  mkdir -p "$R/var/lib/postgresql/data" "$R/var/run/postgresql"
  chroot "$R" chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql
  chmod 2777 "$R/var/run/postgresql"
  cat > "$R/usr/local/bin/docker-entrypoint.sh" <<'SH'
#!/bin/sh
set -e
PGDATA=${PGDATA:-/var/lib/postgresql/data}; export PGDATA
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"; chown -R postgres:postgres "$PGDATA"; chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
  user=${POSTGRES_USER:-postgres}; db=${POSTGRES_DB:-$user}
  pw=$(mktemp); printf '%s' "$POSTGRES_PASSWORD" > "$pw"
  initdb -D "$PGDATA" -U "$user" --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pw"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then echo "CREATE DATABASE \"$db\" OWNER \"$user\";" | postgres --single -D "$PGDATA" postgres >/dev/null; fi
  echo "stand-in: initialised $PGDATA for $user, database $db"
fi
exec "$@"
SH
  chmod 0755 "$R/usr/local/bin/docker-entrypoint.sh"
  tar --numeric-owner -C "$R" -c . | "$DOCKER" import \
    -c "ENV PATH=/usr/local/sbin:/usr/local/bin:$bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    -c 'ENV PGDATA=/var/lib/postgresql/data' -c 'EXPOSE 5432' \
    -c 'ENTRYPOINT ["docker-entrypoint.sh"]' -c 'CMD ["postgres"]' - "$tag" >/dev/null
}

for image in "${images[@]}"; do
  if "$DOCKER" image inspect "$image" >/dev/null 2>&1; then log "$image present"; continue; fi
  case "$image" in
    *nginx*) log "building stand-in for $image"; nginx_standin "$image" ;;
    node:*|*/node:*) log "building stand-in for $image"; node_standin "$image" ;;
    postgres:*|*/postgres:*) log "building stand-in for $image"; postgres_standin "$image" ;;
    *) log "no stand-in for $image: add one to this script or pull it where a registry is reachable"; exit 1 ;;
  esac
done
log "ready: $("$DOCKER" version --format '{{.Server.Version}}' 2>/dev/null) engine, images: ${images[*]}"
