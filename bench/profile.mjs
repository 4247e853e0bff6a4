// Where the analysis time goes, for the 2,000-line template files: the time of each step (parse, model,
// each rule) measured directly, and a CPU profile (node:inspector) of repeated analyses with self time
// summed per source module (esbuild marks each module in the bundle with a `// src/...` comment line),
// per function, and inclusive time per source module (the time spent under it, callees included).
// Usage: node bench/profile.mjs OUT.json [--seconds N]
import { existsSync, readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { BUILD, CORPUS, errorText, loadEngine, readJson, requireFromRoot, writeJson } from './lib/common.mjs';
import { round } from './lib/stats.mjs';

const outPath = process.argv[2];
const secIndex = process.argv.indexOf('--seconds');
const seconds = secIndex > 0 ? Number(process.argv[secIndex + 1]) : 6;
const engine = loadEngine();
const manifest = readJson(join(CORPUS, 'manifest.json'));
const bundlePath = join(BUILD, 'engine.js');

/** Line number (1-based) → module path, from esbuild's `// path/to/module.ts` markers. */
function moduleMap() {
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  const starts = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\/\/ ((?:src|node_modules|bench)\/[^\s]+)$/.exec(lines[i]);
    if (m) starts.push([i + 1, m[1]]);
  }
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = '(bundle prelude)';
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid][0] <= line) {
        found = starts[mid][1];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found.replace(/^node_modules\/([^/]+(?:\/[^/]+)?)\/.*$/, 'node_modules/$1');
  };
}

function moduleOfFrame(cf, moduleOf) {
  if (cf.url.endsWith('engine.js')) return moduleOf(cf.lineNumber + 1);
  if (!cf.url) return cf.functionName === '(garbage collector)' ? '(garbage collector)' : cf.functionName.startsWith('(') ? cf.functionName : '(native / wasm)';
  if (cf.url.startsWith('wasm://')) return '(wasm: tree-sitter)';
  return cf.url.replace(/^.*node_modules\//, 'node_modules/');
}

function summarizeProfile(profile, moduleOf) {
  const total = profile.samples.length;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Inclusive time per source module: each sample counts once for every src/ module on its stack.
  const inclusive = new Map();
  const stackModules = new Map();
  const modulesOnStack = (id) => {
    if (stackModules.has(id)) return stackModules.get(id);
    const set = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const m = moduleOfFrame(byId.get(cur).callFrame, moduleOf);
      if (m.startsWith('src/')) set.add(m);
    }
    stackModules.set(id, set);
    return set;
  };
  for (const id of profile.samples) for (const m of modulesOnStack(id)) inclusive.set(m, (inclusive.get(m) ?? 0) + 1);
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const modules = new Map();
  const functions = new Map();
  for (const [id, n] of counts) {
    const cf = byId.get(id).callFrame;
    const module = moduleOfFrame(cf, moduleOf);
    modules.set(module, (modules.get(module) ?? 0) + n);
    const fn = `${cf.functionName || '(anonymous)'} ${module}:${cf.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + n);
  }
  const top = (m, k) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, n]) => ({ name, share: round(n / total, 3) }));
  return { samples: total, modules: top(modules, 15), functions: top(functions, 15), inclusive: top(inclusive, 20) };
}

async function profileOne(frontEnd, f, config) {
  const path = join(CORPUS, f.path);
  const text = readFileSync(path, 'utf8');
  const comment = f.language === 'python' ? '#' : '//';
  for (let i = 0; i < 3; i++) engine.analyzeWith(frontEnd, `${text}${comment} warm ${i}\n`, config, path);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const end = performance.now() + seconds * 1000;
  let runs = 0;
  while (performance.now() < end || runs < 2) engine.analyzeWith(frontEnd, `${text}${comment} profile ${runs++}\n`, config, path);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return { path: f.path, runs, ...summarizeProfile(profile, moduleMap()) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Times each step separately, `runs` times (fresh text each run): parse, model, then each rule. */
function stepTimes(language, frontEnd, f, config, runs) {
  const path = join(CORPUS, f.path);
  const text = readFileSync(path, 'utf8');
  const times = new Map();
  const add = (k, v) => times.set(k, [...(times.get(k) ?? []), v]);
  let steps;
  if (language === 'python') {
    const inner = frontEnd.inner;
    steps = (t) => {
      let t0 = performance.now();
      const tree = inner.parse(t);
      add('parse (tree-sitter)', performance.now() - t0);
      // The syntax view: one walk copies the tree into flat arrays (src/core/python/view.ts).
      t0 = performance.now();
      const view = new engine.SyntaxTree(tree, t);
      add('syntax view (one walk)', performance.now() - t0);
      t0 = performance.now();
      const file = engine.buildPyFile(t, tree, config, view);
      add('model (PyFile)', performance.now() - t0);
      for (const rule of inner.rules(config)) {
        t0 = performance.now();
        rule.check(file);
        add(rule.meta.id, performance.now() - t0);
      }
      t0 = performance.now();
      inner.commentsIn(view.rootNode);
      inner.syntaxErrorCount(tree);
      add('comments + syntax errors', performance.now() - t0);
      tree.delete();
    };
  } else {
    const rulesPath = join(BUILD, 'ts-rules.js');
    if (!existsSync(rulesPath)) return null;
    const tsr = requireFromRoot(rulesPath);
    steps = (t) => {
      let t0 = performance.now();
      const sf = tsr.parseStandalone(t, path);
      add('parse (createSourceFile, parents)', performance.now() - t0);
      t0 = performance.now();
      const file = tsr.buildTsFile(t, sf, config);
      add('model (TsFile)', performance.now() - t0);
      for (const rule of tsr.TYPESCRIPT_RULES) {
        t0 = performance.now();
        rule.check(file);
        add(rule.meta.id, performance.now() - t0);
      }
    };
  }
  const comment = language === 'python' ? '#' : '//';
  steps(`${text}${comment} step warm-up\n`);
  for (let i = 0; i < runs; i++) steps(`${text}${comment} step ${i}\n`);
  const rows = [...times.entries()].map(([step, xs]) => ({ step, medianMs: round(median(xs)) }));
  const total = rows.reduce((n, r) => n + r.medianMs, 0);
  return rows.map((r) => ({ ...r, share: round(r.medianMs / total, 3) })).sort((a, b) => b.medianMs - a.medianMs);
}

const config = engine.resolveConfig({ timeBudgetMs: 600_000 });
const out = { profiles: [], notes: [] };
for (const language of ['python', 'typescript']) {
  const f = manifest.files.find((x) => x.language === language && x.size === 2000 && x.style === 'template');
  try {
    // (Python's step timing reads the parser and the model through the Python front end's own API.)
    const frontEnd = language === 'python' ? await engine.getPythonFrontEnd() : await engine.getFrontEnd(language);
    let steps = null;
    try {
      steps = stepTimes(language, frontEnd, f, config, 5);
    } catch (error) {
      out.notes.push(`${language} step timing: ${errorText(error)}`);
    }
    // Whether the view read trees from the runtime's memory (src/core/python/memoryWalk.ts) or with the cursor.
    const walk = language === 'python' ? { viewWalk: engine.usesMemoryWalk() ? 'memory' : 'cursor' } : {};
    out.profiles.push({ language, steps, ...walk, ...(await profileOne(frontEnd, f, config)) });
    process.stderr.write(`  profiled ${f.path}\n`);
  } catch (error) {
    out.notes.push(`${language}: ${errorText(error)}`);
  }
}
writeJson(outPath, out);
