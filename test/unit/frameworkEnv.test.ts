// The framework environments the tests run Python in hold the real packages at the pinned versions
// (scripts/python-env/today.txt, bridge.txt), importable, and nothing of ours shadows them.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frameworkAvailable, frameworkState, runFramework } from '../helpers/framework';

const PROBE = `
import importlib.metadata as md, json, sys
import omnibase_core
names = sys.argv[1:]
print(json.dumps({"python": list(sys.version_info[:2]), "core_file": omnibase_core.__file__,
                  "versions": {n: md.version(n) for n in names}}))
`;

function pinned(file: string): Map<string, string> {
  const pins = new Map<string, string>();
  for (const line of readFileSync(join(__dirname, '..', '..', 'scripts', 'python-env', file), 'utf8').split('\n')) {
    const m = /^([A-Za-z0-9_.-]+)==(\S+)$/.exec(line.trim());
    if (m) pins.set(m[1].toLowerCase().replace(/_/g, '-'), m[2]);
  }
  return pins;
}

describe('framework environments: the real omnibase-core, at the pinned versions', function () {
  this.timeout(120_000);

  it('today: omnibase-core 0.46.8, omnibase-infra, omnibase-spi and the test tools as today.txt pins them, on Python 3.12+', () => {
    frameworkAvailable('today');
    const pins = pinned('today.txt');
    const names = ['omnibase-core', 'omnibase-infra', 'omnibase-spi', 'pydantic', 'pytest', 'mypy', 'ruff'];
    const run = runFramework('today', ['python', '-W', 'ignore', '-c', PROBE, ...names]);
    assert.equal(run.status, 0, run.stderr);
    const probe = JSON.parse(run.stdout) as { python: number[]; core_file: string; versions: Record<string, string> };
    assert.ok(probe.python[0] === 3 && probe.python[1] >= 12, `Python ${probe.python.join('.')}`);
    assert.equal(probe.versions['omnibase-core'], '0.46.8');
    for (const name of names) assert.equal(probe.versions[name], pins.get(name), name);
    assert.ok(probe.core_file.startsWith(frameworkState().today.venv), `omnibase_core comes from ${probe.core_file}`);
  });

  it('bridge: omnibase_core 0.1.0 and omnibase_spi 0.1.0 from their sources, pydantic and pytest as bridge.txt pins them', () => {
    frameworkAvailable('bridge');
    const pins = pinned('bridge.txt');
    const run = runFramework('bridge', ['python', '-c', PROBE, 'omnibase_core', 'omnibase_spi', 'pydantic', 'pytest']);
    assert.equal(run.status, 0, run.stderr);
    const probe = JSON.parse(run.stdout) as { core_file: string; versions: Record<string, string> };
    assert.equal(probe.versions.omnibase_core, '0.1.0');
    assert.equal(probe.versions.omnibase_spi, '0.1.0');
    assert.equal(probe.versions.pydantic, pins.get('pydantic'));
    assert.equal(probe.versions.pytest, pins.get('pytest'));
    assert.ok(probe.core_file.startsWith(frameworkState().bridge.venv), `omnibase_core comes from ${probe.core_file}`);
  });

  it('paths under the repository and /tmp mean the same inside the environment', () => {
    const here = join(__dirname, '..', '..');
    const run = runFramework('today', ['python', '-c', 'import os, sys; print(os.getcwd()); print(open(sys.argv[1]).readline().strip())', join(here, 'package.json')], { cwd: here });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trim().split('\n'), [here, '{']);
  });
});
