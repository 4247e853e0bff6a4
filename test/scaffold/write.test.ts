// writeScaffold: writes every planned file, never overwrites (refuses naming the existing path and
// writes nothing), applies a plan's edits of existing files (the pyproject's entry point) only to the
// text they were planned on, and leaves nothing behind (and every edited file as it was) when a write
// fails part-way.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  planScaffold, ScaffoldError, targetPath, writeScaffold, type ScaffoldFileSystem, type ScaffoldPlan,
} from '../../src/core/scaffold';

// The writer does not depend on the target: the bridge era's plans have both layouts.
function plan(layout: 'flat' | 'versioned' = 'flat', name = 'payment_gateway'): ScaffoldPlan {
  return planScaffold({ kind: 'effect', name, language: 'python', layout, frameworkTarget: 'bridge' });
}

const PYPROJECT = '# the project\n[project]\nname = "acme"  # kept\n';

/** Today's plan of a node in a project whose pyproject.toml has `text`: files plus one edit. */
function projectPlan(text = PYPROJECT): ScaffoldPlan {
  return planScaffold({
    kind: 'compute', name: 'scorer', language: 'python', layout: 'flat', frameworkTarget: 'current',
    placement: { folderName: 'nodes', project: { pyproject: text, folderFromProject: 'src/acme/nodes' }, year: 2026 },
  });
}

