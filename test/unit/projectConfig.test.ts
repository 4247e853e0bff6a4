import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectPlanner, loadProjectConfig, validateConfigTable } from '../../src/core/projectConfig';

describe('ProjectPlanner', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'onex-planner-'));
    mkdirSync(join(root, 'pkg/legacy'), { recursive: true });
    mkdirSync(join(root, 'inner/deep'), { recursive: true });
    writeFileSync(join(root, 'pyproject.toml'), '[tool.onex-forge]\nrules = { ONEX010 = "off" }\nexclude = ["pkg/legacy/", "*_gen.py"]\n');
    writeFileSync(join(root, 'inner/onex-forge.json'), JSON.stringify({ rules: { ONEX011: 'error' } }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('answers as loadProjectConfig for every file, nearest configuration first', () => {
    const planner = new ProjectPlanner();
    for (const file of ['a.py', 'pkg/b.py', 'pkg/legacy/c.py', 'inner/d.py', 'inner/deep/e.ts']) {
      const path = join(root, file);
      assert.deepEqual(planner.projectFor(path), loadProjectConfig(path), file);
    }
    assert.deepEqual(planner.projectFor(join(root, 'inner/deep/e.ts')).config.rules, { ONEX011: 'error' });
    assert.equal(planner.projectFor(join(root, 'a.py')), planner.projectFor(join(root, 'pkg/b.py')), 'one project, one object');
  });

  it('applies the exclude list relative to the project root, not to other projects', () => {
    const planner = new ProjectPlanner();
    const excluded = (file: string) => planner.isExcluded(join(root, file), planner.projectFor(join(root, file)));
    assert.deepEqual(['a.py', 'pkg/legacy/c.py', 'pkg/x_gen.py', 'pkg/b.py', 'inner/deep/y_gen.py'].map(excluded), [false, true, true, false, false]);
  });

  it('looks a folder up once per run: a configuration written later is seen by the next run', () => {
    const planner = new ProjectPlanner();
    const file = join(root, 'pkg/b.py');
    assert.deepEqual(planner.projectFor(file).config.rules, { ONEX010: 'off' });
    writeFileSync(join(root, 'pkg/onex-forge.json'), JSON.stringify({ rules: { ONEX001: 'off' } }));
    assert.deepEqual(planner.projectFor(file).config.rules, { ONEX010: 'off' }, 'the same run keeps its answer');
    assert.deepEqual(new ProjectPlanner().projectFor(file).config.rules, { ONEX001: 'off' });
  });

  it('uses the --config file for every file when given one', () => {
    const override = join(root, 'inner/onex-forge.json');
    const planner = new ProjectPlanner(override);
    assert.deepEqual(planner.projectFor(join(root, 'a.py')).config.rules, { ONEX011: 'error' });
    assert.equal(planner.isExcluded(join(root, 'pkg/legacy/c.py'), planner.projectFor(join(root, 'pkg/legacy/c.py'))), false);
  });
});

describe('project configuration: the scaffold\'s copyright-holder', () => {
  it('is accepted (and ignored by the checks) as a non-empty string, and refused otherwise', () => {
    assert.deepEqual(validateConfigTable({ 'copyright-holder': 'Acme Labs', rules: { ONEX001: 'off' } }, 'pyproject.toml'),
      { config: { rules: { ONEX001: 'off' } }, exclude: [] });
    assert.throws(() => validateConfigTable({ 'copyright-holder': 3 }, 'pyproject.toml'), /"copyright-holder" must be a non-empty string/);
    assert.throws(() => validateConfigTable({ 'copyright-owner': 'x' }, 'pyproject.toml'), /is not a known setting \(known: .*copyright-holder\)/);
  });
});
