// Shared by the scaffold tests: the import list of Python source (read from the tree-sitter tree,
// not with regexes), the check of that list against onex-facts.md, and running python3.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { children, field, walk, type Node } from '../../src/core/python/syntax';
import { SyntaxTree } from '../../src/core/python/view';
import type { ScaffoldPlan } from '../../src/core/scaffold';

export const REPO_ROOT = join(__dirname, '..', '..');
export const SHARED_FACTS = '/work/shared/spec/onex-facts.md';
export const FIXTURE_FACTS = join(REPO_ROOT, 'test', 'fixtures', 'onex-facts.md');
export const PYTHON = process.env.PYTHON ?? 'python3';

/** onex-facts.md: the shared spec when present, else the copy committed with the tests. */
export function factsText(): string {
  return readFileSync(existsSync(SHARED_FACTS) ? SHARED_FACTS : FIXTURE_FACTS, 'utf8');
}

export interface PyImportEntry {
  /** `a.b` or, for relative imports, `.models` / `..`. */
  module: string;
  /** Null for `import a.b`. */
  name: string | null;
  alias: string | null;
  line: number;
}

function importedName(node: Node): { name: string; alias: string | null } {
  if (node.type === 'aliased_import') {
    return { name: field(node, 'name')?.text ?? node.text, alias: field(node, 'alias')?.text ?? null };
  }
  return { name: node.text, alias: null };
}

/** Every import in the file, at any depth (imports inside functions too), from the syntax tree. */
export async function pythonImports(source: string): Promise<PyImportEntry[]> {
  const parser = await getPythonParser();
  const tree = parsePython(parser, source);
  try {
    assert.equal(tree.rootNode.hasError, false, 'the source has syntax errors');
    const out: PyImportEntry[] = [];
    walk(new SyntaxTree(tree, source).rootNode, (n) => {
      if (n.type === 'import_statement') {
        for (const c of children(n)) {
          const { name, alias } = importedName(c);
          out.push({ module: name, name: null, alias, line: n.startPosition.row + 1 });
        }
        return false;
      }
      if (n.type === 'import_from_statement') {
        const module = field(n, 'module_name')?.text ?? '';
        for (const c of n.childrenForFieldName('name')) {
          if (!c) continue;
          const { name, alias } = importedName(c);
          out.push({ module, name, alias, line: n.startPosition.row + 1 });
        }
        return false;
      }
      return true;
    });
    return out;
  } finally {
    tree.delete();
  }
}

/** The standard library modules generated code may use, and the third-party ones besides the framework. */
const STDLIB = new Set(['asyncio', 'logging', 'time', 'datetime', 'typing', 'uuid', 'sys', 'types', 'enum', 'json', 'pathlib']);
const THIRD_PARTY = new Set(['pydantic', 'pytest']);

/**
 * onex-facts.md with its brace groups spelled out: `model_contract_{effect,compute}.ModelContract{Effect,Compute}`
 * also reads as `model_contract_effect.ModelContractEffect` (every combination, which is harmless: a
 * name must still appear as a whole word).
 */
function expandBraces(text: string): string {
  const group = /([A-Za-z0-9_.]*)\{([A-Za-z0-9_,]+)\}([A-Za-z0-9_.{},]*)/g;
  const expanded: string[] = [];
  for (const m of text.matchAll(group)) {
    let words = [m[0]];
    while (words.some((w) => w.includes('{'))) {
      words = words.flatMap((w) => {
        const b = /\{([A-Za-z0-9_,]+)\}/.exec(w);
        return b ? b[1].split(',').map((option) => w.slice(0, b.index) + option + w.slice(b.index + b[0].length)) : [w];
      });
    }
    expanded.push(...words);
  }
  return `${text}\n${expanded.join('\n')}`;
}

