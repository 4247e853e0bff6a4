// Shared by harness.mjs (the integration suite) and ../screenshot.mjs: install check, starting
// the pinned code-server in its own process group with scratch folders, launching Debian's
// chromium through playwright-core, and killing every process started, whatever happens.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CODE_SERVER = join(ROOT, '.cache/code-server/node_modules/code-server');
export const CODE_SERVER_ENTRY = join(CODE_SERVER, 'out/node/entry.js');
export const CHROMIUM = process.env.ONEX_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * User settings that keep the workbench quiet and off the network (no gallery, tours or tips), and
 * open the example workspace without a Workspace Trust prompt: the profiles that use them (the test
 * harness's, the screenshots', open-examples.sh's) are scratch profiles of this repository, never the
 * user's own.
 */
export const WORKBENCH_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  // examples/ sits inside this repository: no "open the parent git repository?" prompt.
  'git.openRepositoryInParentFolders': 'never',
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a command from the workbench's command palette (F1), retrying until `deadline` (epoch ms):
 * contributed commands appear late.
 */
export async function runPaletteCommand(page, title, deadline) {
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    // The row whose label is exactly the title (the palette also lists fuzzy matches).
    const row = page.locator('.quick-input-list .monaco-list-row', { has: page.getByText(title, { exact: true }) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await row.click();
      return;
    } catch (error) {
      if (Date.now() + 4000 > deadline || attempt > 30) throw new Error(`command "${title}" never appeared in the palette`, { cause: error });
    }
  }
}

/** Opens a workspace file through Quick Open (Ctrl+P), which matches on the relative path. */
export async function openFile(page, relPath) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(relPath);
  const basename = relPath.split('/').pop();
  await page.locator('.quick-input-list .monaco-list-row', { hasText: basename }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: basename }).waitFor({ timeout: 30_000 });
}

/** Runs setup.sh (installs the pinned code-server on first use; milliseconds afterwards). Returns true on success. */
export function ensureCodeServer() {
  const setup = spawnSync('bash', [join(ROOT, 'scripts/code-server/setup.sh')], { stdio: 'inherit' });
  return setup.status === 0;
}

/** { codeServer, vscode } versions of the installed code-server. */
export function installedVersions() {
  const read = (file) => JSON.parse(readFileSync(file, 'utf8')).version;
  return { codeServer: read(join(CODE_SERVER, 'package.json')), vscode: read(join(CODE_SERVER, 'lib/vscode/package.json')) };
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Creates the scratch folders of one code-server instance under `dir` (user data, extensions,
 * XDG config/data/cache, config.yaml, quiet user settings) and returns their paths.
 */
export function prepareScratch(dir, { fresh = true } = {}) {
  if (fresh) rmSync(dir, { recursive: true, force: true });
  const paths = {
    dir,
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    xdgConfig: join(dir, 'xdg-config'),
    xdgData: join(dir, 'xdg-data'),
    xdgCache: join(dir, 'xdg-cache'),
    config: join(dir, 'config.yaml'),
    log: join(dir, 'code-server.log'),
  };
  for (const sub of [paths.userData, paths.extensions, paths.xdgConfig, paths.xdgData, paths.xdgCache]) mkdirSync(sub, { recursive: true });
  writeFileSync(paths.config, 'auth: none\n');
  ensureProfileSettings(paths.userData);
  return paths;
}

/**
 * Makes sure the user settings of a VS Code profile (`<userDataDir>/User/settings.json`) hold each
 * of `settings`: a new file gets them all; an existing one (which its user may have edited, comments
 * and all) gets only the keys it lacks, added at its start, and keeps every value it has. Returns
 * the file's path.
 */
export function ensureProfileSettings(userDataDir, settings = WORKBENCH_SETTINGS) {
  const file = join(userDataDir, 'User', 'settings.json');
  mkdirSync(dirname(file), { recursive: true });
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const brace = text.indexOf('{');
  if (brace < 0) {
    writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
    return file;
  }
  const missing = Object.entries(settings).filter(([key]) => !text.includes(JSON.stringify(key)));
  if (missing.length > 0) {
    // (VS Code's settings files allow the trailing comma this may leave before a closing brace.)
    const added = missing.map(([key, value]) => `\n  ${JSON.stringify(key)}: ${JSON.stringify(value)},`).join('');
    writeFileSync(file, `${text.slice(0, brace + 1)}${added}${text.slice(brace + 1)}`);
  }
  return file;
}

/** Environment for code-server: XDG folders in scratch so nothing lands in the home folder. */
export function codeServerEnv(scratch, extra = {}) {
  const env = { ...process.env, XDG_CONFIG_HOME: scratch.xdgConfig, XDG_DATA_HOME: scratch.xdgData, XDG_CACHE_HOME: scratch.xdgCache, ...extra };
  delete env.VSCODE_IPC_HOOK_CLI; // a terminal inside another VS Code must not redirect us
  return env;
}

export function codeServerArgs(scratch) {
  return [
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--config', scratch.config,
    '--user-data-dir', scratch.userData,
    '--extensions-dir', scratch.extensions,
    // ONEX_CODE_SERVER_LOG=trace: the server's own log level (its file watcher's events, for one).
    ...(process.env.ONEX_CODE_SERVER_LOG ? ['--log', process.env.ONEX_CODE_SERVER_LOG] : []),
  ];
}

/** Runs a one-shot code-server CLI command (e.g. --install-extension); returns {status, output}. */
export function codeServerCli(scratch, args) {
  const result = spawnSync(process.execPath, [CODE_SERVER_ENTRY, ...codeServerArgs(scratch), ...args], {
    cwd: ROOT,
    env: codeServerEnv(scratch),
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** Starts code-server on 127.0.0.1:port as the leader of its own process group, logging to scratch.log. */
export function startCodeServer(scratch, port, extraEnv = {}, extraArgs = []) {
  const logFd = openSync(scratch.log, 'a');
  const child = spawn(process.execPath, [CODE_SERVER_ENTRY, '--bind-addr', `127.0.0.1:${port}`, ...codeServerArgs(scratch), ...extraArgs], {
    cwd: ROOT,
    env: codeServerEnv(scratch, extraEnv),
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  return child;
}

/** Resolves once code-server answers /healthz; rejects if it exits or `deadline` (epoch ms) passes. */
export async function waitForHealth(child, port, deadline) {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('code-server did not answer /healthz in time');
    await sleep(200);
  }
}

/** Launches headless Debian chromium; its crash database and caches go to scratch, not home. */
export async function launchChromium(scratch) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: { ...process.env, XDG_CONFIG_HOME: scratch.xdgConfig, XDG_CACHE_HOME: scratch.xdgCache },
  });
}

// --- process bookkeeping ---------------------------------------------------------------

function statOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], ppid: Number(fields[1]) };
}

