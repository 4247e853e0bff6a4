// Mocha reporter for `npm test`: mocha's spec output on the console, plus the counts written as
// JSON to the file given with `--reporter-option output=FILE`, so scripts/test-all.mjs can add
// them up without parsing console text.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const output = options?.reporterOption?.output;
    const failures = [];
    runner.on(EVENT_TEST_FAIL, (test, err) => {
      failures.push({ title: test.fullTitle(), file: test.file, message: err && err.message });
    });
    runner.once(EVENT_RUN_END, () => {
      if (!output) return;
      const stats = runner.stats ?? {};
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(
        output,
        JSON.stringify({ passes: stats.passes ?? 0, failures: stats.failures ?? 0, pending: stats.pending ?? 0, tests: stats.tests ?? 0, failed: failures }, null, 2),
      );
    });
  }
}

module.exports = CountingReporter;
