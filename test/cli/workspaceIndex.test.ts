// The CLI's folder checks and the workspace index (src/core/workspace): `check` on a folder finds a node
// class whose node base is two files away, in Python and TypeScript; `fix` builds the index first, through
// the engine pool's `facts` and `typescriptBases` requests.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { EnginePool } from '../../src/cli/pool';
import { buildWorkspaceIndex, type IndexSource } from '../../src/core/workspace/build';
import { cli, project } from './helpers';

const FILES = {
  'py/pay/__init__.py': '',
  'py/pay/core.py': 'from omnibase_core.nodes.node_effect import NodeEffect\n\nclass CoreBase(NodeEffect):\n    pass\n',
  'py/pay/base.py': 'from .core import CoreBase\n\nclass CompanyEffectBase(CoreBase):\n    pass\n',
  'py/pay/node.py': 'from .base import CompanyEffectBase\n\nclass PaymentProcessor(CompanyEffectBase):\n    pass\n',
  'ts/src/core.ts': "import { NodeReducer } from '@omninode/onex-runtime';\nexport class CoreBase extends NodeReducer {}\n",
  'ts/src/base.ts': "import { CoreBase } from './core';\nexport class CompanyReducerBase extends CoreBase {}\n",
  'ts/src/node.ts': "import { CompanyReducerBase } from './base';\nexport class Ledger extends CompanyReducerBase {}\n",
};

describe('cli: the workspace index of a folder check', () => {
  it('resolves a node base two files away in Python and TypeScript, through the engine pool', async () => {
    const root = project(FILES);
    const sources: IndexSource[] = Object.keys(FILES).map((rel) => ({
      path: join(root, rel), language: rel.endsWith('.py') ? 'python' : 'typescript', text: readFileSync(join(root, rel), 'utf8'),
    }));
    const pool = new EnginePool(1);
    try {
      const index = await buildWorkspaceIndex(sources, {
        facts: (language, text, path) => pool.facts(language, text, path),
        typescriptBases: (requests) => pool.typescriptBases(requests),
      }, { roots: [root] });
      const py = index.describe(join(root, 'py/pay/node.py'), 'PaymentProcessor');
      assert.deepEqual(py?.chain.map((l) => l.name), ['PaymentProcessor', 'CompanyEffectBase', 'CoreBase', 'NodeEffect']);
      assert.deepEqual(index.hintsFor(join(root, 'py/pay/node.py')).nodeBases, { CompanyEffectBase: 'effect' });
      const ts = index.describe(join(root, 'ts/src/node.ts'), 'Ledger');
      assert.deepEqual(ts?.chain.map((l) => l.name), ['Ledger', 'CompanyReducerBase', 'CoreBase', 'NodeReducer']);
      assert.equal(ts?.kind, 'reducer');
      assert.deepEqual(index.hintsFor(join(root, 'ts/src/base.ts')), { nodeBases: { CoreBase: 'reducer' }, derivedClasses: ['CompanyReducerBase'] });
      assert.deepEqual(index.nodes().filter((n) => n.role === 'node').map((n) => n.ref.name).sort(), ['Ledger', 'PaymentProcessor']);
    } finally {
      await pool.close();
    }
  });
});

/** A bridge-era project (omnibase_core 0.1.0): the class-level rules apply there. */
const BRIDGE_PIN = '[project]\nname = "demo"\nversion = "0.1.0"\ndependencies = ["omnibase-core==0.1.0"]\n';

/** PaymentProcessor derives CompanyEffectBase (base), which derives CoreBase (core), which derives NodeEffect. */
const TWO_FILES_AWAY = {
  'pyproject.toml': BRIDGE_PIN,
  'py/pay/__init__.py': '',
  'py/pay/core.py': 'from omnibase_core.nodes.node_effect import NodeEffect\n\nclass CoreBase(NodeEffect):\n    pass\n',
  'py/pay/base.py': 'from .core import CoreBase\n\nclass CompanyEffectBase(CoreBase):\n    pass\n',
  'py/pay/node.py': [
    'from omnibase_core.errors import ModelOnexError',
    'from .base import CompanyEffectBase',
    '',
    '',
    'class PaymentProcessor(CompanyEffectBase):',
    '    def __init__(self, container):',
    '        super().__init__(container)',
    '        self.client = container.get_service("kafka_client")',
    '',
    '    async def charge(self, amount):',
    '        try:',
    '            return await self.client.send(amount)',
    '        except ValueError as e:',
    '            raise ModelOnexError("charge failed")',
    '',
  ].join('\n'),
  'ts/src/core.ts': "import { NodeEffect } from '@omninode/onex-runtime';\nexport class CoreBase extends NodeEffect {}\n",
  'ts/src/base.ts': "import { CoreBase as Core } from './core';\nexport class CompanyEffectBase extends Core {}\n",
  'ts/src/index.ts': "export { CompanyEffectBase } from './base';\n",
  'ts/src/node.ts': [
    "import { CompanyEffectBase } from '.';",
    'export class PaymentProcessor extends CompanyEffectBase {',
    '  private client: any;',
    '  constructor(container: any) {',
    '    super(container);',
    "    this.client = container.getService('kafka_client');",
    '  }',
    '}',
    '',
  ].join('\n'),
};

