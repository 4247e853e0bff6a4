// `npm run bench`: builds, generates the corpus, runs every measurement in its own process, then writes
// bench/results.json and BENCHMARKS.md. A benchmark, not a test: it always exits 0, and a failed or
// missing piece shows up in the report as "not available" / "failed" instead of stopping the run.
// Options: --quick (fewer runs), --skip-build, --seed N, --wait-idle SECONDS (default 180),
//          --cap-seconds N (workspace checks, default 120); for development: --only PATTERN (some corpus
//          files only), --steps inprocess,profile,contract,processes,workspace,activation (some steps only). A run
//          with --only or --steps writes bench/corpus/.out/results.partial.json and BENCHMARKS.partial.md;
//          --steps S --merge also puts those steps' results into bench/results.json (the last full run's) and
//          re-renders BENCHMARKS.md, which then says when each merged step ran.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { BENCH, BUILD, DIST, OUT, ROOT, errorText, readJson, requireFromRoot, writeJson } from './lib/common.mjs';
import { DEFAULT_SEED, generateCorpus } from './generate.mjs';
import { evaluateTargets, writeReport } from './report.mjs';
import { round } from './lib/stats.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const seed = Number(option('--seed', DEFAULT_SEED));
const waitIdle = Number(option('--wait-idle', 180));
const capSeconds = Number(option('--cap-seconds', 120));
const only = option('--only', null);
const steps = option('--steps', null)?.split(',');
const wants = (s) => !steps || steps.includes(s);
const partial = Boolean(only || steps);
const merge = flag('--merge') && Boolean(steps) && !only;
const started = performance.now();
const step = (m) => console.log(`\n▶ ${m}`);

function cpuModel() {
  try {
    const info = spawnSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-"], { encoding: 'utf8' }).stdout.trim();
    if (info) return info;
  } catch {
    // fall back to os.cpus()
  }
  return cpus()[0]?.model ?? 'unknown';
}

const results = {
  schema: 1,
  date: new Date().toISOString(),
  options: { quick, seed, capSeconds, only },
  environment: {
    node: process.version, v8: process.versions.v8, os: `${type()} ${release()}`, cpu: cpuModel(),
    cores: availableParallelism(), memoryGb: round(totalmem() / 1024 ** 3, 1),
    loadAverage: { start: loadavg().map((x) => round(x, 2)) },
  },
  notes: [],
};

// ---------------------------------------------------------------- build
function build() {
  if (flag('--skip-build')) return { skipped: true };
  step('npm run build (scripts/build.mjs)');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
  const out = { ok: r.status === 0, ms: round(performance.now() - t0) };
  if (!out.ok) {
    const errors = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /\[ERROR\]|Error:/.test(l)).slice(0, 5);
    out.errors = errors.length ? errors : [errorText(r.stderr)];
    console.log(`  build failed: ${out.errors.join(' | ')}`);
  } else console.log(`  built in ${(out.ms / 1000).toFixed(1)} s`);
  return out;
}

/** The engine bundled for in-process measurements, with the product's esbuild settings. */
async function benchBundles() {
  step('bundling the engine for in-process measurements');
  mkdirSync(BUILD, { recursive: true });
  const esbuild = requireFromRoot('esbuild');
  // As scripts/build.mjs: web-tree-sitter's CommonJS build (its ESM build reads import.meta.url).
  const treeSitterCjs = {
    name: 'web-tree-sitter-cjs',
    setup(b) {
      b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: join(ROOT, 'node_modules/web-tree-sitter/tree-sitter.cjs') }));
    },
  };
  const common = {
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'silent', absWorkingDir: ROOT,
    plugins: [treeSitterCjs],
  };
  const lazy = {
    name: 'lazy-typescript-frontend',
    setup(b) {
      b.onResolve({ filter: /^\.\/typescript\/frontend$/ }, () => ({ path: './typescript-frontend.js', external: true }));
    },
  };
  const out = { typescriptFrontEnd: true };
  try {
    await esbuild.build({ ...common, entryPoints: { engine: 'bench/engine-entry.ts' }, outdir: BUILD });
  } catch (error) {
    out.typescriptFrontEnd = false;
    out.typescriptError = errorText(error);
    console.log(`  the TypeScript front end does not build (${out.typescriptError}); TypeScript rows will say "not available"`);
    await esbuild.build({ ...common, entryPoints: { engine: 'bench/engine-entry.ts' }, outdir: BUILD, plugins: [lazy, treeSitterCjs] });
  }
  await esbuild.build({ ...common, entryPoints: { host: 'bench/host-entry.ts' }, outdir: BUILD, plugins: [lazy, treeSitterCjs] });
  await esbuild.build({ ...common, entryPoints: { contract: 'bench/contract-entry.ts' }, outdir: BUILD });
  if (out.typescriptFrontEnd) {
    try {
      await esbuild.build({ ...common, entryPoints: { 'ts-rules': 'bench/ts-rules-entry.ts' }, outdir: BUILD });
    } catch (error) {
      out.typescriptRulesError = errorText(error);
    }
  }
  return out;
}

