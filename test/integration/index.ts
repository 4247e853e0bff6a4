// The integration suite's entry point: the standard `run()` that a VS Code extension host
// awaits when it is started with `extensionTestsPath` pointing at this file (compiled to
// out/integration/index.js). Used by scripts/code-server/harness.mjs (code-server in a
// headless chromium) and by @vscode/test-electron on a desktop.
//
// It runs every compiled `*.test.js` file next to it with mocha (bdd ui: describe/it; the tdd
// names suite/test work too) and, when the environment variable ONEX_TEST_RESULTS names a
// file, writes the results there as JSON:
//   { vscodeVersion, uiKind, remoteName, complete, passed, failed, tests: [{ title, fullTitle, file, state, durationMs, error? }] }
// (rewritten after every test with complete: false, so a run cut short still shows what ran).
// Skipped (pending) tests count as failed: the project allows none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface TestResult {
  title: string;
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export interface SuiteResults {
  vscodeVersion: string;
  uiKind: 'desktop' | 'web';
  remoteName: string | null;
  startedAt: string;
  finishedAt?: string;
  /** false while the suite is still running: the file is rewritten after every test. */
  complete: boolean;
  passed: number;
  failed: number;
  tests: TestResult[];
}

/** Every `*.test.js` file under `dir`, sorted so the order is stable. */
function findTestFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...findTestFiles(full));
    } else if (entry.isFile() && entry.name.endsWith('.test.js')) {
      files.push(full);
    }
  }
  return files.sort();
}

function errorOf(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) {
    return { message: err.message, stack: err.stack };
  }
  return { message: String(err) };
}

function writeResults(results: SuiteResults): void {
  const target = process.env.ONEX_TEST_RESULTS;
  if (!target) {
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Write then rename, so a reader never sees half a file.
  const partial = `${target}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, target);
}

export function run(): Promise<void> {
  const startedAt = new Date().toISOString();
  const tests: TestResult[] = [];
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // Under the code-server harness the console goes to the browser, where the spec reporter's
    // format strings come out garbled: the harness prints the results file instead.
    reporter: process.env.ONEX_HARNESS === '1' ? Mocha.reporters.Base : 'spec',
    timeout: Number(process.env.ONEX_TEST_TIMEOUT_MS ?? 60_000),
    grep: process.env.ONEX_TEST_GREP || undefined,
  });

  const log = (line: string): void => console.log(`[onex-tests] ${line}`);
  log(`VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'})`);

  // Also offer the tdd interface (suite/test/suiteSetup): its names do not clash with bdd's.
  Mocha.interfaces.tdd(mocha.suite);

  const files = findTestFiles(__dirname);
  for (const file of files) {
    mocha.addFile(file);
  }

  const snapshot = (complete: boolean): SuiteResults => {
    const failed = tests.filter((t) => t.state === 'failed').length;
    return {
      vscodeVersion: vscode.version,
      uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
      remoteName: vscode.env.remoteName ?? null,
      startedAt,
      finishedAt: complete ? new Date().toISOString() : undefined,
      complete,
      passed: tests.length - failed,
      failed,
      tests,
    };
  };
  // After every test, so a run stopped by the harness's time limit still shows what ran.
  const record = (result: TestResult): void => {
    tests.push(result);
    try {
      writeResults(snapshot(false));
    } catch (error) {
      log(`could not write ${process.env.ONEX_TEST_RESULTS}: ${errorOf(error).message}`);
    }
  };

  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown): void => {
      if (error !== undefined) {
        tests.push({ title: 'loading the test files', fullTitle: 'loading the test files', state: 'failed', error: errorOf(error) });
      }
      const results = snapshot(true);
      try {
        writeResults(results);
      } catch (writeError) {
        log(`could not write ${process.env.ONEX_TEST_RESULTS}: ${errorOf(writeError).message}`);
        reject(writeError);
        return;
      }
      const { passed, failed } = results;
      log(`${passed} passed, ${failed} failed`);
      if (files.length === 0) {
        reject(new Error(`no *.test.js files found in ${__dirname}`));
      } else if (failed > 0 || passed === 0) {
        reject(new Error(`${failed} integration test(s) failed, ${passed} passed`));
      } else {
        resolve();
      }
    };

    let runner: Mocha.Runner;
    try {
      runner = mocha.run(() => finish());
    } catch (error) {
      // A test file that throws while loading (syntax error, bad import) lands here.
      finish(error);
      return;
    }
    runner.on('test', (test) => log(`running ${test.fullTitle()}`));
    runner.on('pass', (test) => {
      record({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'passed', durationMs: test.duration });
      log(`pass ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test, err) => {
      // Also fires for failing hooks (before/after), whose title says which hook.
      record({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'failed', durationMs: test.duration, error: errorOf(err) });
      log(`FAIL ${test.fullTitle()}: ${errorOf(err).message}`);
    });
    runner.on('pending', (test) => {
      record({
        title: test.title,
        fullTitle: test.fullTitle(),
        file: test.file,
        state: 'failed',
        error: { message: 'skipped (pending) test: the project allows no skipped tests' },
      });
      log(`FAIL ${test.fullTitle()}: skipped`);
    });
  });
}
