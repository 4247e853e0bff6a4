// What the extension tells the user when a command ends (src/extension/messages.ts, no vscode):
// Check Workspace's counts, cancellation and failure; an analysis's log line.
import { strict as assert } from 'node:assert';
import { analysisLine, checkWorkspaceMessage } from '../../src/extension/messages';

describe('extension messages', () => {
  const done = { checked: 19, total: 19, problems: 22, seconds: 0.84, cancelled: false, unreadable: 0 };

  it('Check Workspace ends with the counts and the time', () => {
    assert.equal(checkWorkspaceMessage(done), 'ONEX Check Workspace: 19 files, 22 problems in 0.8 s.');
    assert.equal(checkWorkspaceMessage({ ...done, checked: 1, total: 1, problems: 1 }), 'ONEX Check Workspace: 1 file, 1 problem in 0.8 s.');
    assert.equal(checkWorkspaceMessage({ ...done, problems: 0 }), 'ONEX Check Workspace: 19 files, no problems in 0.8 s.');
    assert.equal(checkWorkspaceMessage({ ...done, unreadable: 2 }),
      'ONEX Check Workspace: 19 files, 22 problems in 0.8 s. 2 files could not be checked (see the ONEX Forge output).');
  });

  it('a cancelled or failed Check Workspace says so, with how far it got', () => {
    assert.equal(checkWorkspaceMessage({ ...done, checked: 7, problems: 9, seconds: 0.31, cancelled: true }),
      'ONEX Check Workspace cancelled after 7 of 19 files: 9 problems so far (0.3 s).');
    assert.equal(checkWorkspaceMessage({ ...done, checked: 7, error: 'the scan worker stopped' }),
      'ONEX Check Workspace failed after 7 of 19 files: the scan worker stopped');
  });

  it('an analysis is logged with its counts, times and place', () => {
    const result = { findings: [{}, {}], syntaxErrors: 1, parseMs: 3.14, rulesMs: 8, skipped: undefined } as never;
    assert.equal(analysisLine('nodes/a/node.py', 3, result, 12.44, 'extension host'),
      'nodes/a/node.py v3: 2 problems, 1 syntax error; 12.4 ms (parse 3.1 ms, rules 8.0 ms) on the extension host');
    const skipped = { findings: [], syntaxErrors: 0, parseMs: 0, rulesMs: 0, skipped: { kind: 'too-large', message: 'Skipped: too large.' } } as never;
    assert.equal(analysisLine('big.py', undefined, skipped, 0.2, 'worker'), 'big.py: Skipped: too large; 0.2 ms (parse 0.0 ms, rules 0.0 ms) on the worker');
  });
});