async function waitForIdle() {
  const limit = availableParallelism();
  const t0 = performance.now();
  if (loadavg()[0] <= limit || waitIdle <= 0) return 0;
  step(`waiting up to ${waitIdle} s for the machine to calm down (1-minute load ${loadavg()[0].toFixed(1)} on ${limit} cores)`);
  while (loadavg()[0] > limit && performance.now() - t0 < waitIdle * 1000) await new Promise((r) => setTimeout(r, 5000));
  console.log(`  load now ${loadavg()[0].toFixed(1)}`);
  return round((performance.now() - t0) / 1000, 0);
}

/**
 * CPU time of the whole machine and of this process tree (this process plus its finished children),
 * in clock ticks, from /proc (Linux): the difference is what other processes used while we measured.
 */
function cpuSnapshot() {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const busy = total - cpu[3] - cpu[4];
    const self = readFileSync('/proc/self/stat', 'utf8');
    const f = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number);
    // After the command: state(0) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(11) stime cutime cstime
    const own = f[11] + f[12] + f[13] + f[14];
    return { total, busy, own };
  } catch {
    return null;
  }
}

const interference = {};
/** Share of the machine's CPU that other processes used during a step (null where /proc is unavailable). */
function measuredStep(name, fn) {
  const a = cpuSnapshot();
  const result = fn();
  const b = cpuSnapshot();
  if (a && b && b.total > a.total) {
    const others = Math.max(0, (b.busy - a.busy) - (b.own - a.own));
    interference[name] = round(others / (b.total - a.total), 3);
  }
  return result;
}

/** Runs one measurement step in its own process and returns its JSON (or the reason it failed). */
function child(name, script, extra = []) {
  step(name);
  const out = join(OUT, `${script.replace(/\W+/g, '-')}.json`);
  const t0 = performance.now();
  const r = measuredStep(script.replace(/\.\w+$/, ''), () => spawnSync(process.execPath, [join(BENCH, script), out, ...extra], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] }));
  const seconds = round((performance.now() - t0) / 1000, 1);
  if (interference[script.replace(/\.\w+$/, '')] !== undefined) console.log(`  other processes used ${Math.round(interference[script.replace(/\.\w+$/, '')] * 100)}% of the machine's CPU during this step`);
  if (r.status !== 0) return { error: `${script} exited with status ${r.status}`, seconds };
  const json = readJson(out);
  return json ? { ...json, seconds } : { error: `${script} wrote no results`, seconds };
}

function activation(runs) {
  step(`activation (${runs} fresh processes)`);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [join(BENCH, 'activation.cjs')], { cwd: ROOT, encoding: 'utf8' });
    try {
      samples.push(JSON.parse(r.stdout.trim().split('\n').pop()));
    } catch {
      samples.push({ error: errorText(r.stderr || r.stdout || `exit status ${r.status}`) });
    }
  }
  const ok = samples.filter((s) => !s.error);
  const med = (k) => {
    const xs = ok.map((s) => s[k]).sort((a, b) => a - b);
    return xs.length ? round(xs[Math.floor((xs.length - 1) / 2)], 1) : null;
  };
  const summary = {
    runs: samples.length, ok: ok.length,
    error: ok.length === 0 ? samples[0]?.error : undefined,
    totalMs: med('totalMs'), requireMs: med('requireMs'), activateMs: med('activateMs'), cpuMs: med('cpuMs'),
    maxTotalMs: ok.length ? round(Math.max(...ok.map((s) => s.totalMs)), 1) : null,
    minTotalMs: ok.length ? round(Math.min(...ok.map((s) => s.totalMs)), 1) : null,
    parserLoaded: ok.some((s) => s.parserLoaded), tsMorphLoaded: ok.some((s) => s.tsMorphLoaded),
    wasmCalls: ok.reduce((n, s) => n + s.wasmCalls, 0),
    modulesLoaded: ok[0]?.modulesLoaded ?? [], subscriptions: ok[0]?.subscriptions,
    unmodelledVscodeApi: ok[0]?.unmodelledVscodeApi ?? samples[0]?.unmodelledVscodeApi ?? [],
  };
  console.log(`  ${summary.error ?? `median ${summary.totalMs} ms (require ${summary.requireMs} ms, activate ${summary.activateMs} ms); parser loaded: ${summary.parserLoaded}, ts-morph loaded: ${summary.tsMorphLoaded}`}`);
  return summary;
}

