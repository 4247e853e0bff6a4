#!/usr/bin/env bash
# Installs a pinned code-server (a real VS Code: server, workbench and Node extension host)
# into the git-ignored folder .cache/code-server of this repository, without the install
# scripts that need the internet (ripgrep's postinstall downloads from GitHub; a failed script
# makes npm remove the whole install): the packages go in with --ignore-scripts, then the steps
# 2/5 to 5/5 below do what those scripts would, offline. Safe to run again: a marker file makes a
# finished install a no-op that takes milliseconds.
#
#   bash scripts/code-server/setup.sh                   # install if needed
#   bash scripts/code-server/setup.sh --packages-only   # only the Debian packages
#   ONEX_CODE_SERVER_FORCE=1 bash scripts/...           # reinstall from scratch
#
# As root, missing Debian packages are installed with apt-get; otherwise the script lists
# what is missing and exits non-zero.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3   # VS Code 1.100.3; the last line of code-server that runs on Node 20
REQUIRED_NODE_MAJOR=20

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
DIR="$CACHE/code-server"
MARKER="$DIR/.installed-$CODE_SERVER_VERSION"
CS="$DIR/node_modules/code-server"

log() { printf '[code-server setup] %s\n' "$*"; }
fail() { printf '[code-server setup] ERROR: %s\n' "$*" >&2; exit 1; }

is_installed() {
  [ -f "$MARKER" ] && [ -f "$CS/out/node/entry.js" ] && [ -f "$CS/lib/vscode/package.json" ]
}

PACKAGES_ONLY=
case "${1:-}" in
  --packages-only) PACKAGES_ONLY=1 ;;
  "") ;;
  *) fail "unknown option: $1 (use --packages-only or nothing)" ;;
esac

if [ -z "$PACKAGES_ONLY" ] && [ -z "${ONEX_CODE_SERVER_FORCE:-}" ] && is_installed; then
  log "code-server $CODE_SERVER_VERSION already installed in ${DIR#"$ROOT"/}"
  exit 0
fi

# --- Node --------------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || fail "node is not installed (Node $REQUIRED_NODE_MAJOR is required)"
command -v npm >/dev/null 2>&1 || fail "npm is not installed"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != "$REQUIRED_NODE_MAJOR" ]; then
  fail "code-server $CODE_SERVER_VERSION needs Node $REQUIRED_NODE_MAJOR, found $(node -v)"
fi

# --- Debian packages -----------------------------------------------------------------------
# package -> a file that proves it is there
declare -A PROBES=(
  [build-essential]="make g++ gcc"
  [python3]="python3"
  [pkg-config]="pkg-config"
  [libkrb5-dev]="/usr/include/krb5.h /usr/include/gssapi/gssapi.h"
  [ripgrep]="rg"
  [chromium]="/usr/bin/chromium"
)
PACKAGES=(build-essential python3 pkg-config libkrb5-dev ripgrep chromium)

