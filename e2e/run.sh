#!/usr/bin/env bash
# Browser tests against the real stack: the built backend and PWA behind Debian's nginx
# running the repository's nginx.conf, over HTTPS with a freshly made self-signed certificate.
# Needs: chromium and nginx from Debian (.ci/run installs them), and `npm run build` done.
set -euo pipefail
cd "$(dirname "$0")"
for tool in nginx openssl; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (apt-get install -y nginx openssl)" >&2; exit 1; }
done
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || { echo "e2e: Chromium is missing (apt-get install -y chromium)" >&2; exit 1; }
[ -f ../backend/dist/main.js ] && [ -f ../frontend/dist/frontend/browser/index.html ] || { echo "e2e: run npm run build first" >&2; exit 1; }

rm -rf .stack && mkdir -p .stack
CERT_DIR="$PWD/.stack/certs" ../scripts/self-signed-cert.sh localhost >/dev/null
# Node (the API client in the tests) trusts the test certificate; Chromium is told to ignore it.
export NODE_EXTRA_CA_CERTS="$PWD/.stack/certs/fullchain.pem"
exec npx playwright test "$@"
