import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitIgnore } from '../../src/core/gitignore';

describe('gitignore', () => {
  it('applies .gitignore files from the repository root down, also when walking a subfolder', () => {
    const repo = mkdtempSync(join(tmpdir(), 'onex-git-'));
    after(() => rmSync(repo, { recursive: true, force: true }));
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'pkg/gen'), { recursive: true });
    writeFileSync(join(repo, '.gitignore'), 'pkg/.scratch/\n*.generated.py\n');
    writeFileSync(join(repo, 'pkg/.gitignore'), 'gen/\n');
    const git = new GitIgnore(join(repo, 'pkg'));
    assert.ok(git.ignores(join(repo, 'pkg/.scratch/a.py')));
    assert.ok(git.ignores(join(repo, 'pkg/x.generated.py')));
    assert.ok(git.ignores(join(repo, 'pkg/gen'), true));
    assert.ok(git.ignores(join(repo, 'pkg/gen/b.py')));
    assert.ok(!git.ignores(join(repo, 'pkg/node.py')));
    assert.ok(!git.ignores(join(repo, 'gen/b.py')), 'pkg/.gitignore must not apply outside pkg/');
  });
});
