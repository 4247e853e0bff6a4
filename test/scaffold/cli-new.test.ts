// `onex-forge new` (runNew, called directly): exit 0 with the files written; exit 2 with a message
// on a bad name or kind, a missing flag, or an existing target.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNew } from '../../src/cli/commands/new';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd?: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const code = await runNew(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, cwd });
  return { code, stdout, stderr };
}

describe('scaffold: onex-forge new', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'onex-new-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes today\'s Python node by default and lists the files; with no project, says where the tests went (exit 0)', async () => {
    const r = await run(['--kind', 'effect', '--name', 'payment_gateway', '--out', tmp]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /Created NodePaymentGatewayEffect \(python effect node, flat layout, current framework\)/);
    assert.match(r.stdout, /^ {2}payment_gateway\/node\.py$/m);
    assert.match(r.stdout, /^ {2}payment_gateway\/handlers\/handler_payment_gateway\.py$/m);
    assert.match(r.stdout, /^ {2}payment_gateway\/tests\/test_payment_gateway_handler\.py$/m);
    assert.match(r.stdout, /^No pyproject\.toml at or above the folder: the tests are in payment_gateway\/tests\//m);
    assert.match(r.stdout, /Open .*handler_payment_gateway\.py to start/);
    assert.ok(existsSync(join(tmp, 'payment_gateway', 'node.py')));
    assert.ok(existsSync(join(tmp, 'payment_gateway', 'contract.yaml')));
  });

  describe('--target auto (the default): the era of the project', () => {
    it('a project pinning omnibase-core 0.1.0 gets a bridge-era node, and the output says why', async () => {
      writeFileSync(join(tmp, 'pyproject.toml'), '[project]\nname = "legacy"\ndependencies = ["omnibase-core==0.1.0"]\n');
      const r = await run(['--kind', 'effect', '--name', 'ledger', '--out', join(tmp, 'nodes')]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /bridge framework\)/);
      assert.match(r.stdout, /^Era: bridge era \(omnibase_core 0\.1\.x\): the project pins omnibase-core omnibase-core==0\.1\.0 \(.*pyproject\.toml\)\.$/m);
      assert.match(readFileSync(join(tmp, 'nodes', 'ledger', 'node.py'), 'utf8'), /^from omnibase_core\.logging\.structured import/m);
    });
    it('a project locked to today\'s omnibase-core (uv.lock wins over pyproject.toml) gets today\'s package', async () => {
      writeFileSync(join(tmp, 'pyproject.toml'), '[project]\nname = "acme"\ndependencies = ["omnibase-core>=0.1"]\n');
      writeFileSync(join(tmp, 'uv.lock'), '[[package]]\nname = "omnibase-core"\nversion = "0.46.8"\n');
      const r = await run(['--kind', 'compute', '--name', 'scorer', '--out', tmp]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /current framework\)/);
      assert.match(r.stdout, /^Era: today's framework \(omnibase_core 0\.4x\): the project pins omnibase-core 0\.46\.8 \(locked\)/m);
      assert.ok(existsSync(join(tmp, 'scorer', 'handlers', 'handler_scorer.py')));
    });
    it('the project configuration\'s framework-target decides before the pin; --target decides before both', async () => {
      writeFileSync(join(tmp, 'pyproject.toml'), '[project]\nname = "acme"\ndependencies = ["omnibase-core==0.46.8"]\n[tool.onex-forge]\nframework-target = "bridge"\n');
      const chosen = await run(['--kind', 'reducer', '--name', 'tally', '--out', join(tmp, 'a')]);
      assert.equal(chosen.code, 0, chosen.stderr);
      assert.match(chosen.stdout, /^Era: bridge era .*: set by framework-target in .*pyproject\.toml\.$/m);
      const explicit = await run(['--kind', 'reducer', '--name', 'tally', '--out', join(tmp, 'b'), '--target', 'current']);
      assert.equal(explicit.code, 0, explicit.stderr);
      assert.match(explicit.stdout, /^Era: today's framework .*: set by --target current\.$/m);
    });
    it('with no project, today\'s; the versioned layout is then refused (exit 2, nothing written)', async () => {
      const r = await run(['--kind', 'effect', '--name', 'ledger', '--out', tmp, '--layout', 'versioned']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /versioned layout .* belongs to the bridge era/);
      assert.deepEqual(readdirSync(tmp), []);
    });
  });

  it('in a project: writes beside its pyproject.toml, adds the entry point and prints the change', async () => {
    const pyproject = '[project]\nname = "acme"  # ours\n';
    mkdirSync(join(tmp, 'src', 'acme'), { recursive: true });
    writeFileSync(join(tmp, 'pyproject.toml'), pyproject);
    const r = await run(['--kind', 'compute', '--name', 'scorer', '--out', 'src/acme/nodes'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Created NodeScorerCompute \\(python compute node, flat layout, current framework\\) in ${tmp.replace(/[\\/.]/g, '\\$&')}:$`, 'm'));
    assert.match(r.stdout, /^ {2}src\/acme\/nodes\/scorer\/node\.py$/m);
    assert.match(r.stdout, /^ {2}tests\/unit\/nodes\/scorer\/test_scorer_wiring\.py$/m);
    assert.match(r.stdout, /^Changed .*pyproject\.toml: registered scorer as an onex\.nodes entry point \(scorer = "acme\.nodes\.scorer"\)$/m);
    assert.equal(readFileSync(join(tmp, 'pyproject.toml'), 'utf8'), `${pyproject}\n[project.entry-points."onex.nodes"]\nscorer = "acme.nodes.scorer"\n`);
    assert.ok(existsSync(join(tmp, 'tests', 'unit', 'nodes', 'scorer', 'test_scorer_handler.py')));
  });

  it('--dry-run in a project lists the files and the change, and writes nothing', async () => {
    writeFileSync(join(tmp, 'pyproject.toml'), '[project]\nname = "acme"\n');
    const r = await run(['--kind', 'reducer', '--name', 'totals', '--out', tmp, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Would change .*pyproject\.toml: registered totals as an onex\.nodes entry point/m);
    assert.deepEqual(readdirSync(tmp), ['pyproject.toml']);
    assert.equal(readFileSync(join(tmp, 'pyproject.toml'), 'utf8'), '[project]\nname = "acme"\n');
  });

  it('refuses the versioned layout for today\'s target (exit 2), writing nothing', async () => {
    const r = await run(['--kind', 'effect', '--name', 'payment_gateway', '--out', tmp, '--layout', 'versioned']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^onex-forge new: The versioned layout \(<name>\/v1_0_0\/\) belongs to the bridge era/);
    assert.deepEqual(readdirSync(tmp), []);
  });

  it('takes --layout versioned, --target bridge and --flag=value forms', async () => {
    const r = await run(['--kind=orchestrator', '--name=codegen', '--out=nodes', '--layout', 'versioned', '--target', 'bridge'], tmp);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(existsSync(join(tmp, 'nodes', 'codegen', 'v1_0_0', 'node.py')), 'relative --out resolves against the cwd');
    assert.match(r.stdout, /NodeCodegenOrchestrator \(python orchestrator node, versioned layout, bridge framework\)/);
  });

  it('--dry-run lists the files and writes nothing', async () => {
    const r = await run(['--kind', 'compute', '--name', 'scorer', '--out', tmp, '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Would create NodeScorerCompute .*nothing written/);
    assert.deepEqual(readdirSync(tmp), []);
  });

  it('--help prints the usage (exit 0)', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--kind effect\|compute\|reducer\|orchestrator --name NAME --out DIR/);
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['a bad name', ['--kind', 'effect', '--name', 'Payment-Gateway', '--out', '.'], /--name: .*upper-case.*snake_case/],
    ['a Python keyword', ['--kind', 'effect', '--name', 'import', '--out', '.'], /Python keyword/],
    ['a bad kind', ['--kind', 'gateway', '--name', 'payment_gateway', '--out', '.'], /--kind must be one of effect, compute, reducer, orchestrator \(got "gateway"\)/],
    ['a bad layout', ['--kind', 'effect', '--name', 'payment_gateway', '--out', '.', '--layout', 'nested'], /--layout must be one of flat, versioned/],
    ['a bad target', ['--kind', 'effect', '--name', 'payment_gateway', '--out', '.', '--target', 'next'], /--target must be one of auto, current, bridge/],
    ['a missing --kind', ['--name', 'payment_gateway', '--out', '.'], /--kind is required/],
    ['a missing --name', ['--kind', 'effect', '--out', '.'], /--name is required/],
    ['a missing --out', ['--kind', 'effect', '--name', 'payment_gateway'], /--out is required/],
    ['a flag without its value', ['--kind', 'effect', '--name', '--out', '.'], /--name needs a value/],
    ['an unknown flag', ['--kind', 'effect', '--name', 'x', '--out', '.', '--force'], /unknown option --force/],
    ['a stray argument', ['effect', '--name', 'x', '--out', '.'], /unexpected argument "effect"/],
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 with a message on ${what}, writing nothing`, async () => {
      const r = await run(args, tmp);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^onex-forge new: /);
      assert.deepEqual(readdirSync(tmp), []);
    });
  }

  it('exits 2 naming the existing target, and writes nothing', async () => {
    mkdirSync(join(tmp, 'payment_gateway'));
    const r = await run(['--kind', 'effect', '--name', 'payment_gateway', '--out', tmp]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /payment_gateway already exists; nothing was written/);
    assert.deepEqual(readdirSync(join(tmp, 'payment_gateway')), []);
  });

  it('a second run over the first one is refused and leaves the first intact', async () => {
    assert.equal((await run(['--kind', 'reducer', '--name', 'totals', '--out', tmp])).code, 0);
    const before = readdirSync(join(tmp, 'totals')).sort();
    const r = await run(['--kind', 'compute', '--name', 'totals', '--out', tmp]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already exists/);
    assert.deepEqual(readdirSync(join(tmp, 'totals')).sort(), before);
  });
});
