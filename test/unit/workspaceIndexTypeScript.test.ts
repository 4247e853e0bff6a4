// The workspace index for TypeScript: bases imported from other modules are resolved by the ts-morph
// project's type checker (src/core/typescript/project.ts) — re-exports, aliases, namespace imports,
// cycles, a base deleted while the index runs — and the project is made lazily, bounded and disposed.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TypeScriptProjects } from '../../src/core/typescript/project';
import { WorkspaceIndex, indexPath } from '../../src/core/workspace/index';
import { readFacts } from '../../src/core/workspace/read';

const RUNTIME = "import { NodeEffect, NodeCompute } from '@omninode/onex-runtime';\n";

class Workspace {
  readonly root = indexPath(mkdtempSync(join(tmpdir(), 'onex-ws-ts-')));
  readonly asked: string[] = [];
  readonly projects = new TypeScriptProjects();
  readonly index = new WorkspaceIndex({ roots: [this.root] });

  path(rel: string): string {
    return `${this.root}/${rel}`;
  }

  async write(rel: string, text: string): Promise<void> {
    const path = this.path(rel);
    const created = !existsSync(path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    // As a saved file reaches the projects and the index.
    if (created) this.projects.filesCreatedOrDeleted();
    else this.projects.changed([path]);
    if (path.endsWith('.ts')) this.index.update(path, await readFacts('typescript', text, path));
  }

  delete(rel: string): void {
    unlinkSync(this.path(rel));
    this.projects.filesCreatedOrDeleted();
    this.index.remove(this.path(rel));
  }

  settle(): Promise<void> {
    return this.index.settle(async (requests) => {
      for (const r of requests) this.asked.push(`${r.file.slice(this.root.length + 1)}#${r.className}`);
      return this.projects.resolve(requests);
    });
  }

  chain(rel: string, name: string): string[] {
    const info = this.index.describe(this.path(rel), name);
    assert.ok(info, `${rel}#${name} is indexed`);
    return info.chain.map((l) => (l.file ? `${l.name}@${l.file.slice(this.root.length + 1)}` : l.name));
  }

  dispose(): void {
    this.projects.dispose();
    rmSync(this.root, { recursive: true, force: true });
  }
}

describe('workspace index: TypeScript bases across files (ts-morph project)', function () {
  this.timeout(60_000);
  let ws: Workspace;
  beforeEach(() => {
    ws = new Workspace();
  });
  afterEach(() => ws.dispose());

  async function company(): Promise<void> {
    await ws.write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, module: 'commonjs', target: 'es2022' } }));
    await ws.write('src/bases/base.ts', `${RUNTIME}export class CompanyEffectBase extends NodeEffect {}\n`);
    await ws.write('src/bases/index.ts', "export { CompanyEffectBase as CEB } from './base';\nexport * from './base';\n");
  }

  it('follows a named import through a re-exporting index.ts, a namespace import and a const alias', async () => {
    await company();
    await ws.write('src/nodes/pay.ts', [
      "import { CEB } from '../bases';",
      "import * as b from '../bases/base';",
      'const Alias = b.CompanyEffectBase;',
      'export class PaymentProcessor extends CEB {}',
      'export class Refunds extends Alias {}',
      'export class Payouts extends b.CompanyEffectBase {}',
      '',
    ].join('\n'));
    await ws.settle();
    for (const name of ['PaymentProcessor', 'Refunds', 'Payouts']) {
      assert.deepEqual(ws.chain('src/nodes/pay.ts', name), [`${name}@src/nodes/pay.ts`, 'CompanyEffectBase@src/bases/base.ts', 'NodeEffect'], name);
      assert.equal(ws.index.describe(ws.path('src/nodes/pay.ts'), name)?.kind, 'effect');
    }
    const base = ws.index.describe(ws.path('src/bases/base.ts'), 'CompanyEffectBase');
    assert.equal(base?.role, 'base');
    assert.equal(base?.derivedBy.length, 3);
    assert.deepEqual(ws.index.hintsFor(ws.path('src/nodes/pay.ts')).nodeBases, { CEB: 'effect', CompanyEffectBase: 'effect' });
  });

  it('a chain two files away, and a node base by name asks the project nothing', async () => {
    await ws.write('a.ts', `${RUNTIME}export class First extends NodeCompute {}\n`);
    await ws.write('b.ts', "import { First } from './a';\nexport class Second extends First {}\n");
    await ws.write('c.ts', "import { Second as S } from './b';\nexport class Third extends S {}\n");
    await ws.settle();
    assert.deepEqual(ws.chain('c.ts', 'Third'), ['Third@c.ts', 'Second@b.ts', 'First@a.ts', 'NodeCompute']);
    assert.equal(ws.index.describe(ws.path('c.ts'), 'Third')?.kind, 'compute');
    assert.deepEqual(ws.asked.sort(), ['b.ts#Second', 'c.ts#Third'], 'NodeCompute is a node base by name: a.ts is not asked about');
  });

  it('survives an import cycle', async () => {
    await ws.write('x.ts', "import { Y } from './y';\nexport class X extends Y {}\n");
    await ws.write('y.ts', "import { X } from './x';\nexport class Y extends X {}\n");
    await ws.settle();
    assert.equal(ws.index.describe(ws.path('x.ts'), 'X')?.isNode, false);
    assert.equal(ws.index.describe(ws.path('y.ts'), 'Y')?.isNode, false);
  });

  it('a base deleted while the index runs, then restored; a changed base is read again', async () => {
    await company();
    await ws.write('src/nodes/pay.ts', "import { CEB } from '../bases';\nexport class PaymentProcessor extends CEB {}\n");
    await ws.settle();
    assert.equal(ws.index.describe(ws.path('src/nodes/pay.ts'), 'PaymentProcessor')?.isNode, true);
    ws.delete('src/bases/base.ts');
    await ws.settle();
    const orphan = ws.index.describe(ws.path('src/nodes/pay.ts'), 'PaymentProcessor');
    assert.equal(orphan?.isNode, false);
    await ws.write('src/bases/base.ts', `${RUNTIME}export class CompanyEffectBase extends NodeEffect {}\n`);
    await ws.settle();
    assert.equal(ws.index.describe(ws.path('src/nodes/pay.ts'), 'PaymentProcessor')?.isNode, true);
    // Renamed in place (a save, not a deletion): the re-export no longer finds it.
    await ws.write('src/bases/base.ts', `${RUNTIME}export class Renamed extends NodeEffect {}\nexport const CompanyEffectBase = 1;\n`);
    ws.asked.length = 0;
    await ws.settle();
    assert.deepEqual(ws.asked, ['src/nodes/pay.ts#PaymentProcessor'], 'the class whose answer read base.ts is asked again');
    assert.equal(ws.index.describe(ws.path('src/nodes/pay.ts'), 'PaymentProcessor')?.isNode, false);
  });

  it('a saved unrelated file asks the project nothing', async () => {
    await company();
    await ws.write('src/nodes/pay.ts', "import { CEB } from '../bases';\nexport class PaymentProcessor extends CEB {}\n");
    await ws.write('src/other.ts', 'export class Lonely {}\n');
    await ws.settle();
    ws.asked.length = 0;
    await ws.write('src/other.ts', 'export class Lonely {\n  x = 1;\n}\n');
    await ws.settle();
    assert.deepEqual(ws.asked, []);
  });

  it('the project is made on the first question, holds only the files it reads, and is disposed when idle', async () => {
    await company();
    for (let i = 0; i < 20; i++) await ws.write(`src/unrelated/m${i}.ts`, `export class M${i} {}\n`);
    await ws.write('src/nodes/pay.ts', "import { CEB } from '../bases';\nexport class PaymentProcessor extends CEB {}\n");
    assert.equal(ws.projects.live, 0, 'no project before a question');
    await ws.settle();
    assert.equal(ws.projects.live, 1);
    assert.ok(ws.projects.loadedFiles <= 3, `pay.ts, bases/index.ts, bases/base.ts (and no lib files): ${ws.projects.loadedFiles}`);
    const idle = new TypeScriptProjects({ idleMs: 20 });
    idle.resolve([{ file: ws.path('src/nodes/pay.ts'), className: 'PaymentProcessor', bases: [0] }]);
    assert.equal(idle.live, 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(idle.live, 0, 'disposed after the idle time');
    const bounded = new TypeScriptProjects({ maxFiles: 2 });
    const answers = bounded.resolve([{ file: ws.path('src/nodes/pay.ts'), className: 'PaymentProcessor', bases: [0] }]);
    assert.equal(answers[0].targets[0].target.kind, 'class', 'the answer is given');
    assert.equal(bounded.live, 0, 'then the project past its bound is dropped');
    bounded.dispose();
  });

  it('files under no tsconfig.json share a project with default options', async () => {
    await ws.write('lib/base.ts', `${RUNTIME}export default class DefaultBase extends NodeEffect {}\n`);
    await ws.write('app/node.ts', "import Base from '../lib/base';\nexport class App extends Base {}\n");
    await ws.settle();
    assert.deepEqual(ws.chain('app/node.ts', 'App'), ['App@app/node.ts', 'DefaultBase@lib/base.ts', 'NodeEffect']);
  });
});
