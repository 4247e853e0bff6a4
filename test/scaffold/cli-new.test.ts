// `onex-forge new` (runNew, called directly): exit 0 with the files written; exit 2 with a message
// on a bad name or kind, a missing flag, or an existing target.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

  it('writes a flat Python node by default and lists the files (exit 0)', async () => {
    const r = await run(['--kind', 'effect', '--name', 'payment_gateway', '--out', tmp]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /Created NodePaymentGatewayEffect \(python effect node, flat layout, current framework\)/);
    assert.match(r.stdout, /^ {2}payment_gateway\/node\.py$/m);
    assert.match(r.stdout, /^ {2}payment_gateway\/tests\/test_node\.py$/m);
    assert.ok(existsSync(join(tmp, 'payment_gateway', 'node.py')));
    assert.ok(existsSync(join(tmp, 'payment_gateway', 'contract.yaml')));
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
    ['a bad target', ['--kind', 'effect', '--name', 'payment_gateway', '--out', '.', '--target', 'next'], /--target must be one of current, bridge/],
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
    const r = await run(['--kind', 'reducer', '--name', 'totals', '--out', tmp, '--layout', 'versioned']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already exists/);
    assert.deepEqual(readdirSync(join(tmp, 'totals')).sort(), before);
  });
});
