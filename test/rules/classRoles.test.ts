// Class roles (rules.md, "Where rules look"): production nodes, declarative nodes, test doubles, bases,
// today's handlers, and the concerns bases and mixins provide — and the class-level rules following them.
import { strict as assert } from 'node:assert';
import { analyzeText, resolveConfig } from '../../src/core/engine';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { buildPyFile, type PyFile } from '../../src/core/python/model';
import { classRoles, type ClassRole, type Concern } from '../../src/core/rules/classRoles';
import type { EngineConfig } from '../../src/core/types';
import { dedent, findingsOf } from '../helpers/ruleTester';

async function model(code: string, fileName = '/proj/src/acme/nodes/node_x/node.py', config: Partial<EngineConfig> = {}): Promise<PyFile> {
  const parser = await getPythonParser();
  const text = dedent(code);
  return buildPyFile(text, parsePython(parser, text), resolveConfig({ projectRoot: '/proj', ...config }), undefined, fileName);
}

async function rolesOf(code: string, fileName?: string, config?: Partial<EngineConfig>): Promise<Record<string, ClassRole>> {
  const file = await model(code, fileName, config);
  return Object.fromEntries([...classRoles(file)].map(([cls, info]) => [cls.name, info.role]));
}

async function provided(code: string, className: string): Promise<Concern[]> {
  const file = await model(code);
  const cls = file.classesByName.get(className)!;
  return [...classRoles(file).get(cls)!.provides].sort();
}

describe('class roles', () => {
  it('a class with no base is never a node class, whatever its name: a def-B handler', async () => {
    assert.deepEqual(await rolesOf(`
      class NodeNoUtcnowCheckCompute:
          def __init__(self, container) -> None:
              self._container = container

          async def handle(self, request):
              return request
    `), { NodeNoUtcnowCheckCompute: 'handler' });
  });

  it('a node class named Node…Kind needs at least one base', async () => {
    assert.deepEqual(await rolesOf(`
      class NodeLedgerEffect(SomethingOfOurs):
          async def execute_effect(self, contract):
              return contract
      class NodeReportCompute:
          pass
    `), { NodeLedgerEffect: 'production-node', NodeReportCompute: 'other' });
  });

  it('test doubles: by name, and every node class of a test file (conftest.py, test_*.py, a tests/ folder of the project)', async () => {
    const code = `
      class ComputeNodeForTesting(NodeCompute):
          def compute(self):
              return 1
      class FakeLedgerEffect(NodeEffect):
          def write(self):
              return 1
      class NodeLedgerEffect(NodeEffect):
          def write(self):
              return 1
    `;
    assert.deepEqual(await rolesOf(code), { ComputeNodeForTesting: 'test-double', FakeLedgerEffect: 'test-double', NodeLedgerEffect: 'production-node' });
    for (const fileName of ['/proj/tests/conftest.py', '/proj/src/acme/test_node.py', '/proj/tests/unit/nodes/helpers.py', 'conftest.py']) {
      assert.equal((await rolesOf(code, fileName)).NodeLedgerEffect, 'test-double', fileName);
    }
    // A folder named test above the project folder is not a tests folder of the project.
    assert.equal((await rolesOf(code, '/home/test/proj/src/node.py', { projectRoot: '/home/test/proj' })).NodeLedgerEffect, 'production-node');
    // The patterns are a project setting.
    assert.equal((await rolesOf(code, '/proj/checks/node.py', { testFiles: ['checks/'] })).NodeLedgerEffect, 'test-double');
  });

  it('bases: a class another class of the file derives from, and the framework\'s own compositions', async () => {
    assert.deepEqual(await rolesOf(`
      class CompanyEffectBase(NodeEffect):
          async def startup(self):
              pass
      class NodePaymentEffect(CompanyEffectBase):
          async def charge(self):
              pass
      class TestableNodePaymentEffect(NodePaymentEffect):
          pass
      class ModelServiceEffect(MixinNodeService, NodeEffect, MixinMetrics):
          def __init__(self, container):
              super().__init__(container)
              self.x = 1
    `), {
      CompanyEffectBase: 'base',
      // Only a test double derives from it: still a production node.
      NodePaymentEffect: 'production-node',
      TestableNodePaymentEffect: 'test-double',
      ModelServiceEffect: 'base',
    });
  });

  it('declarative nodes: a docstring, class attributes and an __init__ that only calls its bases\' __init__s', async () => {
    assert.deepEqual(await rolesOf(`
      class NodeCheckpointValidateCompute(NodeCompute):
          """Declarative compute node."""

          def __init__(self, container: ModelONEXContainer) -> None:
              super().__init__(container)
      class NodeStoreEffect(NodeEffect):
          contract_path: str
          VERSION = "1.0.0"
      class NodeComposedReducer(NodeReducer, MixinMetrics):
          def __init__(self, container):
              NodeReducer.__init__(self, container)
              MixinMetrics.__init__(self)
      class NodeBusyOrchestrator(NodeOrchestrator):
          def __init__(self, container):
              super().__init__(container)
              self.client = make_client()
    `), {
      NodeCheckpointValidateCompute: 'declarative-node',
      NodeStoreEffect: 'declarative-node',
      NodeComposedReducer: 'declarative-node',
      NodeBusyOrchestrator: 'production-node',
    });
  });

  it('handlers: bound by the package\'s contract, or Handler* in a handlers/ folder', async () => {
    const code = `
      class HandlerLedgerAppend(BaseThing):
          async def append(self, x):
              return x
      class LedgerHelper(BaseThing):
          pass
    `;
    assert.deepEqual(await rolesOf(code, '/proj/src/acme/nodes/node_x/handlers/handler_ledger_append.py'), { HandlerLedgerAppend: 'handler', LedgerHelper: 'other' });
    assert.deepEqual(await rolesOf(code, '/proj/src/acme/nodes/node_x/tools.py', {
      packageFacts: { contract: '/proj/src/acme/nodes/node_x/contract.yaml', handlers: [{ name: 'LedgerHelper' }], declaredEnvironment: [], configKeys: [] },
    }), { HandlerLedgerAppend: 'other', LedgerHelper: 'handler' });
  });

  it('concerns bases and mixins provide', async () => {
    assert.deepEqual(await provided('class NodeXEffect(ModelServiceEffect):\n    pass\n', 'NodeXEffect'), ['lifecycle', 'metrics', 'registration']);
    assert.deepEqual(await provided('class NodeXEffect(NodeEffect, MixinMetrics):\n    pass\n', 'NodeXEffect'), ['metrics']);
    assert.deepEqual(await provided('class NodeXEffect(NodeEffect, MixinIntrospectionPublisher):\n    pass\n', 'NodeXEffect'), ['registration']);
    assert.deepEqual(await provided(`
      class NodeXEffect(NodeEffect):
          async def _initialize_node_resources(self):
              pass
          async def _cleanup_node_resources(self):
              pass
    `, 'NodeXEffect'), ['lifecycle']);
    // Through a base of the same file.
    assert.deepEqual(await provided('class Base(NodeEffect, MixinNodeService):\n    pass\nclass NodeXEffect(Base):\n    pass\n', 'NodeXEffect'), ['lifecycle', 'registration']);
  });
});

