#!/usr/bin/env bash
# npm run demo: npm deps, build, the tools the demo uses (scripts/deps/install.ts:
# as root with apt-get it installs HAProxy, and Terraform with Go; the demo cannot
# run without HAProxy and does without Terraform), then the demo (scripts/demo.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "demo: installing npm dependencies"
  npm ci --no-audit --no-fund >/dev/null
fi
echo "demo: building"
npx tsc -p tsconfig.json
node dist/scripts/deps/install.js --for demo --require haproxy
exec node dist/scripts/demo.js "$@"
