// The TypeScript front end behind the engine interface: parse diagnostics, suppression comments read
// from the tree, the per-folder project pool with its bounded file count, time budget, file kinds,
// and the guarantees that keep it a syntax-only analysis (no type checker, no second TypeScript).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText, getFrontEnd } from '../../src/core/engine';
import { TypeScriptFrontEnd, createTypeScriptFrontEnd } from '../../src/core/typescript/frontend';
import { ProjectPool, memoryPath } from '../../src/core/typescript/projects';
import { DEFAULT_CONFIG } from '../../src/core/types';
import { at, nodeModule } from './fixtures';

const TIMING = nodeModule({
  members: `
  async process(input: Item): Promise<Item> {
    const start = Date.now(); // onex: ignore[ONEX010]
    const result = await withRetries(async () => input);
    this.totalDurationMs += Date.now() - start;
    return result;
  }
`,
});

describe('TypeScript front end', () => {
  it('counts parse diagnostics as syntax errors and still analyses the rest', async () => {
    const broken = `${TIMING}\nexport function broken(items: Item[] {\n  return items.map((i) => i.id;\n}\n`;
    const result = await analyzeText(broken, { language: 'typescript', fileName: '/ws/a/node.ts' });
    assert.ok(result.syntaxErrors > 0);
    assert.equal(result.findings.filter((f) => f.ruleId === 'ONEX010').length, 1);
    const fe = await getFrontEnd('typescript');
    assert.equal(fe.syntaxErrorCount('const x = 1;\n'), 0);
    assert.ok(fe.syntaxErrorCount('class A {\n  m( {\n') > 0);
  });

  it('reads `// onex: ignore[...]` from comments, not from strings or templates', async () => {
    const result = await analyzeText(TIMING, { language: 'typescript', fileName: '/ws/a/node.ts' });
    const timing = result.findings.filter((f) => f.ruleId === 'ONEX010');
    // The start is suppressed on its line; the end of the duration is not.
    assert.deepEqual(timing.map((f) => f.range.start.line + 1), [at(TIMING, 'Date.now() - start').line]);

    const inString = TIMING.replace('// onex: ignore[ONEX010]', "void '// onex: ignore[ONEX010]';");
    const stringResult = await analyzeText(inString, { language: 'typescript', fileName: '/ws/a/node.ts' });
    assert.equal(stringResult.findings.filter((f) => f.ruleId === 'ONEX010').length, 2);

    const inTemplate = TIMING.replace('// onex: ignore[ONEX010]', 'void `// onex: ignore[ONEX010]`;');
    const templateResult = await analyzeText(inTemplate, { language: 'typescript', fileName: '/ws/a/node.ts' });
    assert.equal(templateResult.findings.filter((f) => f.ruleId === 'ONEX010').length, 2);

    const fileWide = `// onex: ignore-file[ONEX010, ONEX011]\n${TIMING.replace(' // onex: ignore[ONEX010]', '')}`;
    const fileResult = await analyzeText(fileWide, { language: 'typescript', fileName: '/ws/a/node.ts' });
    assert.equal(fileResult.findings.filter((f) => f.ruleId === 'ONEX010').length, 0);
  });

  it('keeps one project per workspace folder (nearest package.json or tsconfig.json)', () => {
    const root = mkdtempSync(join(tmpdir(), 'onex-ts-pool-'));
    try {
      mkdirSync(join(root, 'svc-a', 'src', 'nodes'), { recursive: true });
      mkdirSync(join(root, 'svc-b', 'nodes'), { recursive: true });
      mkdirSync(join(root, 'loose'), { recursive: true });
      writeFileSync(join(root, 'svc-a', 'package.json'), '{}');
      writeFileSync(join(root, 'svc-b', 'tsconfig.json'), '{}');
      const pool = new ProjectPool();
      assert.equal(pool.folderOf(join(root, 'svc-a', 'src', 'nodes', 'node.ts')), join(root, 'svc-a'));
      assert.equal(pool.folderOf(join(root, 'svc-b', 'nodes', 'node.ts')), join(root, 'svc-b'));
      // No package.json or tsconfig.json above: the file's own folder.
      const isolated = new ProjectPool(200, 32, (p) => p === join('/ws', 'svc', 'package.json'));
      assert.equal(isolated.folderOf(join('/ws', 'loose', 'deep', 'node.ts')), join('/ws', 'loose', 'deep'));
      assert.equal(isolated.folderOf(join('/ws', 'svc', 'src', 'node.ts')), join('/ws', 'svc'));
      pool.sourceFile('export class A {}', join(root, 'svc-a', 'src', 'nodes', 'a.ts'));
      pool.sourceFile('export class B {}', join(root, 'svc-a', 'src', 'nodes', 'b.ts'));
      pool.sourceFile('export class C {}', join(root, 'svc-b', 'nodes', 'c.ts'));
      assert.equal(pool.projectCount, 2);
      assert.equal(pool.sourceFileCount, 3);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('re-parses only when the text changes and removes the least recently used files beyond the bound', () => {
    const pool = new ProjectPool(3, 8, () => false);
    const first = pool.sourceFile('export const a = 1;', '/ws/x/a.ts').compilerNode;
    assert.equal(pool.sourceFile('export const a = 1;', '/ws/x/a.ts').compilerNode, first);
    const changed = pool.sourceFile('export const a = 2;', '/ws/x/a.ts').compilerNode;
    assert.notEqual(changed, first);
    assert.equal(changed.text, 'export const a = 2;');
    pool.sourceFile('export const b = 1;', '/ws/x/b.ts');
    pool.sourceFile('export const c = 1;', '/ws/x/c.ts');
    pool.sourceFile('export const a = 3;', '/ws/x/a.ts'); // a is now the most recent
    pool.sourceFile('export const d = 1;', '/ws/x/d.ts'); // evicts b
    assert.equal(pool.sourceFileCount, 3);
    const texts = ['a', 'c', 'd'].map((n) => pool.sourceFile(`export const ${n} = 9;`, `/ws/x/${n}.ts`).getFilePath());
    assert.deepEqual(texts, ['/ws/x/a.ts', '/ws/x/c.ts', '/ws/x/d.ts']);
    assert.equal(pool.sourceFileCount, 3);
  });

  it('maps Windows and untitled file names into the in-memory file system', () => {
    assert.equal(memoryPath('C:\\work\\svc\\node.ts'), '/c/work/svc/node.ts');
    assert.equal(memoryPath(undefined), '/untitled/node.ts');
    assert.equal(memoryPath('relative/node.ts'), '/relative/node.ts');
  });

  it('analyses .tsx files with JSX and reports through the same rules', async () => {
    const tsx = `${TIMING.replace(' // onex: ignore[ONEX010]', '')}\nexport const View = () => <div className="x">{String(1)}</div>;\n`;
    const result = await analyzeText(tsx, { language: 'typescript', fileName: '/ws/a/view.tsx' });
    assert.equal(result.syntaxErrors, 0);
    assert.equal(result.findings.filter((f) => f.ruleId === 'ONEX010').length, 2);
  });

  it('deeply nested code: analysed with iterative walkers, or skipped when TypeScript\'s own parser runs out of stack', async () => {
    const N = 5000;
    const node = (expr: string) => `import { NodeEffect } from '@omninode/onex-runtime';\n` +
      `export class NodeDeepEffect extends NodeEffect {\n  async run(): Promise<unknown> {\n    const start = Date.now();\n` +
      `    const y = ${expr};\n    void y;\n    return Date.now() - start;\n  }\n}\n`;
    // TypeScript parses these iteratively: the rules must walk them without recursion.
    const iterative = {
      'binary +': Array.from({ length: N }, () => 'a').join(' + '),
      'logical ||': Array.from({ length: N }, () => 'a').join(' || '),
      'property chain': `this${'.a'.repeat(N)}`,
      'call chain': `this${'.a()'.repeat(N)}`,
    };
    for (const [shape, expr] of Object.entries(iterative)) {
      const result = await analyzeText(node(expr), { language: 'typescript', fileName: '/ws/deep.ts' });
      assert.equal(result.skipped, undefined, `${shape}: ${result.skipped?.message}`);
      assert.equal(result.findings.filter((f) => f.ruleId === 'ONEX010').length, 2, shape);
    }
    // TypeScript's recursive descent overflows on these before any rule runs: a message, never a throw.
    for (const [shape, expr] of Object.entries({ parens: `${'('.repeat(N)}1${')'.repeat(N)}`, arrays: `${'['.repeat(N)}1${']'.repeat(N)}` })) {
      const result = await analyzeText(node(expr), { language: 'typescript', fileName: '/ws/deep.ts' });
      if (result.skipped) assert.equal(result.skipped.kind, 'parse-failure', shape);
      else assert.equal(result.findings.filter((f) => f.ruleId === 'ONEX010').length, 2, shape);
    }
  });

  it('stops at the time budget and says so', async () => {
    const result = await analyzeText(TIMING, { language: 'typescript', fileName: '/ws/a/node.ts', config: { timeBudgetMs: 0 } });
    assert.equal(result.skipped?.kind, 'time-budget');
  });

  it('honours severities: a rule set to off is not run', () => {
    const fe = createTypeScriptFrontEnd() as TypeScriptFrontEnd;
    const config = { ...DEFAULT_CONFIG, rules: { ONEX010: 'off' as const } };
    const text = TIMING.replace(' // onex: ignore[ONEX010]', '');
    assert.equal(fe.findRaw(text, DEFAULT_CONFIG, '/ws/a/node.ts').raw.filter((f) => f.ruleId === 'ONEX010').length, 2);
    assert.equal(fe.findRaw(text, config, '/ws/a/node.ts').raw.filter((f) => f.ruleId === 'ONEX010').length, 0);
  });

  it('never type-checks, never imports the typescript package, and scaffolding never loads ts-morph', () => {
    const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
    });
    const frontEnd = sources(join(__dirname, '..', '..', 'src', 'core', 'typescript'));
    assert.ok(frontEnd.length >= 15);
    for (const file of frontEnd) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!/from 'typescript'|require\('typescript'\)/.test(text), `${file} imports the typescript package`);
      assert.ok(!/getTypeChecker|getPreEmitDiagnostics|getSemanticDiagnostics|getProgram\(/.test(text), `${file} type-checks`);
    }
    for (const file of sources(join(__dirname, '..', '..', 'src', 'core', 'scaffold', 'typescript'))) {
      assert.ok(!/from 'ts-morph'|require\('ts-morph'\)/.test(readFileSync(file, 'utf8')), `${file} imports ts-morph`);
    }
    for (const file of sources(join(__dirname, '..', '..', 'src')).filter((f) => !f.includes(`${join('core', 'typescript')}`))) {
      assert.ok(!/from 'ts-morph'/.test(readFileSync(file, 'utf8')), `${file} imports ts-morph outside src/core/typescript`);
    }
  });
});
