#!/usr/bin/env bash
# npm run demo: install what is missing, build, then run the demo (scripts/demo.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v haproxy >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "demo: installing HAProxy from the distribution's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y haproxy >/dev/null
  else
    echo "demo: HAProxy is not installed. Install it (Debian/Ubuntu: sudo apt-get install haproxy) and run npm run demo again." >&2
    exit 1
  fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "demo: installing npm dependencies"
  npm ci --no-audit --no-fund >/dev/null
fi
echo "demo: building"
npx tsc -p tsconfig.json
exec node dist/scripts/demo.js "$@"
