#!/usr/bin/env bash
# Installs the Debian packages the browser tests and the benchmarks run on, if missing:
# Chromium (Playwright and Lighthouse drive it), nginx (the TLS front), openssl (the test
# certificate), an emoji font (the funnels' emoji render in screenshots) and PostgreSQL 15 (the API
# suite's second engine, on a throwaway cluster: scripts/postgres-cluster.sh).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v nginx >/dev/null || need+=(nginx)
command -v openssl >/dev/null || need+=(openssl)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
