// The TypeScript front end behind the engine interface: parse diagnostics, suppression comments read
// from the tree, the one model it keeps (memory does not grow with files analysed), time budget, file kinds,
// and the guarantees that keep it a syntax-only analysis (no type checker, no second TypeScript).
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyzeText, getFrontEnd } from '../../src/core/engine';
import { TypeScriptFrontEnd, createTypeScriptFrontEnd } from '../../src/core/typescript/frontend';
import { memoryPath } from '../../src/core/typescript/parse';
import { DEFAULT_CONFIG } from '../../src/core/types';
import { at, nodeModule } from '../../src/core/rules/typescriptCaseSources';
import { steppingClock, stoppedClock } from '../helpers/clock';

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

  it('keeps the last file\'s model only, however many files it analyses', () => {
    const fe = createTypeScriptFrontEnd() as TypeScriptFrontEnd;
    assert.equal(fe.retainedFiles, 0);
    const text = TIMING.replace(' // onex: ignore[ONEX010]', '');
    for (let i = 0; i < 50; i++) {
      fe.findRaw(`${text}\n// file ${i}\n`, DEFAULT_CONFIG, `/ws/svc-${i % 7}/src/node${i}.ts`);
      assert.equal(fe.retainedFiles, 1);
    }
    // Checking a candidate fix's text parses it on its own: the model stays.
    assert.equal(fe.syntaxErrorCount('class A {\n  m( {\n', '/ws/other.ts') > 0, true);
    assert.equal(fe.retainedFiles, 1);
  });

  it('finds the same problems and fixes whether the last model is reused or the file is parsed afresh', () => {
    const fe = createTypeScriptFrontEnd() as TypeScriptFrontEnd;
    const fresh = createTypeScriptFrontEnd() as TypeScriptFrontEnd;
    const text = TIMING.replace(' // onex: ignore[ONEX010]', '');
    const other = `${text}\n// another file\n`;
    const summary = (f: TypeScriptFrontEnd, t: string) => {
      const raw = f.findRaw(t, DEFAULT_CONFIG, '/ws/a/node.ts').raw;
      return JSON.stringify(raw.map((r) => ({ ...r, fixes: f.fixes(t, r, DEFAULT_CONFIG, '/ws/a/node.ts') })));
    };
    const cold = summary(fe, text);
    assert.equal(summary(fe, text), cold); // the same text again: the kept model answers
    summary(fe, other);
    assert.equal(summary(fe, text), cold); // parsed afresh after another file
    assert.equal(summary(fresh, text), cold);
    assert.ok(cold.includes('ONEX010'));
  });

  it('reports spans in the text as given when it starts with a byte order mark', async () => {
    const text = '\uFEFFexport function f() {\n  const s = Date.now();\n  return Date.now() - s;\n}\n';
    const result = await analyzeText(text, { language: 'typescript', fileName: '/ws/a/bom.ts' });
    const spans = result.findings.filter((f) => f.ruleId === 'ONEX010').map((f) => text.slice(f.span.start, f.span.end));
    assert.deepEqual(spans, ['Date.now()', 'Date.now()']);
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
    // Every reading of this clock is 1 ms later: a 1 ms budget runs out on any machine.
    const result = await analyzeText(TIMING, { language: 'typescript', fileName: '/ws/a/node.ts', config: { timeBudgetMs: 1 }, clock: steppingClock() });
    assert.equal(result.skipped?.kind, 'time-budget');
    const unhurried = await analyzeText(TIMING, { language: 'typescript', fileName: '/ws/a/node.ts', config: { timeBudgetMs: 1 }, clock: stoppedClock });
    assert.equal(unhurried.skipped, undefined);
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
    // The front end's code: src/core/typescript/, and the rules' TypeScript modules (each rule's
    // typescript.ts, the shared typescript*.ts beside them), which go into its bundle. The ts-morph
    // project (project.ts) is the one module that type-checks: it answers the workspace index's
    // cross-file questions, never the typing path; only the bundle's entry (frontend.ts) re-exports it.
    const project = join(__dirname, '..', '..', 'src', 'core', 'typescript', 'project.ts');
    const isTypeScriptRuleModule = (file: string): boolean => file.startsWith(join(__dirname, '..', '..', 'src', 'core', 'rules')) && /^typescript/.test(basename(file));
    const frontEnd = [
      ...sources(join(__dirname, '..', '..', 'src', 'core', 'typescript')).filter((f) => f !== project),
      ...sources(join(__dirname, '..', '..', 'src', 'core', 'rules')).filter(isTypeScriptRuleModule),
    ];
    assert.ok(frontEnd.length >= 30);
    for (const file of frontEnd) {
      const text = readFileSync(file, 'utf8');
      assert.ok(!/from 'typescript'|require\('typescript'\)/.test(text), `${file} imports the typescript package`);
      assert.ok(!/getTypeChecker|getPreEmitDiagnostics|getSemanticDiagnostics|getProgram\(/.test(text), `${file} type-checks`);
      if (basename(file) !== 'frontend.ts') assert.ok(!/from '\.\/project'/.test(text), `${file} imports the ts-morph project`);
      else assert.ok(!/^import .* from '\.\/project'/m.test(text), 'the front end only re-exports the project');
    }
    assert.ok(!/from 'typescript'|require\('typescript'\)/.test(readFileSync(project, 'utf8')), 'project.ts uses the compiler ts-morph bundles');
    for (const file of sources(join(__dirname, '..', '..', 'src', 'core', 'scaffold', 'typescript'))) {
      assert.ok(!/from 'ts-morph'|require\('ts-morph'\)/.test(readFileSync(file, 'utf8')), `${file} imports ts-morph`);
    }
    for (const file of sources(join(__dirname, '..', '..', 'src')).filter((f) => !f.includes(`${join('core', 'typescript')}`) && !isTypeScriptRuleModule(f))) {
      assert.ok(!/from 'ts-morph'/.test(readFileSync(file, 'utf8')), `${file} imports ts-morph outside src/core/typescript and the rules' TypeScript modules`);
    }
  });
});
