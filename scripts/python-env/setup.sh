#!/usr/bin/env bash
# The real ONEX framework for the tests: two Python environments, one per era, built once and cached
# outside the clone, keyed by what they pin.
#   today   omnibase-core, omnibase-infra, omnibase-spi from the Python package registry at the versions
#           pinned in today.txt (with every dependency pinned: the framework's own uv.lock decided them),
#           plus the test tools at the versions the framework's own configuration expects.
#   bridge  omnibase_core 0.1.0 and omnibase_spi 0.1.0 (not served by the registry: built from the
#           sources in ../shared/frameworks, --no-deps) with the pinned list in bridge.txt.
# Both need Python 3.12 or newer. Where the machine's python3 is older (Debian 12 machines), the script
# builds a Debian 13 (trixie) root with debootstrap from the machine's own apt source and runs Python
# inside it (scripts/python-env/runner.cjs enters it with unshare + chroot): that needs root.
#
#   bash scripts/python-env/setup.sh           # build what is missing (a no-op taking milliseconds when done)
#   bash scripts/python-env/setup.sh --relock  # re-resolve today.txt from the framework's uv.lock (maintainers)
#
# Where:   $ONEX_FORGE_PYTHON_HOME, else /var/cache/onex-forge/python (root) or
#          ${XDG_CACHE_HOME:-~/.cache}/onex-forge/python; the repository's .cache/python-env.json says
#          where the environments of this checkout are (the runner and the tests read it).
# Failure: one message on stderr and a non-zero exit; the test command stops (tests never skip).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

# --- What is pinned ----------------------------------------------------------------------------
DEBIAN_SUITE=trixie                       # Debian 13: Python 3.13
ROOT_PACKAGES=python3,python3-venv,ca-certificates
TODAY_CORE=0.46.8 TODAY_INFRA=0.38.6 TODAY_SPI=0.23.1   # the framework's own repositories' scripts come from these sdists
BRIDGE_CORE=0.1.0 BRIDGE_SPI=0.1.0
MIN_PYTHON=3.12

log() { printf '[python-env] %s\n' "$*"; }
fail() { printf '[python-env] ERROR: %s\n' "$*" >&2; exit 1; }

RELOCK=
case "${1:-}" in
  --relock) RELOCK=1 ;;
  "") ;;
  *) fail "unknown option: $1 (use --relock or nothing)" ;;
esac

hash_of() { cat "$@" | sha256sum | cut -c1-12; }

if [ -n "${ONEX_FORGE_PYTHON_HOME:-}" ]; then
  HOME_DIR="$ONEX_FORGE_PYTHON_HOME"
elif [ "$(id -u)" = 0 ]; then
  HOME_DIR=/var/cache/onex-forge/python
else
  HOME_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/onex-forge/python"
fi
mkdir -p "$HOME_DIR" "$REPO/.cache"
exec 9>"$HOME_DIR/.lock"
flock 9   # one set-up at a time (CI and a developer's run may share the cache)

# The bridge era's sources: given, or ../shared/frameworks beside the clone.
bridge_sources() {
  local dir
  for dir in "${ONEX_FORGE_BRIDGE_SOURCES:-}" "$REPO/../shared/frameworks" /work/shared/frameworks; do
    [ -n "$dir" ] && [ -f "$dir/omnibase_core-$BRIDGE_CORE-src.tar.gz" ] && [ -f "$dir/omnibase_spi-$BRIDGE_SPI-src.tar.gz" ] \
      && { (cd "$dir" && pwd); return 0; }
  done
  return 1
}
BRIDGE_DIR="$(bridge_sources)" || fail "the bridge era's framework sources are missing: omnibase_core-$BRIDGE_CORE-src.tar.gz and omnibase_spi-$BRIDGE_SPI-src.tar.gz are looked for in \$ONEX_FORGE_BRIDGE_SOURCES, $REPO/../shared/frameworks and /work/shared/frameworks (the package registry does not serve version $BRIDGE_CORE)"

