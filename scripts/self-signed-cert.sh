#!/usr/bin/env bash
# Makes a self-signed TLS certificate for a private domain into ./certs (or $CERT_DIR):
#   scripts/self-signed-cert.sh stracker.home.arpa
# Browsers will warn until the certificate is trusted on each device (see README, "Deploy").
# The key is private to whoever runs this; compose's "certs" service hands nginx its own copy.
# Replacing the pair of a running stack: docker compose run --rm certs && docker compose exec -T nginx nginx -s reload
set -euo pipefail
domain="${1:?usage: $0 DOMAIN}"
dir="${CERT_DIR:-$(cd "$(dirname "$0")/.." && pwd)/certs}"
mkdir -p "$dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -days 825 -nodes \
  -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" \
  -subj "/CN=$domain" \
  -addext "subjectAltName=DNS:$domain,DNS:localhost,IP:127.0.0.1" \
  -addext "keyUsage=digitalSignature" -addext "extendedKeyUsage=serverAuth" 2>/dev/null
chmod 600 "$dir/privkey.pem"
echo "Wrote $dir/fullchain.pem and $dir/privkey.pem for $domain (valid 825 days)"
