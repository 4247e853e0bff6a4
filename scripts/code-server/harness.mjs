#!/usr/bin/env node
// Runs the integration suite inside a real VS Code extension host without the internet:
// the pinned code-server (a VS Code server + web workbench, installed by setup.sh into
// .cache/code-server) is driven by Debian's chromium through playwright-core. The workbench
// is opened with the same development payload a desktop VS Code takes
// (extensionDevelopmentPath + extensionTestsPath), so the remote extension host loads the
// extension, requires the compiled test index and awaits its run(); when run() settles the
// workbench calls window.codeAutomationExit(code), a function this harness gives the page. How
// code-server is installed: setup.sh; how it and chromium are started and stopped: lib.mjs.
//
//   node scripts/code-server/harness.mjs [--tests out/integration/index.js] [--extension .]
//        [--workspace examples] [--timeout 180] [--results .cache/test-results/integration.json]
//        [--vsix dist/onex-forge.vsix]
//
// With --vsix the extension is not loaded from its folder: the packaged .vsix is installed
// with code-server's --install-extension first, so the suite checks what users install.
//
// It builds nothing: dist/ and out/integration/ must exist (npm run build && npm run build:tests).
// Environment: ONEX_TEST_RESULTS (results file; the option wins), ONEX_HARNESS_TIMEOUT_S,
// ONEX_HARNESS_VERBOSE=1 (stream the workbench console), ONEX_KEEP_SCRATCH=1, and
// ONEX_TEST_GREP / ONEX_TEST_TIMEOUT_MS, which reach the suite's run().
//
// What only a user's hands can do in the workbench (click a link in a hover or in the Problems panel,
// read the lightbulb's menu as drawn), the suite asks of the harness's UI driver (uiDriver.mjs), whose
// address the extension host finds in ONEX_UI_DRIVER.
//
// After the suite, the harness checks (as one more test) that the run left nothing in the workspace
// folder that git status --ignored did not show before it.
//
// Exit code 0 only when the suite reported, ran more than zero tests and none failed. Whatever
// happens (success, failure, time limit, Ctrl-C), code-server's whole process tree and the
// browser are killed before exiting.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  codeServerCli,
  ensureCodeServer,
  freePort,
  installedVersions,
  launchChromium,
  prepareScratch,
  startCodeServer,
  stopAll,
  waitForHealth,
} from './lib.mjs';
import { startUiDriver } from './uiDriver.mjs';

const { values: options } = parseArgs({
  options: {
    tests: { type: 'string', default: 'out/integration/index.js' },
    extension: { type: 'string', default: '.' },
    workspace: { type: 'string', default: 'examples' },
    timeout: { type: 'string', default: process.env.ONEX_HARNESS_TIMEOUT_S ?? '180' },
    results: { type: 'string', default: process.env.ONEX_TEST_RESULTS ?? join(ROOT, '.cache/test-results/integration.json') },
    vsix: { type: 'string' },
  },
});

const started = Date.now();
const timeoutMs = Number(options.timeout) * 1000;
const testsPath = resolve(ROOT, options.tests);
const extensionPath = resolve(ROOT, options.extension);
const workspacePath = resolve(ROOT, options.workspace);
const resultsPath = resolve(ROOT, options.results);
const vsixPath = options.vsix && resolve(ROOT, options.vsix);
const verbose = process.env.ONEX_HARNESS_VERBOSE === '1';

const say = (line) => console.log(`[harness] ${line}`);
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const shown = (path) => relative(ROOT, path) || '.';

function fatal(message) {
  console.error(`[harness] ERROR: ${message}`);
  process.exit(2);
}

if (!(timeoutMs > 0)) fatal(`--timeout must be a positive number of seconds, got ${options.timeout}`);
for (const [what, path] of [
  ['compiled test index (run npm run build:tests)', testsPath],
  ['extension manifest', join(extensionPath, 'package.json')],
  ['workspace folder', workspacePath],
  ...(vsixPath ? [['packaged extension (run npm run package)', vsixPath]] : []),
]) {
  if (!existsSync(path)) fatal(`${what} not found: ${path}`);
}