TODAY_KEY="$(printf '%s\n' "$TODAY_CORE $TODAY_INFRA $TODAY_SPI" | cat - "$HERE/today.txt" | sha256sum | cut -c1-12)"
BRIDGE_KEY="$(cat "$HERE/bridge.txt" "$BRIDGE_DIR/omnibase_core-$BRIDGE_CORE-src.tar.gz" "$BRIDGE_DIR/omnibase_spi-$BRIDGE_SPI-src.tar.gz" | sha256sum | cut -c1-12)"

# --- Which Python: the machine's, or a Debian 13 root's -------------------------------------------
python_ok() { "$1" -c "import sys, venv, ensurepip; sys.exit(0 if sys.version_info >= (${MIN_PYTHON/./, }) else 1)" 2>/dev/null; }

MODE=host
HOST_PY="${ONEX_FORGE_PYTHON:-}"
if [ -z "$HOST_PY" ]; then
  for candidate in python3.14 python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && python_ok "$(command -v "$candidate")"; then HOST_PY="$(command -v "$candidate")"; break; fi
  done
fi
[ -n "$HOST_PY" ] && ! python_ok "$HOST_PY" && fail "ONEX_FORGE_PYTHON=$HOST_PY is not Python $MIN_PYTHON or newer with venv"
[ -z "$HOST_PY" ] && MODE=chroot

# Inside the root, everything of ours lives under /opt/onex-forge; on the host, under HOME_DIR/host.
if [ "$MODE" = chroot ]; then
  [ "$(id -u)" = 0 ] || fail "python3 here is $(python3 -V 2>&1 | cut -d' ' -f2), older than $MIN_PYTHON: building a Debian 13 root with debootstrap needs root (run as root, or set ONEX_FORGE_PYTHON to a Python $MIN_PYTHON+ with venv)"
  command -v unshare >/dev/null && command -v chroot >/dev/null || fail "unshare and chroot (util-linux, coreutils) are needed to use the Debian 13 root"
  ROOT_KEY="$(printf '%s %s %s\n' "$DEBIAN_SUITE" "$ROOT_PACKAGES" 1 | sha256sum | cut -c1-12)"
  ROOTFS="$HOME_DIR/root-$DEBIAN_SUITE-$ROOT_KEY"
  INSIDE=/opt/onex-forge
else
  ROOTFS=
  INSIDE="$HOME_DIR/host-$(basename "$HOST_PY")"
fi
OUTSIDE="$ROOTFS$INSIDE"          # the same folder, as the host sees it

# Runs a command where the environments live: in the root (through the runner) or on the host.
in_env() {
  if [ "$MODE" = chroot ]; then
    ROOTFS="$ROOTFS" node "$HERE/runner.cjs" --raw --rootfs "$ROOTFS" -- "$@"
  else
    "$@"
  fi
}

