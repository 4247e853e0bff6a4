#!/usr/bin/env node
// `npm test`: every check the project has, in order, each stage's output shown as it runs:
//   1. type-check       tsc --noEmit -p .                        (counts as one test)
//   2. unit tests       mocha over .mocharc.json                 (each mocha test counts)
//   3. build            npm run build && build:tests             (counts as one test)
//   4. conformance      scaffolded and fixed code judged by the real framework: test/conformance/*.test.ts
//                       in the Python environments of scripts/python-env (each mocha test counts)
//   5. integration      the suite inside a real VS Code (code-server harness; each test counts)
//   6. package          npm run package: the .vsix                (counts as one test)
//   7. packaged         the foundation tests again, against the .vsix installed with
//                       code-server's --install-extension (each test counts)
// The last line is exactly `N passed, N failed`, summed over all stages; the exit code is
// non-zero when anything failed. Skipped (pending) mocha tests count as failed: the project
// allows none.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, '.cache/test-results');
const BIN = join(ROOT, 'node_modules/.bin');
// The code cache of the TypeScript front end, which the built CLI and extension keep, goes under
// .cache/ here rather than into the cache folder of the user who runs the tests.
const TEST_ENV = { ONEX_FORGE_CACHE_DIR: process.env.ONEX_FORGE_CACHE_DIR || join(ROOT, '.cache/onex-forge') };

const stages = [];

function banner(title) {
  console.log(`\n${'='.repeat(20)} ${title} ${'='.repeat(Math.max(0, 58 - title.length))}`);
}

/** Runs a command with inherited stdio; returns its exit status (null when killed by a signal). */
function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...TEST_ENV, ...extraEnv } });
  if (result.error) {
    console.error(`could not run ${command}: ${result.error.message}`);
    return 1;
  }
  return result.status;
}

function record(name, passed, failed, started, note = '') {
  stages.push({ name, passed, failed, seconds: (Date.now() - started) / 1000, note });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// 1. Type-check.
{
  banner('type-check (tsc --noEmit)');
  const started = Date.now();
  const status = run(join(BIN, 'tsc'), ['--noEmit', '-p', '.']);
  if (status === 0) console.log('type-check: no errors');
  record('type-check', status === 0 ? 1 : 0, status === 0 ? 0 : 1, started);
}

/** Runs mocha with the counting reporter (extra arguments select the suite) and records it as a stage. */
function mochaStage(name, extraArgs) {
  const started = Date.now();
  const output = join(RESULTS, `${name.replace(/\W+/g, '-')}.json`);
  rmSync(output, { force: true });
  const status = run(join(BIN, 'mocha'), [...extraArgs, '--reporter', join(ROOT, 'scripts/mocha-counting-reporter.cjs'), '--reporter-option', `output=${output}`]);
  const counts = readJson(output);
  if (!counts) {
    // Mocha stopped before running (a test file that does not load, a bad config).
    record(name, 0, 1, started, `mocha exited with ${status} before reporting`);
  } else {
    const failed = counts.failures + counts.pending;
    const note = counts.pending > 0 ? `${counts.pending} pending test(s) counted as failed` : '';
    // A non-zero exit with no failure counted (e.g. a crash after the run) is still a failure.
    record(name, counts.passes, failed === 0 && status !== 0 ? 1 : failed, started, note || (status !== 0 && failed === 0 ? `mocha exited with ${status}` : ''));
  }
}

// 2. Unit tests.
banner('unit tests (mocha)');
mochaStage('unit tests', []);

// 3. Build the extension and the integration suite.
let built = false;
{
  banner('build (extension and integration tests)');
  const started = Date.now();
  built = run('npm', ['run', '--silent', 'build']) === 0;
  if (built) built = run(process.execPath, [join(ROOT, 'scripts/build-tests.mjs')]) === 0;
  record('build', built ? 1 : 0, built ? 0 : 1, started);
}

/** Runs the harness (extra arguments, extra environment) and records its results as a stage. */
function integrationStage(name, args, env) {
  const started = Date.now();
  const output = join(RESULTS, `${name}.json`);
  rmSync(output, { force: true });
  const status = run(process.execPath, [join(ROOT, 'scripts/code-server/harness.mjs'), '--results', output, ...args], env);
  const results = readJson(output);
  if (!results) {
    record(name, 0, 1, started, `harness exited with ${status} and wrote no results`);
  } else {
    const failed = results.failed === 0 && status !== 0 ? 1 : results.failed;
    const note = results.harnessError ?? (results.vscodeVersion ? `VS Code ${results.vscodeVersion}` : '');
    record(name, results.passed, failed, started, note);
  }
}

// 4. Conformance: what the scaffold writes (and the fixes leave) is judged by the real omnibase-core and
// omnibase-infra (today) and omnibase_core 0.1.0 (the bridge era), their loaders, runtime and gates. The
// suites scaffold through the built CLI, so they run after the build.
banner('conformance (the real framework judges generated code)');
if (built) {
  mochaStage('conformance', ['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '600000', 'test/conformance/**/*.test.ts']);
} else {
  console.log('skipped: the build failed');
  record('conformance', 0, 1, Date.now(), 'not run: the build failed');
}

// 5. Integration suite inside a real VS Code, with the extension loaded from this folder.
banner('integration tests (inside VS Code, code-server harness)');
if (built) {
  integrationStage('integration', []);
} else {
  console.log('skipped: the build failed');
  record('integration', 0, 1, Date.now(), 'not run: the build failed');
}

// 6 and 7. The .vsix users install: package it, install it into code-server, check it activates.
let packaged = false;
{
  banner('package (npm run package)');
  const started = Date.now();
  packaged = built && run('npm', ['run', '--silent', 'package']) === 0;
  record('package', packaged ? 1 : 0, packaged ? 0 : 1, started, built ? '' : 'not run: the build failed');
}
banner('packaged extension (installed from the .vsix, foundation tests)');
if (packaged) {
  integrationStage('packaged', ['--vsix', 'dist/onex-forge.vsix'], { ONEX_TEST_GREP: 'foundation ' });
} else {
  console.log('skipped: no .vsix');
  record('packaged', 0, 1, Date.now(), 'not run: packaging failed');
}

banner('summary');
let passed = 0;
let failed = 0;
for (const stage of stages) {
  passed += stage.passed;
  failed += stage.failed;
  const counts = `${stage.passed} passed, ${stage.failed} failed`;
  console.log(`${stage.failed > 0 ? '✗' : '✓'} ${stage.name.padEnd(12)} ${counts.padEnd(24)} ${stage.seconds.toFixed(1).padStart(6)} s${stage.note ? `  (${stage.note})` : ''}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
