// Runs a command inside one of the framework environments that setup.sh built (today's or the bridge
// era's), for the tests and by hand:
//   node scripts/python-env/runner.cjs today python -m pytest -q tests/
//   node scripts/python-env/runner.cjs bridge python -c 'import omnibase_core'
// The environment's bin folder comes first on PATH. In a Debian 13 root (machines whose python3 is older
// than 3.12), the command runs under `unshare --mount` + `chroot`, with the host's /tmp, the repository and
// the working folder mounted at the same paths inside, so paths mean the same on both sides; the mounts
// vanish with the command.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const REPO = resolve(__dirname, '..', '..');
const STATE = join(REPO, '.cache', 'python-env.json');

/** What setup.sh wrote; throws a message saying how to build it when missing. */
function readState() {
  if (!existsSync(STATE)) {
    throw new Error(`the framework environments are not set up (${STATE} is missing): run \`bash scripts/python-env/setup.sh\``);
  }
  return JSON.parse(readFileSync(STATE, 'utf8'));
}

// Mounts the given folders at the same paths inside the root, then runs the rest of the arguments there.
// $1 root, $2 number of folders, then the folders, then the command for chroot.
const ENTER = `set -e
root="$1"; count="$2"; shift 2
while [ "$count" -gt 0 ]; do mount --bind "$1" "$root$1"; shift; count=$((count - 1)); done
mount --rbind /proc "$root/proc"
mount --rbind /dev "$root/dev"
exec chroot "$root" "$@"`;

/**
 * The spawn arguments that run `args` with the given environment variables, inside the root when there is
 * one. `venv` (a path as the command sees it) puts its bin folder first on PATH; null runs the root's own.
 */
function commandFor(state, venv, args, options = {}) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const path = `${venv ? `${venv}/bin:` : ''}/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin`;
  const extra = { ...(venv ? { VIRTUAL_ENV: venv } : {}), PYTHONDONTWRITEBYTECODE: '1', ...(options.env ?? {}) };
  if (state.mode !== 'chroot') {
    return { command: args[0], args: args.slice(1), cwd, env: { ...process.env, PATH: `${path}:${process.env.PATH ?? ''}`, ...extra } };
  }
  const root = state.rootfs;
  const folders = [...new Set(['/tmp', REPO, cwd, ...(options.binds ?? [])].map((p) => resolve(p)))]
    .filter((p) => p !== '/' && existsSync(p))
    // A folder inside another one that is mounted comes along with it.
    .filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(`${q}/`)));
  for (const folder of folders) mkdirSync(join(root, folder), { recursive: true });
  const vars = { PATH: path, HOME: '/root', LANG: 'C.UTF-8', TMPDIR: '/tmp', ...extra };
  return {
    command: 'unshare',
    args: ['--mount', '--fork', '--', 'sh', '-c', ENTER, 'sh', root, String(folders.length), ...folders,
      '/usr/bin/env', '-i', ...Object.entries(vars).map(([k, v]) => `${k}=${v}`),
      '/bin/sh', '-c', 'cd "$0" && exec "$@"', cwd, ...args],
    cwd: '/',
    env: process.env,
  };
}

/** The venv of an era, as commands inside see it. */
function venvOf(state, era) {
  if (era !== 'today' && era !== 'bridge') throw new Error(`unknown framework era "${era}" (today or bridge)`);
  return state[era].venv;
}

/** Runs args in an era's environment; returns spawnSync's result (stdout and stderr as strings). */
function runFramework(era, args, options = {}) {
  const state = readState();
  const spec = commandFor(state, venvOf(state, era), args, options);
  return spawnSync(spec.command, spec.args, {
    cwd: spec.cwd, env: spec.env, encoding: 'utf8', input: options.input, timeout: options.timeoutMs,
    maxBuffer: 256 * 1024 * 1024, stdio: options.stdio,
  });
}

module.exports = { readState, commandFor, runFramework, STATE };

if (require.main === module) {
  const argv = process.argv.slice(2);
  let spec;
  if (argv[0] === '--raw') {
    // setup.sh: a command in the root itself (no venv), before the state file exists.
    const rootfs = argv[argv.indexOf('--rootfs') + 1];
    const rest = argv.slice(argv.indexOf('--') + 1);
    spec = commandFor({ mode: 'chroot', rootfs }, null, rest);
  } else {
    if (argv.length < 2) {
      console.error('usage: node scripts/python-env/runner.cjs today|bridge COMMAND [ARGS...]');
      process.exit(2);
    }
    try {
      const state = readState();
      spec = commandFor(state, venvOf(state, argv[0]), argv.slice(1));
    } catch (error) {
      console.error(`[python-env] ${error.message}`);
      process.exit(2);
    }
  }
  const result = spawnSync(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: 'inherit' });
  if (result.error) {
    console.error(`[python-env] could not run ${spec.command}: ${result.error.message}`);
    process.exit(127);
  }
  process.exit(result.status ?? 1);
}