function mentions(facts: string, word: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_])${word.replace(/[.]/g, '\\.')}($|[^A-Za-z0-9_])`).test(facts);
}

/**
 * Why an import is not allowed by onex-facts.md, or null when it is: a framework module must be
 * named there (or be `<package>` + `<last part>.<Name>` as in "likewise `node_compute.NodeCompute`"),
 * and every imported name and alias must appear there.
 */
export function importProblem(entry: PyImportEntry, rawFacts: string): string | null {
  const facts = expandBraces(rawFacts);
  if (entry.module.startsWith('.')) return null; // the node's own package
  const top = entry.module.split('.')[0];
  if (STDLIB.has(top) || THIRD_PARTY.has(top)) return null;
  const where = `line ${entry.line}: ${entry.name ? `from ${entry.module} import ${entry.name}` : `import ${entry.module}`}`;
  if (entry.name === null) {
    // `import consul`: the facts name it as `consul.` (python-consul's API).
    return facts.includes(`\`${entry.module}.`) || facts.includes(`\`${entry.module}\``) ? null : `${where}: module not in onex-facts.md`;
  }
  const parts = entry.module.split('.');
  const likewise = parts.length > 1 && facts.includes(parts.slice(0, -1).join('.')) && facts.includes(`${parts[parts.length - 1]}.${entry.name}`);
  if (!facts.includes(entry.module) && !likewise) return `${where}: module not in onex-facts.md`;
  if (!mentions(facts, entry.name)) return `${where}: ${entry.name} is not in onex-facts.md`;
  if (entry.alias && !mentions(facts, entry.alias)) return `${where}: alias ${entry.alias} is not in onex-facts.md`;
  return null;
}

export async function disallowedImports(source: string, facts = factsText()): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of await pythonImports(source)) {
    const problem = importProblem(entry, facts);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Writes a plan's files under dir (plain writes; the tests of writeScaffold test the real writer). */
export function writePlanFiles(dir: string, plan: ScaffoldPlan): string[] {
  return plan.files.map((file) => {
    const target = join(dir, ...file.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    return target;
  });
}

export interface PythonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runPython(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): PythonRun {
  const result = spawnSync(PYTHON, args, {
    // No __pycache__ beside the stand-ins or the generated packages.
    cwd: options.cwd, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...options.env }, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000,
  });
  if (result.error) throw new Error(`cannot run ${PYTHON}: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Compiles the files with py_compile; returns the compiler's complaints (empty when all compile). */
export function pyCompile(files: string[]): string {
  const run = runPython(['-c', 'import py_compile, sys\nfor f in sys.argv[1:]:\n    py_compile.compile(f, doraise=True)', ...files]);
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`;
}

/**
 * Fails with instructions when python3 lacks the given modules: these tests run the generated
 * code for real and are never skipped.
 */
export function requirePythonModules(modules: string[]): void {
  const run = runPython(['-c', modules.map((m) => `import ${m}`).join('\n')]);
  assert.equal(run.status, 0,
    `${PYTHON} cannot import ${modules.join(', ')}; install them (Debian: apt-get install -y python3-pytest python3-pydantic).\n${run.stderr}`);
}

export interface CaseResult {
  name: string;
  outcome: 'passed' | 'failed' | 'error' | 'skipped';
  detail: string;
}

/** Test cases of a JUnit XML report, grouped by the node package they belong to. */
export function junitCases(xml: string): Map<string, CaseResult[]> {
  const byPackage = new Map<string, CaseResult[]>();
  const caseRe = /<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/>|>([^]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(caseRe)) {
    const body = m[4] ?? '';
    const outcome = /<failure/.test(body) ? 'failed' : /<error/.test(body) ? 'error' : /<skipped/.test(body) ? 'skipped' : 'passed';
    const pkg = m[1].split('.')[0];
    const list = byPackage.get(pkg) ?? [];
    list.push({ name: `${m[1]}::${m[2]}`, outcome, detail: body.slice(0, 2000) });
    byPackage.set(pkg, list);
  }
  return byPackage;
}
