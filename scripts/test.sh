#!/usr/bin/env bash
# The project's one test command (`npm test`; .ci/run calls it). It needs redis-server and
# Chromium from Debian: as root it installs what is missing, otherwise it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "$chromium" ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} with apt-get (--no-install-recommends)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Tests need: ${missing[*]}. Install them, e.g.:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    echo "(or set CHROMIUM_PATH to an existing Chromium binary)" >&2
    exit 1
  fi
fi

echo "== generated code is fresh"
npm run --silent codegen:check
echo "== type check (strict)"
npm run --silent typecheck
echo "== lint (typescript-eslint strict, type-checked; Lit and web-component rules for the widget)"
npm run --silent lint
echo "== formatting (Prettier)"
npm run --silent format:check
echo "== release build (server, widget bundle and chunks, React wrapper, types, manifest), and the bundle within its size budget"
npm run --silent build
npx tsx bench/widget-size.ts --check
echo "== node tests (server, sandbox, security, e2e) with a real redis-server"
rm -f node_modules/.cache/ic-test/attacks.jsonl
npx vitest run --reporter=default --reporter=json --outputFile.json=node_modules/.cache/ic-test/vitest.json
echo "== widget tests in Chromium: the source"
npx web-test-runner --config widget/web-test-runner.config.mjs
echo "== widget tests in Chromium: the built dist/integration-connector.js"
npx web-test-runner --config widget/web-test-runner.bundle.config.mjs
node scripts/test-summary.mjs