/** Every file and folder under dir, relative, sorted. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      out.push(relative(dir, full).split('\\').join('/') + (entry.isDirectory() ? '/' : ''));
      if (entry.isDirectory()) visit(full);
    }
  };
  visit(dir);
  return out.sort();
}

describe('scaffold: writeScaffold', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'onex-write-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  for (const layout of ['flat', 'versioned'] as const) {
    it(`writes every file of the ${layout} layout with the planned content`, async () => {
      const p = plan(layout);
      const written = await writeScaffold(tmp, p);
      assert.deepEqual(written, p.files.map((f) => join(tmp, ...f.path.split('/'))));
      for (const file of p.files) assert.equal(readFileSync(join(tmp, file.path), 'utf8'), file.content);
      assert.ok(statSync(join(tmp, p.root)).isDirectory());
    });
  }

  it('creates a missing parent folder (and the folders above it)', async () => {
    const parent = join(tmp, 'src', 'nodes');
    await writeScaffold(parent, plan());
    assert.ok(existsSync(join(parent, 'payment_gateway', 'node.py')));
  });

  it('refuses when the node folder exists, naming it, and writes nothing', async () => {
    mkdirSync(join(tmp, 'payment_gateway'));
    const before = tree(tmp);
    await assert.rejects(writeScaffold(tmp, plan()), (e: unknown) => {
      assert.ok(e instanceof ScaffoldError);
      assert.match(e.message, new RegExp(`${join(tmp, 'payment_gateway').replace(/[\\/.]/g, '\\$&')} already exists; nothing was written`));
      return true;
    });
    assert.deepEqual(tree(tmp), before);
  });

  it('refuses when any single file exists (versioned: <name>/__init__.py), and writes nothing', async () => {
    mkdirSync(join(tmp, 'payment_gateway'));
    writeFileSync(join(tmp, 'payment_gateway', '__init__.py'), '# mine\n');
    const before = tree(tmp);
    await assert.rejects(writeScaffold(tmp, plan('versioned')), /payment_gateway[\\/]__init__\.py already exists/);
    assert.deepEqual(tree(tmp), before);
    assert.equal(readFileSync(join(tmp, 'payment_gateway', '__init__.py'), 'utf8'), '# mine\n');
  });

  it('writes a versioned node beside an existing folder of the same name when nothing collides', async () => {
    mkdirSync(join(tmp, 'payment_gateway'));
    writeFileSync(join(tmp, 'payment_gateway', 'README.md'), 'notes\n');
    await writeScaffold(tmp, plan('versioned'));
    assert.ok(existsSync(join(tmp, 'payment_gateway', 'v1_0_0', 'node.py')));
    assert.equal(readFileSync(join(tmp, 'payment_gateway', 'README.md'), 'utf8'), 'notes\n');
  });

  it('applies the plan\'s edit of the pyproject after writing the files, keeping the rest of its text', async () => {
    writeFileSync(join(tmp, 'pyproject.toml'), PYPROJECT);
    const p = projectPlan();
    assert.equal(p.base, 'project');
    assert.equal(p.edits?.length, 1);
    const written = await writeScaffold(tmp, p);
    assert.equal(written.length, p.files.length);
    assert.equal(readFileSync(join(tmp, 'pyproject.toml'), 'utf8'),
      `${PYPROJECT}\n[project.entry-points."onex.nodes"]\nscorer = "acme.nodes.scorer"\n`);
    assert.ok(existsSync(join(tmp, 'src', 'acme', 'nodes', 'scorer', 'node.py')));
    assert.ok(existsSync(join(tmp, 'tests', 'unit', 'nodes', 'scorer', 'test_scorer_handler.py')));
  });

  it('refuses, writing nothing, when the edited file changed since the plan', async () => {
    writeFileSync(join(tmp, 'pyproject.toml'), PYPROJECT);
    const p = projectPlan();
    writeFileSync(join(tmp, 'pyproject.toml'), `${PYPROJECT}# edited meanwhile\n`);
    const before = tree(tmp);
    await assert.rejects(writeScaffold(tmp, p), /pyproject\.toml changed since the node was planned; nothing was written/);
    assert.deepEqual(tree(tmp), before);
    assert.equal(readFileSync(join(tmp, 'pyproject.toml'), 'utf8'), `${PYPROJECT}# edited meanwhile\n`);
  });

  it('restores the edited file and removes the new ones when the edit fails', async () => {
    writeFileSync(join(tmp, 'pyproject.toml'), PYPROJECT);
    const failing: ScaffoldFileSystem = {
      mkdir: async (path) => mkdirSync(path),
      writeNewFile: async (path, content) => writeFile(path, content, { flag: 'wx' }),
      replaceFile: async (path, content) => {
        if (content !== PYPROJECT) {
          await writeFile(path, content.slice(0, 10)); // a torn write
          throw new Error('read-only file system');
        }
        await writeFile(path, content);
      },
    };
    await assert.rejects(writeScaffold(tmp, projectPlan(), failing), (e: unknown) => {
      assert.ok(e instanceof ScaffoldError);
      assert.match(e.message, /read-only file system.*removed again and the edited files have their text back/);
      return true;
    });
    assert.deepEqual(tree(tmp), ['pyproject.toml']);
    assert.equal(readFileSync(join(tmp, 'pyproject.toml'), 'utf8'), PYPROJECT);
  });

  it('rejects bad names before touching the disk', async () => {
    assert.throws(() => plan('flat', 'Payment-Gateway'), ScaffoldError);
    assert.deepEqual(tree(tmp), []);
  });

  it('refuses planned paths that would escape the parent folder', async () => {
    const evil: ScaffoldPlan = { root: 'node', mainFile: 'node/x.py', files: [{ path: '../outside.py', content: '' }] };
    await assert.rejects(writeScaffold(tmp, evil), /Refusing to write outside/);
    assert.ok(!existsSync(join(tmp, '..', 'outside.py')));
    assert.throws(() => targetPath(tmp, ''), /Refusing to write outside/);
  });

  it('leaves nothing behind when a write fails part-way (injected failure)', async () => {
    const parent = join(tmp, 'deep', 'parent');
    let writes = 0;
    const failing: ScaffoldFileSystem = {
      mkdir: async (path) => mkdirSync(path),
      writeNewFile: async (path, content) => {
        if (++writes === 5) throw new Error('disk full');
        await writeFile(path, content, { flag: 'wx' });
      },
    };
    await assert.rejects(writeScaffold(parent, plan('versioned'), failing), (e: unknown) => {
      assert.ok(e instanceof ScaffoldError);
      assert.match(e.message, /disk full.*everything created was removed again/);
      return true;
    });
    assert.equal(writes, 5, 'four files were written before the failure');
    assert.deepEqual(tree(tmp), [], 'the files and every folder it created (deep/parent too) are gone');
  });

  it('leaves nothing behind when the file system refuses part-way (a file where a folder must go)', async () => {
    // The second file needs a folder where the first file was written: mkdir fails with EEXIST/ENOTDIR.
    const clash: ScaffoldPlan = {
      root: 'node',
      mainFile: 'node/a.py',
      files: [
        { path: 'node/a.py', content: 'a = 1\n' },
        { path: 'node/models', content: 'not a folder\n' },
        { path: 'node/models/b.py', content: 'b = 2\n' },
      ],
    };
    mkdirSync(join(tmp, 'keep'));
    await assert.rejects(writeScaffold(tmp, clash), /everything created was removed again/);
    assert.deepEqual(tree(tmp), ['keep/'], 'only what existed before is left');
  });
});
