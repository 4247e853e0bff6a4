#!/usr/bin/env bash
# README command 2: set everything up and run every test, from a clean clone on a fresh Debian
# machine that has only Node 20 and npm.
#   1. Debian packages (build tools, ripgrep, chromium): installed with apt-get when run as
#      root, otherwise listed with the command to install them.
#   2. npm packages: `npm ci --ignore-scripts` (no install script is needed; several would
#      try to download from the internet).
#   3. The real ONEX framework, one Python environment per era (today's omnibase-core/infra/spi from the
#      package registry, the bridge era's omnibase_core 0.1.0), pinned and cached outside the clone; in a
#      Debian 13 root where python3 is older than 3.12: scripts/python-env/setup.sh.
#   4. The pinned code-server (a real VS Code) into .cache/code-server: scripts/code-server/setup.sh.
#   5. `npm test`: type-check, unit tests, build, conformance against the real framework, and the
#      integration suite inside VS Code, ending with one line `N passed, N failed`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\n[test.sh] %s\n' "$*"; }
fail() { printf '[test.sh] ERROR: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || fail "node is not installed: install Node 20 (e.g. from nodejs.org or NodeSource), then run this again"
command -v npm >/dev/null 2>&1 || fail "npm is not installed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || fail "Node 20 is required (the pinned code-server runs on Node 20); found $(node -v)"

started=$(date +%s)
say "Debian packages"
bash scripts/code-server/setup.sh --packages-only

say "npm packages (npm ci --ignore-scripts)"
# A clean clone gets `npm ci`; an existing node_modules that satisfies package.json is kept
# (ONEX_NPM_CI=1 forces a clean install).
if [ -z "${ONEX_NPM_CI:-}" ] && [ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1; then
  echo "node_modules already satisfies package.json (ONEX_NPM_CI=1 forces npm ci)"
else
  npm ci --ignore-scripts --no-audit --no-fund
fi

say "the real ONEX framework (Python environments, pinned)"
bash scripts/python-env/setup.sh

say "code-server (a real VS Code, pinned)"
bash scripts/code-server/setup.sh

say "npm test (set up in $(( $(date +%s) - started )) s)"
exec npm test
