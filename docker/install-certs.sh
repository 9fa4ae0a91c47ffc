#!/bin/sh
# The compose service "certs" (docker-compose.yml): copies the operator's certificate from ./certs
# (mounted read-only at /certs) into the volume nginx reads (/etc/nginx/certs), owned by nginx's
# user, uid 101, the key readable by it alone. nginx runs without root and without capabilities,
# so it could not read a key that is 0600 root (Let's Encrypt) or 0600 someone else's
# (scripts/self-signed-cert.sh). Runs as root with CHOWN and DAC_READ_SEARCH only, then exits.
# After a renewal: docker compose run --rm certs && docker compose exec nginx nginx -s reload
set -eu
from=/certs
to=/etc/nginx/certs
owner=101:101

for file in fullchain.pem privkey.pem; do
  if [ ! -s "$from/$file" ]; then
    echo "certs: ./certs/$file is missing or empty (or a symbolic link leading outside ./certs)." >&2
    echo "certs: make a self-signed pair with scripts/self-signed-cert.sh DOMAIN, or copy your certificate's" >&2
    echo "certs: fullchain.pem and privkey.pem into ./certs (README, \"Certificates\")." >&2
    exit 1
  fi
done

# The volume's own folder: root's, readable by all (nginx only needs to pass through it).
chown 0:0 "$to"
chmod 0755 "$to"
# Each file is written beside its final name and renamed over it, so nginx never reads half a file.
for file in fullchain.pem privkey.pem; do
  mode=0444
  [ "$file" = privkey.pem ] && mode=0400
  rm -f "$to/.$file.new"
  (umask 077 && cp "$from/$file" "$to/.$file.new")
  chmod "$mode" "$to/.$file.new"
  chown "$owner" "$to/.$file.new"
  mv -f "$to/.$file.new" "$to/$file"
done
echo "certs: installed fullchain.pem and privkey.pem for nginx (uid 101)"
