// What the extension tells the user when a command ends (src/extension/messages.ts, no vscode):
// Check Workspace's counts, cancellation and failure.
import { strict as assert } from 'node:assert';
import { checkWorkspaceMessage } from '../../src/extension/messages';

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
});
