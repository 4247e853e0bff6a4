// Writes the benchmark corpus (seeded, reproducible) into bench/corpus/ (git-ignored):
//   files/<language>/<style>-<lines>.<ext>   one file per language × style × size (300, 2,000, 20,000 lines)
//   ws/                                       a 2,000-file workspace (Python and TypeScript packages)
//   manifest.json                             what was generated, with line and byte counts
// Usage: node bench/generate.mjs [--seed N] [--force]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, seedFor } from './lib/prng.mjs';
import { generatePython } from './gen/python.mjs';
import { generateTypeScript } from './gen/typescript.mjs';
import { DOMAINS, KINDS, NOUNS, VERBS } from './gen/vocab.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS = join(here, 'corpus');
export const DEFAULT_SEED = 20251126;
export const SIZES = [300, 2000, 20000];
export const STYLES = ['template', 'production'];
export const LANGUAGES = [
  { id: 'python', ext: 'py', generate: generatePython },
  { id: 'typescript', ext: 'ts', generate: generateTypeScript },
];
export const WORKSPACE_FILES = 2000;

function generatorHash() {
  const h = createHash('sha256');
  for (const f of ['generate.mjs', 'lib/prng.mjs', 'gen/python.mjs', 'gen/typescript.mjs', 'gen/vocab.mjs']) h.update(readFileSync(join(here, f)));
  return h.digest('hex').slice(0, 16);
}

const lineCount = (text) => text.split('\n').length - 1;

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return { path: relative(CORPUS, path).split('\\').join('/'), lines: lineCount(text), bytes: Buffer.byteLength(text) };
}

/**
 * The workspace: 70% Python, 30% TypeScript, in packages of nodes, models, handlers and utilities.
 * About a third of the files are node modules of 300 to 2,900 lines (real hand-written nodes are
 * 500 to 2,900 lines); the rest are supporting modules of 80 to 500 lines without node classes.
 */
function generateWorkspace(seed) {
  const rng = createRng(seedFor(seed, 'workspace'));
  const files = [];
  const nPython = Math.round(WORKSPACE_FILES * 0.7);
  const packageSize = 100;
  const used = new Set();
  for (let i = 0; i < WORKSPACE_FILES; i++) {
    const python = i < nPython;
    const pkgIndex = Math.floor((python ? i : i - nPython) / packageSize);
    const pkg = python ? `py/omninode_${DOMAINS[pkgIndex % DOMAINS.length].toLowerCase()}_${pkgIndex}` : `ts/onex-${DOMAINS[(pkgIndex + 7) % DOMAINS.length].toLowerCase()}-${pkgIndex}`;
    const isNode = rng.chance(0.35);
    const style = rng.chance(0.5) ? 'template' : 'production';
    // Log-uniform sizes: many short files, some long ones.
    const lines = isNode ? Math.round(300 * (2900 / 300) ** rng.next()) : Math.round(80 * (500 / 80) ** rng.next());
    let name;
    do {
      const noun = rng.pick(NOUNS);
      const verb = rng.pick(VERBS);
      name = isNode
        ? (python ? `nodes/node_${noun}_${verb}_${rng.pick(KINDS).toLowerCase()}/node.py` : `src/nodes/${noun}-${verb}-${rng.pick(KINDS).toLowerCase()}/node.ts`)
        : `${python ? '' : 'src/'}${rng.pick(['models', 'handlers', 'utils', 'services'])}/${python ? `${verb}_${noun}.py` : `${verb}-${noun}.ts`}`;
    } while (used.has(`${pkg}/${name}`));
    used.add(`${pkg}/${name}`);
    const generate = python ? generatePython : generateTypeScript;
    const text = generate({ seed: seedFor(seed, `ws/${pkg}/${name}`), lines, style, kind: isNode ? 'node' : 'module' });
    files.push({ ...write(join(CORPUS, 'ws', pkg, name), text), language: python ? 'python' : 'typescript', style, node: isNode });
  }
  // Package manifests, as real packages have them.
  for (const pkg of new Set(files.map((f) => f.path.split('/').slice(1, 3).join('/')))) {
    const dir = join(CORPUS, 'ws', pkg);
    if (pkg.startsWith('ts/')) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: pkg.slice(3), version: '0.1.0', private: true }, null, 2) + '\n');
    else writeFileSync(join(dir, 'pyproject.toml'), `[project]\nname = "${pkg.slice(3)}"\nversion = "0.1.0"\n`);
  }
  return files;
}