# --- The Debian 13 root --------------------------------------------------------------------------
apt_mirror() {
  # The URIs of the machine's own Debian source (deb822 .sources first, then one-line lists).
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri="$(awk 'BEGIN{RS=""; FS="\n"} {u=""; s=""; for(i=1;i<=NF;i++){ if($i ~ /^URIs:/){sub(/^URIs:[ \t]*/,"",$i); u=$i} if($i ~ /^Suites:/){s=$i} } if(u!="" && s ~ /(bookworm|trixie|forky|sid|bullseye)([ \t]|$)/ && s !~ /security/){split(u,a," "); print a[1]; exit}}' "$f")"
    [ -n "$uri" ] && { echo "$uri"; return 0; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri="$(awk '$1=="deb" && $0 !~ /security/ { for(i=2;i<=NF;i++) if($i ~ /^(https?|file):/){print $i; exit} }' "$f")"
    [ -n "$uri" ] && { echo "$uri"; return 0; }
  done
  return 1
}

build_root() {
  local mirror tmp started
  mirror="$(apt_mirror)" || fail "no Debian apt source found in /etc/apt/sources.list(.d) to build the Debian 13 root from"
  if ! command -v debootstrap >/dev/null 2>&1; then
    log "installing debootstrap (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null; } \
      || fail "could not install debootstrap with apt-get"
  fi
  started=$(date +%s)
  tmp="$ROOTFS.partial"
  rm -rf "$tmp"
  log "building a Debian 13 root from $mirror into $ROOTFS (about a minute)"
  debootstrap --variant=minbase --include="$ROOT_PACKAGES" "$DEBIAN_SUITE" "$tmp" "$mirror" > "$HOME_DIR/debootstrap.log" 2>&1 \
    || fail "debootstrap $DEBIAN_SUITE from $mirror failed; see $HOME_DIR/debootstrap.log"
  # The source is a dated snapshot: apt inside the root must accept its expired Release files.
  printf 'Acquire::Check-Valid-Until "false";\n' > "$tmp/etc/apt/apt.conf.d/99onex-forge-snapshot"
  printf 'deb %s %s main\n' "$mirror" "$DEBIAN_SUITE" > "$tmp/etc/apt/sources.list"
  touch "$tmp/.onex-forge-complete"
  mv "$tmp" "$ROOTFS"
  log "Debian 13 root ready in $(( $(date +%s) - started )) s"
}

# The package registry reachable inside the root the way it is outside: name resolution, the machine's
# certificate authorities, and the network settings of its pip configuration (index URLs, proxy, cert).
sync_root_network() {
  cp -L /etc/resolv.conf "$ROOTFS/etc/resolv.conf" 2>/dev/null || true
  [ -f /etc/hosts ] && cp -L /etc/hosts "$ROOTFS/etc/hosts"
  local dest="$ROOTFS/usr/local/share/ca-certificates/onex-forge-host"
  rm -rf "$dest"; mkdir -p "$dest"
  local cert
  for cert in /usr/local/share/ca-certificates/*.crt /usr/local/share/ca-certificates/*/*.crt; do
    [ -f "$cert" ] && cp -L "$cert" "$dest/$(basename "$cert")"
  done
  in_env update-ca-certificates >/dev/null 2>&1 || fail "update-ca-certificates failed inside the Debian 13 root"
}

# PIP_* settings for installs: the host's pip configuration and environment, minus local file paths
# that do not exist inside the root.
pip_env() {
  local key value line
  if [ "$MODE" = host ]; then return 0; fi
  while IFS= read -r line; do
    key="${line%%=*}"; value="${line#*=}"; value="${value#\'}"; value="${value%\'}"
    case "${key#*.}" in
      index-url|extra-index-url)
        local kept="" u
        for u in $value; do case "$u" in http://*|https://*) kept="$kept $u" ;; esac; done
        [ -n "$kept" ] && printf 'PIP_%s=%s\n' "$(echo "${key#*.}" | tr 'a-z-' 'A-Z_')" "${kept# }"
        ;;
      trusted-host|proxy|timeout|retries|default-timeout)
        printf 'PIP_%s=%s\n' "$(echo "${key#*.}" | tr 'a-z-' 'A-Z_')" "$value" ;;
    esac
  done < <(pip3 config list 2>/dev/null || true)
  for key in http_proxy https_proxy HTTP_PROXY HTTPS_PROXY no_proxy NO_PROXY; do
    [ -n "${!key:-}" ] && printf '%s=%s\n' "$key" "${!key}"
  done
  return 0
}

pip_in_env() {
  # pip with the network settings above and no configuration file of the root's own.
  local -a vars=(PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1)
  local line
  while IFS= read -r line; do [ -n "$line" ] && vars+=("$line"); done < <(pip_env)
  in_env env "${vars[@]}" "$@"
}

# --- Environments --------------------------------------------------------------------------------
make_venv() { # name key -> creates $INSIDE/<name>-<key> (returns its inside path)
  local dir="$INSIDE/$1-$2"
  rm -rf "$ROOTFS$dir"
  if [ "$MODE" = chroot ]; then in_env /usr/bin/python3 -m venv "$dir"; else "$HOST_PY" -m venv "$dir"; fi
  echo "$dir"
}

install_pins() { # venv list-file: every package of the list, exactly, from wheels
  pip_in_env "$1/bin/pip" install -q --no-deps --only-binary :all: -r /dev/stdin < "$HERE/$2" \
    || fail "installing $2 into $1 failed (is the Python package registry reachable?)"
}

build_today() {
  local dir="$INSIDE/today-$TODAY_KEY" started
  [ -f "$ROOTFS$dir/.onex-forge-complete" ] && return 0
  started=$(date +%s)
  log "today's framework: omnibase-core $TODAY_CORE, omnibase-infra $TODAY_INFRA, omnibase-spi $TODAY_SPI (pinned in today.txt)"
  dir="$(make_venv today "$TODAY_KEY")"
  install_pins "$dir" today.txt
  pip_in_env "$dir/bin/pip" check >/dev/null || fail "today.txt is not a consistent set: $(pip_in_env "$dir/bin/pip" check 2>&1 | head -3)"
  # The framework repositories' own gates live in their scripts/ folders, shipped in the sdists.
  local sdist="$dir/sdist"
  mkdir -p "$ROOTFS$sdist"
  pip_in_env "$dir/bin/pip" download -q --no-deps --no-binary :all: -d "$sdist" \
    "omnibase-core==$TODAY_CORE" "omnibase-infra==$TODAY_INFRA" "omnibase-spi==$TODAY_SPI" \
    || fail "downloading the framework's source distributions failed"
  local archive
  for archive in "$ROOTFS$sdist"/*.tar.gz; do tar -xzf "$archive" -C "$ROOTFS$sdist" && rm -f "$archive"; done
  touch "$ROOTFS$dir/.onex-forge-complete"
  log "today's framework ready in $(( $(date +%s) - started )) s"
}

build_bridge() {
  local dir="$INSIDE/bridge-$BRIDGE_KEY" started src
  [ -f "$ROOTFS$dir/.onex-forge-complete" ] && return 0
  started=$(date +%s)
  log "the bridge era's framework: omnibase_core $BRIDGE_CORE, omnibase_spi $BRIDGE_SPI from $BRIDGE_DIR (pinned in bridge.txt)"
  dir="$(make_venv bridge "$BRIDGE_KEY")"
  install_pins "$dir" bridge.txt
  src="$dir/src"
  mkdir -p "$ROOTFS$src"
  tar -xzf "$BRIDGE_DIR/omnibase_spi-$BRIDGE_SPI-src.tar.gz" -C "$ROOTFS$src"
  tar -xzf "$BRIDGE_DIR/omnibase_core-$BRIDGE_CORE-src.tar.gz" -C "$ROOTFS$src"
  # Their metadata names a git URL (omnibase_spi) and services this machine cannot reach: --no-deps, and
  # bridge.txt lists what they really need (docs/eras.md). poetry-core is pinned there for the build.
  pip_in_env "$dir/bin/pip" install -q --no-deps --no-build-isolation "$src/omnibase_spi-$BRIDGE_SPI" "$src/omnibase_core-$BRIDGE_CORE" \
    || fail "building omnibase_core/omnibase_spi $BRIDGE_CORE from their sources failed"
  in_env "$dir/bin/python" -c "import omnibase_core.nodes.node_effect, omnibase_core.models.container.model_onex_container" \
    || fail "omnibase_core $BRIDGE_CORE does not import in $dir"
  touch "$ROOTFS$dir/.onex-forge-complete"
  log "the bridge era's framework ready in $(( $(date +%s) - started )) s"
}

relock_today() {
  # today.txt = what pip resolves for the framework and the test tools, constrained to the versions the
  # framework's own uv.lock pins (omnibase_infra's sdist carries it).
  local dir sdist_dir lock
  dir="$(make_venv relock tmp)"
  sdist_dir="$INSIDE/relock-sdist"; rm -rf "$ROOTFS$sdist_dir"; mkdir -p "$ROOTFS$sdist_dir"
  pip_in_env "$dir/bin/pip" download -q --no-deps --no-binary :all: -d "$sdist_dir" "omnibase-infra==$TODAY_INFRA"
  tar -xzf "$ROOTFS$sdist_dir"/*.tar.gz -C "$ROOTFS$sdist_dir"
  in_env "$dir/bin/python" -c "
import tomllib, sys
lock = tomllib.load(open('$sdist_dir/omnibase_infra-$TODAY_INFRA/uv.lock', 'rb'))
pins = sorted({f\"{p['name']}=={p['version']}\" for p in lock['package'] if 'registry' in p.get('source', {})})
open('$sdist_dir/constraints.txt', 'w').write('\n'.join(pins) + '\n')"
  lock="$(sed -n 's/^# TOOLS: //p' "$HERE/today.txt" | head -1)"
  # shellcheck disable=SC2086
  pip_in_env "$dir/bin/pip" install -q -c "$sdist_dir/constraints.txt" "omnibase-core==$TODAY_CORE" "omnibase-infra==$TODAY_INFRA" "omnibase-spi==$TODAY_SPI" $lock
  { sed -n '1,/^# ---$/p' "$HERE/today.txt"; in_env "$dir/bin/pip" freeze; } > "$HERE/today.txt.new"
  mv "$HERE/today.txt.new" "$HERE/today.txt"
  rm -rf "$ROOTFS$dir" "$ROOTFS$sdist_dir"
  log "today.txt re-resolved; review and commit it"
}

# --- Main ------------------------------------------------------------------------------------------
started=$(date +%s)
if [ "$MODE" = chroot ]; then
  [ -f "$ROOTFS/.onex-forge-complete" ] || build_root
  sync_root_network
fi
mkdir -p "$OUTSIDE"
if [ -n "$RELOCK" ]; then relock_today; exit 0; fi
build_today
build_bridge

TODAY_DIR="$INSIDE/today-$TODAY_KEY"
BRIDGE_DIR_IN="$INSIDE/bridge-$BRIDGE_KEY"
python_version="$(in_env "$TODAY_DIR/bin/python" -c 'import platform; print(platform.python_version())')"
mkdir -p "$OUTSIDE/mypy-cache-$TODAY_KEY"
cat > "$REPO/.cache/python-env.json.tmp" <<JSON
{
  "mode": "$MODE",
  "rootfs": "$ROOTFS",
  "python": "$python_version",
  "today": {
    "venv": "$TODAY_DIR",
    "sdist": "$TODAY_DIR/sdist",
    "mypyCache": "$INSIDE/mypy-cache-$TODAY_KEY",
    "versions": { "omnibase-core": "$TODAY_CORE", "omnibase-infra": "$TODAY_INFRA", "omnibase-spi": "$TODAY_SPI" }
  },
  "bridge": {
    "venv": "$BRIDGE_DIR_IN",
    "src": "$BRIDGE_DIR_IN/src",
    "versions": { "omnibase_core": "$BRIDGE_CORE", "omnibase_spi": "$BRIDGE_SPI" }
  }
}
JSON
mv "$REPO/.cache/python-env.json.tmp" "$REPO/.cache/python-env.json"
# Environments of older pins are left for other checkouts; remove $HOME_DIR to reclaim the space.
log "ready ($MODE, Python $python_version) in $(( $(date +%s) - started )) s: today $TODAY_DIR, bridge $BRIDGE_DIR_IN"