interface JsonFinding { file: string; line: number; rule: string }

describe('cli: check and fix on a folder follow bases across files', () => {
  it('check finds a node class whose node base is two files away, in Python and TypeScript', async () => {
    const root = project(TWO_FILES_AWAY);
    const run = await cli(['check', '--format', 'json', '.'], root);
    assert.equal(run.code, 1, run.stderr);
    const found = (JSON.parse(run.stdout) as JsonFinding[]).map((f) => `${f.file}:${f.line} ${f.rule}`);
    // Rules that look only inside node classes: ONEX007 (an unchecked get_service), ONEX004 (raise without from).
    assert.ok(found.includes('py/pay/node.py:8 ONEX007'), found.join('\n'));
    assert.ok(found.includes('py/pay/node.py:14 ONEX004'), found.join('\n'));
    assert.ok(found.includes('ts/src/node.ts:6 ONEX007'), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('py/pay/node.py:5 ONEX005')), 'class-level rules too');
    // The same files checked on their own know nothing of the bases: no node class, no findings.
    const alone = await cli(['check', '--format', 'json', 'py/pay/node.py', 'ts/src/node.ts'], root);
    assert.deepEqual(JSON.parse(alone.stdout), []);
  });

  it('a node class another file derives from is a base, not a production node: the class-level rules leave it', async () => {
    const root = project({
      'pyproject.toml': BRIDGE_PIN,
      'pkg/__init__.py': '',
      'pkg/base.py': [
        'from omnibase_core.nodes.node_effect import NodeEffect',
        '',
        '',
        'class CompanyEffectBase(NodeEffect):',
        '    def describe(self):',
        '        return "company"',
        '',
      ].join('\n'),
      'pkg/node.py': 'from .base import CompanyEffectBase\n\n\nclass PaymentProcessor(CompanyEffectBase):\n    def pay(self):\n        return 1\n',
    });
    const rulesOn = (run: { stdout: string }, file: string) => (JSON.parse(run.stdout) as JsonFinding[]).filter((f) => f.file === file).map((f) => `${f.line} ${f.rule}`);
    const alone = await cli(['check', '--format', 'json', 'pkg/base.py'], root);
    assert.ok(rulesOn(alone, 'pkg/base.py').includes('4 ONEX005'), 'on its own, the base is judged as a production node');
    const folder = await cli(['check', '--format', 'json', '.'], root);
    assert.deepEqual(rulesOn(folder, 'pkg/base.py'), [], 'PaymentProcessor derives from it: a base');
    assert.ok(rulesOn(folder, 'pkg/node.py').includes('4 ONEX005'), 'the node deriving from it is judged');
  });

  it('in TypeScript too: a node class another module extends is a base', async () => {
    const root = project({
      'src/base.ts': "import { NodeEffect } from '@omninode/onex-runtime';\n\nexport class CompanyEffectBase extends NodeEffect {\n  describe(): string {\n    return 'company';\n  }\n}\n",
      'src/node.ts': "import { CompanyEffectBase } from './base';\n\nexport class PaymentProcessor extends CompanyEffectBase {\n  pay(): number {\n    return 1;\n  }\n}\n",
    });
    const rulesOn = (run: { stdout: string }, file: string) => (JSON.parse(run.stdout) as JsonFinding[]).filter((f) => f.file === file).map((f) => `${f.line} ${f.rule}`);
    const alone = await cli(['check', '--format', 'json', 'src/base.ts'], root);
    assert.ok(rulesOn(alone, 'src/base.ts').includes('3 ONEX005'), `on its own, the base is judged: ${rulesOn(alone, 'src/base.ts')}`);
    const folder = await cli(['check', '--format', 'json', '.'], root);
    assert.deepEqual(rulesOn(folder, 'src/base.ts'), [], 'PaymentProcessor extends it: a base');
    assert.ok(rulesOn(folder, 'src/node.ts').includes('3 ONEX005'), `the node extending it is judged: ${rulesOn(folder, 'src/node.ts')}`);
  });

  it('fix builds the index first: a safe fix inside a node class two files from its node base is applied', async () => {
    const root = project(TWO_FILES_AWAY);
    const run = await cli(['fix', '--rules', 'ONEX004', '.'], root);
    assert.match(run.stdout, /py\/pay\/node\.py: fixed 1 \(ONEX004 ×1\)/);
    assert.match(readFileSync(join(root, 'py/pay/node.py'), 'utf8'), /raise ModelOnexError\("charge failed"\) from e/);
  });
});