export function generateCorpus({ seed = DEFAULT_SEED, force = false, log = console.log } = {}) {
  const hash = generatorHash();
  const manifestPath = join(CORPUS, 'manifest.json');
  if (!force && existsSync(manifestPath)) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (old.seed === seed && old.generator === hash) {
      log(`corpus: up to date (seed ${seed}, generator ${hash})`);
      return old;
    }
  }
  const started = performance.now();
  for (const d of ['files', 'ws']) rmSync(join(CORPUS, d), { recursive: true, force: true });
  const files = [];
  for (const lang of LANGUAGES) {
    for (const style of STYLES) {
      for (const lines of SIZES) {
        const text = lang.generate({ seed: seedFor(seed, `${lang.id}/${style}/${lines}`), lines, style });
        files.push({ ...write(join(CORPUS, 'files', lang.id, `${style}-${lines}.${lang.ext}`), text), language: lang.id, style, size: lines });
      }
    }
  }
  const workspace = generateWorkspace(seed);
  const manifest = {
    seed, generator: hash, generatedAt: new Date().toISOString(),
    files,
    workspace: {
      dir: 'ws',
      files: workspace.length,
      python: workspace.filter((f) => f.language === 'python').length,
      typescript: workspace.filter((f) => f.language === 'typescript').length,
      nodeModules: workspace.filter((f) => f.node).length,
      lines: workspace.reduce((n, f) => n + f.lines, 0),
      bytes: workspace.reduce((n, f) => n + f.bytes, 0),
      list: workspace,
    },
  };
  manifest.selfCheck = selfCheck([...files.map((f) => f.path), ...workspace.map((f) => f.path)], log);
  mkdirSync(CORPUS, { recursive: true });
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  log(`corpus: ${files.length} files and a ${workspace.length}-file workspace (${manifest.workspace.lines.toLocaleString('en-US')} lines) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

/**
 * The generated files must be valid code: every Python file through CPython's own parser (ast.parse,
 * when python3 is installed), every TypeScript file through TypeScript's parser (no parse diagnostics).
 * The engine's own syntax-error count is checked by the benchmark itself (inprocess.mjs, workspace.mjs).
 */
function selfCheck(paths, log) {
  const py = paths.filter((p) => p.endsWith('.py')).map((p) => join(CORPUS, p));
  const tsFiles = paths.filter((p) => p.endsWith('.ts')).map((p) => join(CORPUS, p));
  const out = { python: { files: py.length }, typescript: { files: tsFiles.length } };
  const script = 'import ast, sys\nbad = []\nfor p in sys.stdin.read().split("\\n"):\n    if not p: continue\n    try: ast.parse(open(p, encoding="utf-8").read(), p)\n    except SyntaxError as e: bad.append(f"{p}:{e.lineno}: {e.msg}")\nprint("\\n".join(bad))\n';
  const r = spawnSync('python3', ['-c', script], { input: py.join('\n'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) {
    out.python.checked = false;
    out.python.note = `python3 not available: ${r.error?.message ?? r.stderr}`;
  } else {
    out.python.checked = 'CPython ast.parse';
    out.python.invalid = r.stdout.split('\n').filter(Boolean);
  }
  try {
    const { ts } = createRequire(join(here, '..', 'package.json'))('ts-morph');
    out.typescript.checked = 'ts.createSourceFile parse diagnostics';
    out.typescript.invalid = [];
    for (const p of tsFiles) {
      const sf = ts.createSourceFile(p, readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      if (sf.parseDiagnostics.length) out.typescript.invalid.push(`${p}: ${sf.parseDiagnostics.length} parse errors`);
    }
  } catch (error) {
    out.typescript.checked = false;
    out.typescript.note = `TypeScript not available: ${error.message}`;
  }
  const bad = (out.python.invalid?.length ?? 0) + (out.typescript.invalid?.length ?? 0);
  log(`corpus self-check: ${py.length} Python files (${out.python.checked || 'not checked'}), ${tsFiles.length} TypeScript files (${out.typescript.checked || 'not checked'}): ${bad} invalid`);
  for (const line of [...(out.python.invalid ?? []), ...(out.typescript.invalid ?? [])].slice(0, 10)) log(`  invalid: ${line}`);
  return out;
}

/** All files of a directory tree with the given extension. */
export function listFiles(dir, ext) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--seed');
  generateCorpus({ seed: i >= 0 ? Number(args[i + 1]) : DEFAULT_SEED, force: args.includes('--force') });
}