describe('class roles: the class-level rules judge production nodes only', () => {
  const bare = (name: string, bases: string) => `
    class ${name}(${bases}):
        def do_work(self):
            return 1
  `;
  for (const [label, code, fileName] of [
    ['a test double in conftest.py', bare('TestableNodeEffect', 'NodeEffect'), 'conftest.py'],
    ['a test double by name', bare('ComputeNodeForTesting', 'NodeCompute'), 'node.py'],
    ['a base of the same file', `${bare('AdapterBase', 'NodeEffect')}\nclass NodeXEffect(AdapterBase):\n    pass\n`, 'node.py'],
    ['a handler named like a node, without a base', 'class NodeNoUtcnowCheckCompute:\n    async def handle(self, request):\n        return request\n', 'node.py'],
  ] as const) {
    it(`ONEX002, ONEX005 and ONEX009 say nothing on ${label}`, async () => {
      const findings = (await findingsOf(dedent(code), null, 'python', undefined, fileName)).filter((f) => ['ONEX002', 'ONEX005', 'ONEX009'].includes(f.ruleId));
      assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.message}`), []);
    });
  }
  it('a composition or mixin that provides a concern silences that concern\'s rule, and only that one', async () => {
    const rules = async (code: string) => (await findingsOf(dedent(code), null)).map((f) => f.ruleId).filter((r) => ['ONEX002', 'ONEX005', 'ONEX009'].includes(r)).sort();
    assert.deepEqual(await rules(bare('NodeLedgerEffect', 'ModelServiceEffect')), []);
    assert.deepEqual(await rules(bare('NodeLedgerEffect', 'NodeEffect, MixinMetrics')), ['ONEX002', 'ONEX005']);
    assert.deepEqual(await rules(bare('NodeLedgerEffect', 'NodeEffect')), ['ONEX002', 'ONEX005', 'ONEX009']);
  });
});

describe('class roles in TypeScript (the same ids)', () => {
  const classLevel = async (code: string, fileName = '/proj/src/nodes/ledger/node.ts', config: Partial<EngineConfig> = {}) => {
    const result = await analyzeText(dedent(code), { language: 'typescript', fileName, config: { projectRoot: '/proj', ...config } });
    return result.findings.filter((f) => ['ONEX001', 'ONEX002', 'ONEX005', 'ONEX009'].includes(f.ruleId))
      .map((f) => `${f.ruleId} ${dedent(code).slice(f.span.start, f.span.end)}`).sort();
  };
  const LEDGER = `
    export abstract class LedgerNodeBase extends NodeEffect {
      protected rows: string[] = [];
    }

    export class NodeLedgerEffect extends LedgerNodeBase {
      async execute(input: unknown): Promise<unknown> {
        return input;
      }
    }

    export class FakeLedgerEffect extends NodeLedgerEffect {
      async execute(input: unknown): Promise<unknown> {
        return input;
      }
    }

    export class NodeAuditEffect {
      async handle(request: unknown): Promise<unknown> {
        return request;
      }
    }

    export class NodeReaderEffect extends NodeEffect {
      constructor(container: ModelContainer) {
        super(container);
      }
    }

    export class NodeBillingEffect extends ModelServiceEffect {
      async execute(input: unknown): Promise<unknown> {
        return input;
      }
    }
  `;

  it('only production nodes are judged: not an abstract base, a test double, a base-less class, a declarative node, or concerns a composition provides', async () => {
    // NodeLedgerEffect is a base only for a test double (which does not count): it is judged.
    assert.deepEqual(await classLevel(LEDGER), ['ONEX002 NodeLedgerEffect', 'ONEX005 NodeLedgerEffect', 'ONEX009 NodeLedgerEffect']);
  });

  it('every node class of a test file is a test double (test-files patterns, relative to the project)', async () => {
    assert.deepEqual(await classLevel(LEDGER, '/proj/src/nodes/ledger/node.test.ts'), []);
    assert.deepEqual(await classLevel(LEDGER, '/proj/src/nodes/ledger/__tests__/node.ts'), []);
    assert.deepEqual(await classLevel(LEDGER, '/proj/src/nodes/ledger/node.ts', { testFiles: ['src/nodes/'] }), []);
  });
});
