// The TypeScript scaffold: the plan's files, a clean analysis of everything it generates, and — with
// the real kafkajs and consul packages — `tsc --strict` on the node, its runtime module and its test,
// and a mocha run of the generated test against its in-memory Kafka and Consul fakes.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { analyzeText } from '../../src/core/engine';
import { planScaffold } from '../../src/core/scaffold';
import { NODE_KINDS, type NodeKind, type ScaffoldOptions, type ScaffoldPlan } from '../../src/core/scaffold/naming';
import { planTypeScriptScaffold } from '../../src/core/scaffold/typescript';

const REPO = join(__dirname, '..', '..');

function options(kind: NodeKind, target: 'current' | 'bridge', runtimeResolves: boolean): ScaffoldOptions {
  return {
    kind, name: 'payment_gateway', language: 'typescript', layout: target === 'bridge' ? 'versioned' : 'flat',
    frameworkTarget: target, runtimeModule: '@omninode/onex-runtime', runtimeResolves,
  };
}

const VARIANTS = NODE_KINDS.flatMap((kind) => (['current', 'bridge'] as const).map((target) => ({ kind, target })));

/** A node_modules with kafkajs and consul (the repository's, or ONEX_FORGE_SCAFFOLD_DEPS for a local check). */
function dependencies(): string {
  const candidates = [process.env.ONEX_FORGE_SCAFFOLD_DEPS, join(REPO, 'node_modules')].filter((c): c is string => !!c);
  const found = candidates.find((c) => ['kafkajs', 'consul', 'mocha', 'tsx', '@types/node', '@types/mocha']
    .every((p) => existsSync(join(c, p, 'package.json'))));
  assert.ok(found, 'the scaffold check needs kafkajs@2.2.4 and consul@2.0.1 installed (devDependencies of this repository)');
  return found;
}

function write(dir: string, plan: ScaffoldPlan): void {
  for (const file of plan.files) {
    const path = join(dir, ...file.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
  }
}

const STRICT: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node', 'mocha'],
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
};

function typeCheck(dir: string, roots: string[], extra: ts.CompilerOptions = {}): string[] {
  const program = ts.createProgram({ rootNames: roots, options: { ...STRICT, ...extra, typeRoots: [join(dir, 'node_modules', '@types')] } });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file?.fileName ?? ''}:${pos ? pos.line + 1 : 0} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('TypeScript scaffold', function () {
  this.timeout(600_000);

  it('plans the node, its models, index, contract, test and (when needed) the runtime module', () => {
    const flat = planTypeScriptScaffold(options('effect', 'current', false));
    assert.equal(flat.root, 'payment_gateway');
    assert.equal(flat.mainFile, 'payment_gateway/node.ts');
    assert.deepEqual(flat.files.map((f) => f.path).sort(), [
      'payment_gateway/contract.yaml', 'payment_gateway/index.ts', 'payment_gateway/models.ts', 'payment_gateway/node.ts',
      'payment_gateway/onex-runtime.ts', 'payment_gateway/tests/node.test.ts',
    ]);
    const node = flat.files.find((f) => f.path.endsWith('node.ts'))!.content;
    assert.match(node, /from '\.\/onex-runtime';/);
    assert.match(node, /export class NodePaymentGatewayEffect extends NodeEffect/);
    assert.match(node, /async process\(input: ModelPaymentGatewayInput\)/);
    const runtime = flat.files.find((f) => f.path.endsWith('onex-runtime.ts'))!.content;
    assert.match(runtime, /from 'kafkajs'/);
    assert.match(runtime, /import Consul from 'consul'/);
    assert.match(runtime, /NETWORK_ERROR = 'NETWORK_ERROR'/);
    assert.doesNotMatch(runtime, /^\s*CONNECTION_ERROR = /m);

    const resolved = planTypeScriptScaffold(options('reducer', 'bridge', true));
    assert.equal(resolved.root, 'payment_gateway/v1_0_0');
    assert.ok(!resolved.files.some((f) => f.path.endsWith('onex-runtime.ts')));
    const reducer = resolved.files.find((f) => f.path.endsWith('/node.ts'))!.content;
    assert.match(reducer, /from '@omninode\/onex-runtime';/);
    assert.match(reducer, /async executeReduction\(/);
    const test = resolved.files.find((f) => f.path.endsWith('node.test.ts'))!.content;
    assert.match(test, /from '@omninode\/onex-runtime';/);
  });

  it('is reachable through planScaffold with language typescript', () => {
    const plan = planScaffold(options('compute', 'current', false));
    assert.ok(plan.files.some((f) => f.path === 'payment_gateway/node.ts' && f.content.includes('NodePaymentGatewayCompute')));
  });

  it('generates code every TypeScript rule is silent on', async () => {
    for (const { kind, target } of VARIANTS) {
      for (const file of planTypeScriptScaffold(options(kind, target, false)).files.filter((f) => f.path.endsWith('.ts'))) {
        const result = await analyzeText(file.content, { language: 'typescript', fileName: `/ws/${file.path}` });
        assert.equal(result.syntaxErrors, 0, `${kind}/${target} ${file.path}`);
        assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.range.start.line + 1} ${f.message}`), [], `${kind}/${target} ${file.path}`);
      }
    }
  });

  describe('with kafkajs and consul installed', () => {
    let dir = '';
    let deps = '';

    before(() => {
      deps = dependencies();
      dir = mkdtempSync(join(tmpdir(), 'onex-ts-scaffold-'));
      symlinkSync(deps, join(dir, 'node_modules'), 'dir');
      for (const { kind, target } of VARIANTS) write(join(dir, `${kind}-${target}`), planTypeScriptScaffold(options(kind, target, false)));
      // A runtime module that resolves: the node imports it by its package name.
      write(join(dir, 'resolved'), planTypeScriptScaffold(options('orchestrator', 'current', true)));
      writeFileSync(join(dir, 'runtime.ts'), planTypeScriptScaffold(options('effect', 'current', false)).files.find((f) => f.path.endsWith('onex-runtime.ts'))!.content);
    });

    after(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('the node, its runtime module and its test type-check with tsc --strict (and stricter flags)', () => {
      const roots = VARIANTS.flatMap(({ kind, target }) => planTypeScriptScaffold(options(kind, target, false)).files
        .filter((f) => f.path.endsWith('.ts')).map((f) => join(dir, `${kind}-${target}`, ...f.path.split('/'))));
      assert.deepEqual(typeCheck(dir, roots), []);
    });

    it('a node whose runtime module resolves imports it by name and type-checks against it', () => {
      const roots = planTypeScriptScaffold(options('orchestrator', 'current', true)).files
        .filter((f) => f.path.endsWith('.ts')).map((f) => join(dir, 'resolved', ...f.path.split('/')));
      assert.deepEqual(typeCheck(dir, roots, { baseUrl: dir, paths: { '@omninode/onex-runtime': ['runtime.ts'] } }), []);
    });

    it('the generated tests pass under mocha against in-memory Kafka and Consul', () => {
      const out = execFileSync(process.execPath, [
        join(deps, 'mocha', 'bin', 'mocha.js'), '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '20000',
        '--reporter', 'dot', '*-*/**/tests/*.test.ts',
      ], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      const passing = /(\d+) passing/.exec(out);
      assert.ok(passing, out);
      assert.equal(Number(passing[1]), VARIANTS.length * 7, out);
      assert.doesNotMatch(out, /failing/);
    });
  });
});