missing_packages() {
  local pkg probe
  for pkg in "${PACKAGES[@]}"; do
    for probe in ${PROBES[$pkg]}; do
      if [[ "$probe" == /* ]]; then
        [ -e "$probe" ] || { echo "$pkg"; break; }
      else
        command -v "$probe" >/dev/null 2>&1 || { echo "$pkg"; break; }
      fi
    done
  done
}

mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # Only the packages named and what they depend on: recommended packages would bring about a
    # hundred more (and upgrade systemd) for nothing the tests use.
    apt-get install -y -q --no-install-recommends "${missing[@]}"
    mapfile -t missing < <(missing_packages)
    [ "${#missing[@]}" -eq 0 ] || fail "still missing after apt-get: ${missing[*]}"
  else
    {
      echo "[code-server setup] Missing Debian packages: ${missing[*]}"
      echo "[code-server setup] Install them as root, then run this again:"
      echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}"
    } >&2
    exit 1
  fi
fi

if [ -n "$PACKAGES_ONLY" ]; then
  log "Debian packages present: ${PACKAGES[*]}"
  exit 0
fi

# --- Install -------------------------------------------------------------------------------
mkdir -p "$CACHE"
# One installer at a time (the test harness and open-examples may both call this).
exec 9>"$CACHE/code-server.lock"
flock 9
if [ -z "${ONEX_CODE_SERVER_FORCE:-}" ] && is_installed; then
  log "code-server $CODE_SERVER_VERSION already installed (by a concurrent run)"
  exit 0
fi

start=$(date +%s)
log "installing code-server $CODE_SERVER_VERSION into ${DIR#"$ROOT"/} (takes a few minutes the first time)"
rm -rf "$DIR"
mkdir -p "$DIR"
cd "$DIR"
# allowScripts (npm 11): the install scripts this folder runs on purpose. argon2 is built below;
# code-server's own postinstall downloads, so its steps are done by hand in 5/5.
printf '{\n  "name": "onex-forge-code-server-cache",\n  "private": true,\n  "allowScripts": { "argon2": true, "code-server": false }\n}\n' > package.json

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"
# The native modules' install scripts (node-pre-gyp, prebuild-install) compile instead of trying to
# download a prebuilt binary from GitHub when npm_config_build_from_source=true. That is their
# setting, not npm's (npm warns about settings it does not know, and will stop passing them on), so
# it reaches them through the shell npm runs scripts with (npm's script-shell setting), not npm.
FROM_SOURCE_SHELL="$DIR/build-from-source.sh"
cat > "$FROM_SOURCE_SHELL" <<'SH'
#!/bin/sh
# The shell npm runs install scripts with during setup.sh: native modules build from source.
npm_config_build_from_source=true
export npm_config_build_from_source
exec /bin/sh "$@"
SH
chmod +x "$FROM_SOURCE_SHELL"

log "1/5 npm i code-server@$CODE_SERVER_VERSION --ignore-scripts"
npm i "code-server@$CODE_SERVER_VERSION" --ignore-scripts --save-exact
log "2/5 npm rebuild argon2 (from source)"
npm rebuild argon2 --script-shell="$FROM_SOURCE_SHELL"

log "3/5 VS Code dependencies (lib/vscode)"
cd "$CS/lib/vscode"
npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sfn "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "4/5 rebuilding native modules from source"
# allowScripts (npm 11) of code-server's VS Code: the native modules build; ripgrep's postinstall,
# which downloads rg, does not run (Debian's rg is linked above).
npm pkg set --json 'allowScripts={"kerberos":true,"native-watchdog":true,"node-pty":true,"@parcel/watcher":true,"@vscode/deviceid":true,"@vscode/spdlog":true,"@vscode/windows-registry":true,"@vscode/windows-process-tree":true,"@vscode/ripgrep":false}'
npm_config_yes=true npm rebuild --script-shell="$FROM_SOURCE_SHELL"

log "5/5 the rest of code-server's postinstall"
rm -rf node_modules.asar
ln -s node_modules node_modules.asar
(cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server)
(cd bin/helpers && rm -f browser.sh && ln -s browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev)

# Smoke test: the binary starts and reports its version (with scratch XDG folders so that
# nothing is written to the home folder).
mkdir -p "$CACHE/xdg-setup"
version_line="$(XDG_CONFIG_HOME="$CACHE/xdg-setup/config" XDG_DATA_HOME="$CACHE/xdg-setup/data" \
  node "$CS/out/node/entry.js" --config "$CACHE/xdg-setup/config.yaml" --version 2>/dev/null | tail -n1)"
rm -rf "$CACHE/xdg-setup"
vscode_version="$(node -p "require('$CS/lib/vscode/package.json').version")"
echo "$CODE_SERVER_VERSION" > "$MARKER"
log "done in $(( $(date +%s) - start )) s: code-server $version_line (VS Code $vscode_version)"