function sizes() {
  const out = { dist: [], vsix: null };
  if (!existsSync(DIST)) return { ...out, note: 'dist/ does not exist' };
  for (const name of readdirSync(DIST).sort()) {
    if (name.endsWith('.js') || name.endsWith('.wasm')) out.dist.push({ name, bytes: statSync(join(DIST, name)).size, modified: statSync(join(DIST, name)).mtime.toISOString() });
  }
  const vsix = join(DIST, 'onex-forge.vsix');
  if (existsSync(vsix)) out.vsix = { name: 'dist/onex-forge.vsix', bytes: statSync(vsix).size, modified: statSync(vsix).mtime.toISOString() };
  else out.vsixNote = 'dist/onex-forge.vsix not found: run `npm run package` before the benchmark to measure it';
  return out;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  results.build = build();
  try {
    results.benchBundle = await benchBundles();
  } catch (error) {
    results.benchBundle = { error: errorText(error) };
    results.notes.push(`The engine could not be bundled for the benchmark: ${results.benchBundle.error}`);
  }
  step('corpus');
  results.corpus = generateCorpus({ seed, log: (m) => console.log(`  ${m}`) });
  results.environment.waitedForIdleS = await waitForIdle();
  results.environment.loadAverage.measured = loadavg().map((x) => round(x, 2));
  const extra = [...(quick ? ['--quick'] : []), ...(only ? ['--only', only] : [])];
  if (!results.benchBundle.error) {
    if (wants('inprocess')) results.inprocess = child('in-process: analysis vs parse floor vs peers, incremental re-analysis', 'inprocess.mjs', extra);
    if (wants('profile')) results.profile = child('CPU profile of the 2,000-line files', 'profile.mjs', ['--seconds', quick ? '3' : '6']);
    if (wants('contract')) results.contract = child('contract.yaml with its package vs the bare yaml parse', 'contract.mjs', quick ? ['--quick'] : []);
  }
  if (wants('processes')) results.processes = child('whole processes: pylint, flake8, ESLint CLI, our CLI', 'processes.mjs', quick ? ['--quick'] : []);
  if (wants('workspace')) results.workspace = only ? { skipped: '--only' } : child('2,000-file workspace check', 'workspace.mjs', ['--cap-seconds', String(capSeconds)]);
  if (wants('activation')) results.activation = measuredStep('activation', () => activation(quick ? 5 : 10));
  results.sizes = sizes();
  results.environment.loadAverage.end = loadavg().map((x) => round(x, 2));
  results.environment.otherProcessesCpuShare = interference;
  results.durationS = round((performance.now() - started) / 1000, 0);
  results.targets = evaluateTargets(results);
  // The corpus's per-file list is long and reproducible from the seed: keep the summary only.
  results.corpus = { ...results.corpus, workspace: { ...results.corpus.workspace, list: undefined } };
  const [jsonPath, mdPath] = partial
    ? [join(OUT, 'results.partial.json'), join(OUT, 'BENCHMARKS.partial.md')]
    : [join(BENCH, 'results.json'), join(ROOT, 'BENCHMARKS.md')];
  writeJson(jsonPath, results);
  writeReport(results, mdPath);
  step(`done in ${results.durationS} s: ${jsonPath.slice(ROOT.length + 1)} and ${mdPath.slice(ROOT.length + 1)}`);
  if (merge) mergeIntoFullRun(results);
  for (const t of results.targets) console.log(`  ${t.met === true ? 'met    ' : t.met === false ? 'NOT MET' : 'n/a    '}  ${t.text}: ${t.value}`);
}

/** --merge: the steps of this partial run replace theirs in the last full run's results, which BENCHMARKS.md is rendered from. */
function mergeIntoFullRun(partialResults) {
  const fullPath = join(BENCH, 'results.json');
  const full = readJson(fullPath);
  if (!full) {
    console.log('  --merge: bench/results.json not found (run the whole benchmark first)');
    return;
  }
  full.environment.otherProcessesCpuShare ??= {};
  full.mergedSteps ??= {};
  for (const name of steps) {
    if (partialResults[name] === undefined) continue;
    full[name] = partialResults[name];
    const share = partialResults.environment.otherProcessesCpuShare?.[name];
    if (share !== undefined) full.environment.otherProcessesCpuShare[name] = share;
    // (A step that dates its own results ran then; the run itself may have waited for the machine first.)
    full.mergedSteps[name] = { date: partialResults[name].date ?? partialResults.date, loadAverage: partialResults.environment.loadAverage };
  }
  full.targets = evaluateTargets(full);
  writeJson(fullPath, full);
  writeReport(full, join(ROOT, 'BENCHMARKS.md'));
  step(`merged ${steps.join(', ')} into bench/results.json and BENCHMARKS.md`);
}

try {
  await main();
} catch (error) {
  // A benchmark never fails the build: say what went wrong and exit 0.
  console.error(`benchmark error: ${error?.stack ?? error}`);
}
process.exitCode = 0;