/** Every live descendant of `rootPid`, read from /proc. */
export function descendants(rootPid) {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      table.set(Number(name), statOf(name));
    } catch {
      // The process ended while we were reading.
    }
  }
  const found = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const [pid, info] of table) {
      if (info.ppid === parent && info.state !== 'Z') {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

export function alive(pid) {
  try {
    return statOf(pid).state !== 'Z';
  } catch {
    return false;
  }
}

function isBrowserProcess(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
  } catch {
    return false;
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/**
 * Closes the browser, then kills code-server's process group and every other process this
 * process started (SIGTERM, then SIGKILL after 5 s). The tree is read before anything is
 * killed: children of a killed parent are re-parented and could no longer be found.
 */
export async function stopAll({ browser, codeServer }) {
  const tree = descendants(process.pid);
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  if (codeServer?.pid) signal(-codeServer.pid, 'SIGTERM');
  // Chromium stops its own helpers once closed; everything else gets a SIGTERM now.
  for (const pid of tree) if (alive(pid) && !isBrowserProcess(pid)) signal(pid, 'SIGTERM');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && tree.some(alive)) await sleep(100);
  if (codeServer?.pid) signal(-codeServer.pid, 'SIGKILL');
  for (const pid of tree.filter(alive)) signal(pid, 'SIGKILL');
  if (tree.some(alive)) await sleep(500);
  const left = tree.filter(alive);
  if (left.length > 0) console.error(`WARNING: processes still alive after SIGKILL: ${left.join(' ')}`);
}

/**
 * Runs a script that drives the workbench (the README's screenshots, the walkthrough's images) under a
 * deadline of `timeoutSeconds`, then exits. `main(run)` records what it starts on `run` (codeServer,
 * browser, scratch, and `cleanup` functions); all of it is stopped and removed at the end — success,
 * failure, time limit or Ctrl-C — and on failure the page at that moment goes to .cache/<name>-failure.png.
 * `run` also gives `deadline`, `remaining()`, `say(line)` and `runCommand(page, title)`.
 */
export function runWorkbenchScript(name, timeoutSeconds, main) {
  const started = Date.now();
  const deadline = started + timeoutSeconds * 1000;
  const run = {
    started, deadline, codeServer: undefined, browser: undefined, scratch: undefined, cleanup: [],
    remaining: () => Math.max(1000, deadline - Date.now()),
    say: (line) => console.log(`[${name}] ${line}`),
    runCommand: (page, title) => runPaletteCommand(page, title, deadline),
  };
  let exiting = false;
  const finish = async (code) => {
    if (exiting) return;
    exiting = true;
    clearTimeout(timer);
    await stopAll(run);
    if (run.scratch) rmSync(run.scratch.dir, { recursive: true, force: true });
    for (const clean of run.cleanup) clean();
    process.exit(code);
  };
  // A last resort: the waits give up at `deadline`, this fires 30 s later.
  const timer = setTimeout(() => {
    console.error(`[${name}] ERROR: not done within ${timeoutSeconds} s`);
    void finish(1);
  }, timeoutSeconds * 1000 + 30_000);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void finish(130));
  main(run).then(
    () => finish(0),
    async (error) => {
      console.error(`[${name}] ERROR: ${error.message}`);
      if (run.browser && !exiting) {
        try {
          const pages = run.browser.contexts().flatMap((c) => c.pages());
          if (pages[0]) {
            mkdirSync(join(ROOT, '.cache'), { recursive: true });
            await pages[0].screenshot({ path: join(ROOT, `.cache/${name}-failure.png`) });
            console.error(`[${name}] the page at the time of the failure: .cache/${name}-failure.png`);
          }
        } catch {
          // The browser is gone.
        }
      }
      await finish(1);
    },
  );
}