let codeServer; // ChildProcess, leader of its own process group
let browser; // playwright Browser
let page; // the workbench's page
let uiDriver; // { url, close } (uiDriver.mjs): the suite's hands in the workbench
let scratch; // this run's code-server folders (user data, extensions, XDG, log)
let timer;
let exiting = false;
let suiteDone = false; // the suite reported: code-server is stopped on purpose

/** Stops every process started (once); the scratch folder stays until exit() for its logs. */
async function shutdown() {
  clearTimeout(timer);
  await uiDriver?.close();
  await stopAll({ browser, codeServer });
}

function exit(code) {
  if (scratch && process.env.ONEX_KEEP_SCRATCH !== '1') rmSync(scratch.dir, { recursive: true, force: true });
  process.exit(code);
}

async function finish(code) {
  if (exiting) return;
  exiting = true;
  await shutdown();
  exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`\n[harness] ${sig}: stopping code-server and the browser`);
    void finish(130);
  });
}
process.on('uncaughtException', (error) => void fail(error));
process.on('unhandledRejection', (error) => void fail(error));

// --- results ---------------------------------------------------------------------------

const consoleLines = [];
let runningTest; // the title of the test the suite last said it started and has not finished

function readResults() {
  try {
    return JSON.parse(readFileSync(resultsPath, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Adds the harness's own failure to the results file (keeping the tests that did report), so
 * that `npm test` counts it.
 */
function writeHarnessFailure(message, partial = readResults()) {
  mkdirSync(dirname(resultsPath), { recursive: true });
  const tests = [
    ...(partial?.tests ?? []),
    { title: 'integration suite reports its results', fullTitle: 'harness: integration suite reports its results', state: 'failed', error: { message } },
  ];
  const failed = tests.filter((t) => t.state !== 'passed').length;
  const results = { ...partial, harnessError: message, complete: false, passed: tests.length - failed, failed, tests };
  writeFileSync(resultsPath, JSON.stringify(results, null, 2));
  return results;
}

const tail = (text, lines) => text.split('\n').slice(-lines).join('\n');
const indent = (text) => text.replace(/^/gm, '    ');

/** Log files under `dir` (recursively) that satisfy `accept(path)`. */
function findLogs(dir, accept) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return findLogs(full, accept);
    return entry.isFile() && accept(full) ? [full] : [];
  });
}

/**
 * What the extension under test logged (its output channels, kept by the extension host under
 * user-data/logs/<session>/exthost<N>/<extension id>/) and the extension host's errors.
 */
function printExtensionLogs() {
  if (!scratch) return;
  let extensionId;
  try {
    const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
    extensionId = `${manifest.publisher}.${manifest.name}`.toLowerCase();
  } catch {
    return;
  }
  const logs = join(scratch.userData, 'logs');
  for (const file of findLogs(logs, (f) => basename(dirname(f)).toLowerCase() === extensionId)) {
    const text = readFileSync(file, 'utf8').trimEnd();
    if (!text) continue;
    console.log(`[harness] ${extensionId}'s log ${basename(file)} (last lines):`);
    console.log(indent(tail(text, 30)));
  }
  for (const file of findLogs(logs, (f) => basename(f) === 'remoteexthost.log')) {
    const errors = readFileSync(file, 'utf8').split('\n').filter((l) => /\[error\]/.test(l));
    if (errors.length === 0) continue;
    console.log('[harness] errors in the extension host log (last lines):');
    console.log(indent(tail(errors.join('\n'), 30)));
  }
}

function printLogs() {
  if (!verbose && consoleLines.length > 0) {
    console.log('[harness] last lines of the workbench console:');
    console.log(indent(tail(consoleLines.join('\n'), 40)));
  }
  if (scratch && existsSync(scratch.log)) {
    console.log(`[harness] last lines of ${shown(scratch.log)}:`);
    console.log(indent(tail(readFileSync(scratch.log, 'utf8').trimEnd(), 25)));
  }
}

async function fail(error) {
  if (exiting) return;
  exiting = true;
  let message = error instanceof Error ? error.message : String(error);
  if (runningTest) message += ` (still running: ${runningTest})`;
  say(`FAILED: ${message}`);
  // Stop first, so the extension host cannot rewrite the results file behind our back.
  await shutdown();
  const partial = readResults();
  const results = writeHarnessFailure(message, partial);
  if (partial?.tests?.length) {
    say(`the tests that reported before the failure:`);
    printTests(results);
  }
  printExtensionLogs();
  printLogs();
  exit(1);
}

function printTests(results) {
  for (const test of results.tests) {
    const ms = test.durationMs !== undefined ? ` (${test.durationMs} ms)` : '';
    if (test.state === 'passed') {
      console.log(`  ✓ ${test.fullTitle}${ms}`);
    } else {
      console.log(`  ✗ ${test.fullTitle}${ms}`);
      console.log(indent(`  ${tail(test.error?.stack ?? test.error?.message ?? 'failed', 12)}`));
    }
  }
}

/** Prints every test's result; returns whether the run counts as a success. */
function report(results, automationExitCode) {
  if (results.vscodeVersion) {
    say(`suite ran inside VS Code ${results.vscodeVersion} (${results.uiKind} workbench, extension host on ${results.remoteName ?? 'local'})`);
  }
  printTests(results);
  say(`integration: ${results.passed} passed, ${results.failed} failed (${shown(resultsPath)}; ${seconds()} from cold start)`);
  if (results.passed + results.failed === 0) {
    say('FAILED: the suite ran no test');
    return false;
  }
  if (automationExitCode !== 0 && results.failed === 0) {
    say(`FAILED: the workbench reported exit code ${automationExitCode}`);
    return false;
  }
  return results.failed === 0;
}

// --- the workspace is left as it was -----------------------------------------------------

/**
 * What git sees in the workspace folder (changed, untracked and ignored files, one line each), or
 * null when the folder is not in this repository's checkout.
 */
function workspaceStatus() {
  const rel = relative(ROOT, workspacePath);
  if (rel.startsWith('..')) return null;
  const git = spawnSync('git', ['status', '--porcelain', '--ignored', '--untracked-files=all', '--', rel || '.'], { cwd: ROOT, encoding: 'utf8' });
  return git.status === 0 ? git.stdout.split('\n').filter(Boolean) : null;
}

/**
 * The suite's last check, counted as a test: it leaves nothing in the workspace (examples/) that was
 * not there before the run, not even a git-ignored file. Tests write to temporary folders.
 */
function checkWorkspaceLeftClean(results, before) {
  const after = workspaceStatus();
  if (before === null || after === null) return results;
  const left = after.filter((line) => !before.includes(line));
  const test = { title: 'the suite leaves no files in the workspace', fullTitle: `harness: the suite leaves no files in ${shown(workspacePath)}/` };
  const tests = [
    ...results.tests,
    left.length === 0
      ? { ...test, state: 'passed' }
      : { ...test, state: 'failed', error: { message: `git status --porcelain --ignored ${shown(workspacePath)}/ shows what the run left:\n${left.join('\n')}` } },
  ];
  const failed = tests.filter((t) => t.state !== 'passed').length;
  const checked = { ...results, passed: tests.length - failed, failed, tests };
  writeFileSync(resultsPath, JSON.stringify(checked, null, 2));
  return checked;
}

// --- main ------------------------------------------------------------------------------

async function main() {
  if (!ensureCodeServer()) {
    writeHarnessFailure('scripts/code-server/setup.sh failed');
    console.error('[harness] code-server is not installed (see above)');
    process.exit(1);
  }
  const versions = installedVersions();
  say(`VS Code ${versions.vscode} (code-server ${versions.codeServer}), Node ${process.versions.node}`);

  rmSync(resultsPath, { force: true });
  const workspaceBefore = workspaceStatus();
  scratch = prepareScratch(join(ROOT, '.cache/harness', `run-${process.pid}`));
  if (vsixPath) {
    const install = codeServerCli(scratch, ['--install-extension', vsixPath, '--force']);
    if (install.status !== 0) throw new Error(`--install-extension ${shown(vsixPath)} failed:\n${install.output}`);
    const listed = codeServerCli(scratch, ['--list-extensions', '--show-versions']).output.trim().split('\n');
    say(`installed ${shown(vsixPath)}: ${listed.join(', ')}`);
    // The workbench runs extensionTestsPath only in a development session: give it an empty
    // development extension, so the extension under test is the installed one.
    mkdirSync(join(scratch.dir, 'test-runner'), { recursive: true });
    writeFileSync(
      join(scratch.dir, 'test-runner/package.json'),
      JSON.stringify({ name: 'test-runner', publisher: 'onex-forge-tests', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
    );
  }
  const port = await freePort();

  timer = setTimeout(() => void fail(new Error(`no result from VS Code within ${timeoutMs / 1000} s`)), timeoutMs);

  // The extension host inherits code-server's environment: that is how run() learns where
  // to write its results, and where the UI driver listens (for what only a user's hands can do).
  uiDriver = await startUiDriver(() => page, verbose ? (line) => say(line) : undefined);
  codeServer = startCodeServer(scratch, port, { ONEX_TEST_RESULTS: resultsPath, ONEX_HARNESS: '1', ONEX_UI_DRIVER: uiDriver.url });
  codeServer.on('exit', (code, sig) => {
    if (!exiting && !suiteDone) void fail(new Error(`code-server exited unexpectedly (code ${code}, signal ${sig})`));
  });
  await waitForHealth(codeServer, port, started + timeoutMs);
  say(`code-server listening on 127.0.0.1:${port} after ${seconds()}`);

  browser = await launchChromium(scratch);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let reportExit;
  const exited = new Promise((r) => (reportExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(Number(code)));
  page.on('console', (message) => {
    // Drop the workbench's console styling (%c markers and their CSS arguments).
    const text = message.text().replace(/%c/g, '').replace(/color: #[0-9a-f]{3,6}\s*/gi, '').trim();
    consoleLines.push(text);
    if (consoleLines.length > 2000) consoleLines.shift();
    if (verbose) {
      console.log(`  [console.${message.type()}] ${text}`);
    }
    const progress = /\[onex-tests\] (running|pass|FAIL) (.*)$/s.exec(text);
    if (progress) runningTest = progress[1] === 'running' ? progress[2] : undefined;
    if (!verbose && /\[onex-tests\] (running|VS Code) /.test(text)) {
      // Live progress; each test's result is printed from the results file at the end.
      console.log(`  ${text.slice(text.indexOf('[onex-tests]'))}`);
    }
  });
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));

  // The vscode-remote authority must be the host:port the browser uses; paths are the server's.
  const authority = `127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${vsixPath ? join(scratch.dir, 'test-runner') : extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(workspacePath)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const extension = vsixPath ? `installed from ${shown(vsixPath)}` : shown(extensionPath);
  say(`opening the workbench: folder ${shown(workspacePath)}, extension ${extension}, tests ${shown(testsPath)}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  const automationExitCode = await exited;
  say(`VS Code reported exit code ${automationExitCode} after ${seconds()}`);

  let ok;
  // The workspace is checked once code-server and the browser are gone: nothing can write there then.
  suiteDone = true;
  await shutdown();
  const reported = readResults();
  const results = reported && reported.complete !== false ? checkWorkspaceLeftClean(reported, workspaceBefore) : reported;
  if (results && results.complete === false) {
    await fail(new Error(`the suite stopped before finishing (workbench exit code ${automationExitCode})`));
    return;
  } else if (results) {
    ok = report(results, automationExitCode);
    // A failing test explains itself above, helped by what the extension logged; a suite
    // that ran nothing needs all the logs.
    if (!ok) printExtensionLogs();
    if (!ok && results.passed + results.failed === 0) printLogs();
  } else {
    await fail(new Error(`the suite wrote no results to ${shown(resultsPath)} (workbench exit code ${automationExitCode})`));
    return;
  }
  await finish(ok ? 0 : 1);
}

main().catch((error) => void fail(error));
