#!/usr/bin/env bash
# README command 1: set everything up, build and package ONEX Forge (.vsix), and open the
# examples/ workspace in a real VS Code with the extension installed:
#   - the desktop `code` when it is on PATH: a VS Code window of its own (its user data and
#     extensions kept in .cache/open-examples/desktop; your own VS Code, its settings and its
#     extensions are left alone), with the .vsix installed, on examples/;
#   - otherwise the pinned code-server (scripts/code-server/setup.sh) on 127.0.0.1: installs the
#     .vsix into a code-server profile kept in .cache/open-examples, serves examples/ and prints
#     the URL to open; it keeps serving until Ctrl-C, then stops every process it started.
# Both profiles open examples/ trusted, without a Workspace Trust prompt (the settings in
# scripts/code-server/lib.mjs, WORKBENCH_SETTINGS, which the test harness uses too).
# Environment: ONEX_PORT (default 8080; a free port is chosen when it is taken),
# ONEX_USE_CODE_SERVER=1 (use code-server even where `code` exists).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\n[open-examples] %s\n' "$*"; }
fail() { printf '[open-examples] ERROR: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || fail "node is not installed: install Node 20, then run this again"
command -v npm >/dev/null 2>&1 || fail "npm is not installed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node 20 or later is required; found $(node -v)"

use_desktop=
if [ -z "${ONEX_USE_CODE_SERVER:-}" ] && command -v code >/dev/null 2>&1; then
  use_desktop=1
fi

if [ -z "$use_desktop" ]; then
  # code-server needs Debian packages (and Node 20 exactly): check them before the long steps.
  say "Debian packages"
  bash scripts/code-server/setup.sh --packages-only
fi

say "npm packages"
# A clean clone gets `npm ci`; an existing node_modules that satisfies package.json is kept
# (ONEX_NPM_CI=1 forces a clean install).
if [ -z "${ONEX_NPM_CI:-}" ] && [ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1; then
  echo "node_modules already satisfies package.json (ONEX_NPM_CI=1 forces npm ci)"
else
  npm ci --ignore-scripts --no-audit --no-fund
fi

say "build and package (npm run package)"
npm run --silent package
VSIX="$ROOT/dist/onex-forge.vsix"
[ -f "$VSIX" ] || fail "npm run package did not produce $VSIX"
ID="$(node -p "const p = require('./package.json'); p.publisher + '.' + p.name")"

PROFILE="$ROOT/.cache/open-examples"
# The profile's user settings: quiet, off the network, and no Workspace Trust prompt (settings the
# profile lacks are added; values already there, yours included, are kept).
profile_settings() {
  node --input-type=module -e 'const { ensureProfileSettings } = await import(process.argv[1]); ensureProfileSettings(process.argv[2]);' \
    "$ROOT/scripts/code-server/lib.mjs" "$1"
}

if [ -n "$use_desktop" ]; then
  DESKTOP=(--user-data-dir "$PROFILE/desktop/user-data" --extensions-dir "$PROFILE/desktop/extensions")
  profile_settings "$PROFILE/desktop/user-data"
  say "installing $ID into a VS Code profile of its own ($(command -v code), ${PROFILE#"$ROOT"/}/desktop)"
  code "${DESKTOP[@]}" --install-extension "$VSIX" --force
  say "opening examples/"
  exec code "${DESKTOP[@]}" "$ROOT/examples"
fi

say "code-server (a real VS Code, pinned)"
bash scripts/code-server/setup.sh
CS="$ROOT/.cache/code-server/node_modules/code-server"
mkdir -p "$PROFILE/user-data/User" "$PROFILE/extensions" "$PROFILE/xdg-config" "$PROFILE/xdg-data" "$PROFILE/xdg-cache"
printf 'auth: none\n' > "$PROFILE/config.yaml"
profile_settings "$PROFILE/user-data"
export XDG_CONFIG_HOME="$PROFILE/xdg-config" XDG_DATA_HOME="$PROFILE/xdg-data" XDG_CACHE_HOME="$PROFILE/xdg-cache"
unset VSCODE_IPC_HOOK_CLI
cs_args=(--auth none --disable-telemetry --disable-update-check --disable-getting-started-override
  --config "$PROFILE/config.yaml" --user-data-dir "$PROFILE/user-data" --extensions-dir "$PROFILE/extensions")

say "installing $ID into code-server"
node "$CS/out/node/entry.js" "${cs_args[@]}" --install-extension "$VSIX" --force
node "$CS/out/node/entry.js" "${cs_args[@]}" --list-extensions --show-versions | grep -i "^$ID@" \
  || fail "$ID is not listed by code-server after --install-extension"

port_free() { node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($1,'127.0.0.1',()=>s.close(()=>process.exit(0)))"; }
PORT="${ONEX_PORT:-8080}"
if ! port_free "$PORT"; then
  PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  echo "port ${ONEX_PORT:-8080} is taken; using $PORT"
fi

# code-server leads its own process group (setsid), so Ctrl-C here stops it and every
# extension host it started (they would otherwise outlive it for the reconnection grace time).
setsid node "$CS/out/node/entry.js" "${cs_args[@]}" --bind-addr "127.0.0.1:$PORT" --ignore-last-opened "$ROOT/examples" &
CS_PID=$!
stop() {
  trap - INT TERM EXIT
  if kill -0 "$CS_PID" 2>/dev/null; then
    echo; echo "[open-examples] stopping code-server"
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

healthy=
for _ in $(seq 150); do
  if node -e "fetch('http://127.0.0.1:$PORT/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    healthy=1
    break
  fi
  kill -0 "$CS_PID" 2>/dev/null || fail "code-server exited; see the output above"
  sleep 0.2
done
[ -n "$healthy" ] || fail "code-server did not answer on 127.0.0.1:$PORT"

URL="http://127.0.0.1:$PORT/?folder=$ROOT/examples"
cat <<EOF

  ONEX Forge ($ID) is installed in code-server $(node -p "require('$CS/package.json').version") (VS Code $(node -p "require('$CS/lib/vscode/package.json').version")).
  Open this URL in a browser on this machine (or forward port $PORT):

      $URL

  Open nodes/payment_gateway/v1_0_0/node.py to see its ONEX diagnostics. Ctrl-C stops the server.

EOF
wait "$CS_PID"
