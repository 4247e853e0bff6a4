// The CLI's folder checks build the workspace index first (src/core/workspace/build.ts) through the
// engine pool's `facts` and `typescriptBases` requests: Python and TypeScript bases two files away.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { EnginePool } from '../../src/cli/pool';
import { buildWorkspaceIndex, type IndexSource } from '../../src/core/workspace/build';
import { project } from './helpers';

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
