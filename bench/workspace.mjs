// The 2,000-file workspace check, hosted the way the extension hosts it: this process plays the
// extension host (reads each file, looks up the project configuration, converts findings) and sends
// the files to the extension's scan workers (src/extension/scanPool.ts: one worker thread over
// dist/worker.js per core, two files in flight per worker), so its own event loop stays free.
// perf_hooks.monitorEventLoopDelay in this process measures the longest stretch the loop was blocked.
// Then the CLI checks the same folder (a pool of worker threads on all cores).
// The generated workspace (bench/corpus/ws) is copied to a temporary folder first: bench/corpus/ is
// git-ignored, and both Check Workspace and the CLI rightly skip git-ignored files.
// Usage: node bench/workspace.mjs OUT.json [--cap-seconds N]
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { BUILD, CORPUS, DIST, errorText, flatVariant, loadEngine, requireFromRoot, writeJson } from './lib/common.mjs';
import { createRng } from './lib/prng.mjs';
import { round, summarize } from './lib/stats.mjs';

const outPath = process.argv[2];
const capIndex = process.argv.indexOf('--cap-seconds');
const capMs = (capIndex > 0 ? Number(process.argv[capIndex + 1]) : 120) * 1000;
const log = (m) => process.stderr.write(`  ${m}\n`);
const WS = mkdtempSync(join(tmpdir(), 'onex-forge-bench-ws-'));
cpSync(join(CORPUS, 'ws'), WS, { recursive: true });
const mb = (bytes) => round(bytes / 1024 / 1024, 1);

function listWorkspace() {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.py') || (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))) out.push(p);
    }
  };
  walk(WS);
  return out.sort();
}

/**
 * `index`: as the extension runs Check Workspace with the ONEX Nodes view: each analysis also hands the
 * file's facts, which feed the workspace index and its nodes (NodesModel) on this thread; at the end the
 * files whose hints changed are analysed again and the nodes are listed. Returns the model too.
 */
async function hostedCheck(allFiles, { index = false } = {}) {
  let files = allFiles;
  const script = join(DIST, 'worker.js');
  if (!existsSync(script)) return { error: `${script} is missing (npm run build failed?)` };
  const host = requireFromRoot(join(BUILD, 'host.js'));
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // The extension's own scan workers (one per core) and scheduling (two files in flight per worker).
  const pool = new host.ScanPool(DIST, log);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  // WorkspaceChecker.run: the found files minus .gitignore'd ones (vscode.workspace.findFiles is not modelled).
  const git = new host.GitIgnore(WS);
  // A seeded shuffle: Python and TypeScript files mixed as a folder walk would meet them, so that a
  // check stopped at the cap has seen a representative sample (and its projection means something).
  files = createRng(7).shuffle(files.filter((f) => !git.ignores(f)));
  let findings = 0;
  let syntaxErrors = 0;
  let analysed = 0;
  let done = 0;
  let longestHostStepMs = 0;
  const skipped = {};
  const failures = [];
  let stoppedAtCap = false;
  let tsDone = 0;
  const rssTimeline = [];
  const planner = new host.ProjectPlanner();
  const configs = new Map();
  const model = index ? new host.NodesModel({ roots: [WS] }) : null;
  let indexMs = 0;
  let finalIndexMs = 0;
  let longestIndexSliceMs = 0;
  await host.scanByLanguage(files, host.languageOfPath, pool.size * 2, async (path) => {
    const language = host.languageOfPath(path);
    try {
      const bytes = await readFile(path);
      const s0 = performance.now();
      // As WorkspaceChecker.checkFile does in a scan: the project configuration from the scan's
      // ProjectPlanner (once per folder), its exclude list, and the folder's engine configuration.
      const project = planner.projectFor(path);
      if (planner.isExcluded(path, project)) { // (the generated workspace excludes nothing)
        done++;
        return;
      }
      const folder = dirname(path);
      let config = configs.get(folder);
      if (!config) configs.set(folder, (config = host.resolveConfig(project.config)));
      const text = new TextDecoder('utf-8').decode(bytes);
      longestHostStepMs = Math.max(longestHostStepMs, performance.now() - s0);
      const response = await pool.request({ kind: 'analyze', language, text, config, fileName: path, facts: index }, config.timeBudgetMs * 5 + 10_000);
      if (!response.ok) throw new Error(response.error);
      const s1 = performance.now();
      const result = response.result;
      // The diagnostics the extension would publish (toDiagnostic's work, without vscode).
      const diagnostics = result.findings.map((f) => ({ range: f.range, message: f.message, code: f.ruleId, severity: f.severity, source: 'onex' }));
      findings += diagnostics.length;
      if (model) {
        const i0 = performance.now();
        model.update(path, result);
        indexMs += performance.now() - i0;
      }
      syntaxErrors += result.syntaxErrors;
      if (result.skipped) skipped[result.skipped.kind] = (skipped[result.skipped.kind] ?? 0) + 1;
      else analysed++;
      longestHostStepMs = Math.max(longestHostStepMs, performance.now() - s1);
    } catch (error) {
      failures.push(`${path.slice(WS.length + 1)}: ${errorText(error)}`);
    }
    done++;
    if (language === 'typescript') tsDone++;
    if (done % 250 === 0) {
      rssTimeline.push({ files: done, typescriptFiles: tsDone, rssMb: mb(process.memoryUsage().rss) });
      log(`hosted check: ${done}/${files.length} files, ${((performance.now() - started) / 1000).toFixed(1)} s, RSS ${rssTimeline.at(-1).rssMb} MB`);
    }
  }, () => {
    if (performance.now() - started > capMs) stoppedAtCap = true;
    return stoppedAtCap;
  }, (on) => {
    pool.gatherHeavy = on;
  });
  // As WorkspaceNodes does once a scan ends: the files whose hints changed are analysed again, and the
  // view lists the nodes.
  let reanalysed = 0;
  let nodes = 0;
  if (model) {
    // As WorkspaceNodes does: the index's pending work in slices of 12 ms, one turn of the event loop each.
    for (let done = false; !done;) {
      const s0 = performance.now();
      done = model.advance(12);
      const slice = performance.now() - s0;
      finalIndexMs += slice;
      longestIndexSliceMs = Math.max(longestIndexSliceMs, slice);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const s0 = performance.now();
    const again = model.changedHints();
    finalIndexMs += performance.now() - s0;
    for (const path of again) {
      const response = await pool.request({ kind: 'analyze', language: host.languageOfPath(path), text: await readFile(path, 'utf8'), config: host.resolveConfig({ workspace: model.hintsFor(path) }), fileName: path, facts: true }, 20_000);
      if (response.ok) model.update(path, response.result);
      reanalysed++;
    }
    const n0 = performance.now();
    nodes = model.nodes().length;
    finalIndexMs += performance.now() - n0;
  }
  const workerLanguages = pool.loaded;
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  histogram.disable();
  // Memory right after the check, with the workers (and their parsers) still alive: one process, all threads.
  const memory = process.memoryUsage();
  const peakRssKb = process.resourceUsage().maxRSS;
  // As WorkspaceChecker does at the end of a scan: the scan workers stop.
  pool.dispose();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const afterScanRssMb = mb(process.memoryUsage().rss);
  return {
    model,
    index: model ? { nodes, indexedFiles: model.index.size, reanalysed, hostIndexMs: round(indexMs + finalIndexMs), perFileUpdatesMs: round(indexMs), finalMs: round(finalIndexMs), longestSliceMs: round(longestIndexSliceMs) } : undefined,
    workers: pool.size, workerLanguages,
    files: files.length, done, analysed, findings, syntaxErrors, skipped, failures: failures.length, failureSamples: failures.slice(0, 5),
    stoppedAtCap, capMs,
    totalMs: round(totalMs), filesPerSecond: round(done / (totalMs / 1000), 1),
    cpuMs: round((cpu.user + cpu.system) / 1000),
    projectedTotalMs: stoppedAtCap ? round(totalMs * files.length / done) : undefined,
    eventLoop: {
      maxBlockMs: round(histogram.max / 1e6, 1), p99Ms: round(histogram.percentile(99) / 1e6, 1),
      meanMs: round(histogram.mean / 1e6, 2), resolutionMs: 10, longestHostStepMs: round(longestHostStepMs, 1),
    },
    memory: {
      rssMb: mb(memory.rss), afterScanRssMb, heapUsedMb: mb(memory.heapUsed), heapTotalMb: mb(memory.heapTotal),
      externalMb: mb(memory.external), arrayBuffersMb: mb(memory.arrayBuffers), peakRssMb: round(peakRssKb / 1024, 1),
      note: 'process.memoryUsage() of the host process right after the check, scan workers alive (RSS covers all threads; heap is the host thread only); afterScanRssMb: 1 s after the scan workers were stopped',
      timeline: rssTimeline,
    },
  };
}

/**
 * Runs a command in its own process group and collects its output; past the cap the whole group is
 * killed (GNU time and the CLI under it), so nothing outlives the benchmark.
 */
function runCapped(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, capMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, error, timedOut, stdout: '', stderr: String(error) });
    });
  });
}

async function cliCheck(files) {
  const cli = join(DIST, 'cli.js');
  if (!existsSync(cli)) return { error: `${cli} is missing (npm run build failed?)` };
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  // Default text output: its summary line says how many files were checked (the JSON output does not).
  const args = [process.execPath, cli, 'check', '--fail-on', 'never', WS];
  const t0 = performance.now();
  const r = gnuTime ? await runCapped(gnuTime, ['-f', '__TIME__ %M %U %S', ...args]) : await runCapped(args[0], args.slice(1));
  const totalMs = performance.now() - t0;
  const timedOut = r.timedOut;
  const out = { files: files.length, totalMs: round(totalMs), status: r.status, workers: Math.min(availableParallelism(), Math.ceil(files.length / 4)) };
  if (timedOut) return { ...out, stoppedAtCap: true, capMs, error: `did not finish within the ${capMs / 1000} s cap` };
  const peak = r.stderr?.match(/__TIME__ (\d+) ([\d.]+) ([\d.]+)/);
  if (peak) {
    out.peakRssMb = round(Number(peak[1]) / 1024, 1);
    out.cpuMs = round((Number(peak[2]) + Number(peak[3])) * 1000);
  }
  if (r.status !== 0 && r.status !== 1) return { ...out, error: `exit status ${r.status}: ${errorText(r.stderr?.replace(/__TIME__.*$/m, '').trim() || r.stdout)}` };
  // "N problems (...) in F of C files." or "No ONEX problems in C files."
  const summary = r.stdout.trim().split('\n').pop() ?? '';
  const some = /^(\d+) problems? .* in (\d+) of (\d+) files?\.$/.exec(summary);
  const none = /^No ONEX problems in (\d+) files?\.$/.exec(summary);
  if (!some && !none) return { ...out, error: `unexpected output: ${errorText(summary)}` };
  out.findings = some ? Number(some[1]) : 0;
  out.filesWithFindings = some ? Number(some[2]) : 0;
  out.checked = Number(some ? some[3] : none[1]);
  out.notices = r.stdout.split('\n').filter((l) => /Skipped:|Stopped:|Analysis failed/.test(l)).length;
  if (out.checked !== files.length) return { ...out, error: `the CLI checked ${out.checked} of ${files.length} files` };
  out.filesPerSecond = round(files.length / (totalMs / 1000), 1);
  return out;
}

/**
 * After a save: the saved file analysed (as the extension's worker does for a file saved on disk, with
 * and without the index's facts), then the index and the view brought up to date (NodesModel.update, the
 * hints that changed, the nodes listed and grouped by package folder as the view's root asks). Over a
 * seeded sample of node modules and supporting modules of the indexed workspace, each saved nine times
 * with a different trailing comment (the first save warms up and is not counted).
 */
async function saveCost(model) {
  const engine = loadEngine();
  const config = engine.resolveConfig({});
  const nodeFiles = new Set(model.nodes().map((n) => n.file));
  const rng = createRng(11);
  const sample = [...rng.shuffle([...nodeFiles]).slice(0, 20), ...rng.shuffle(model.index.paths().filter((p) => !nodeFiles.has(p))).slice(0, 20)];
  const rows = [];
  for (const path of sample) {
    const language = path.endsWith('.py') ? 'python' : 'typescript';
    const frontEnd = await engine.getFrontEnd(language);
    const text = readFileSync(path, 'utf8');
    const plain = [];
    const withFacts = [];
    const update = [];
    for (let i = 0; i < 9; i++) {
      const variant = flatVariant(text, language === 'python' ? `\n# saved ${i}\n` : `\n// saved ${i}\n`);
      const a0 = performance.now();
      engine.analyzeWith(frontEnd, variant, config, path);
      const a1 = performance.now();
      const result = engine.analyzeWith(frontEnd, variant, config, path, undefined, { facts: true });
      const u0 = performance.now();
      model.update(path, result);
      model.changedHints();
      const groups = new Map();
      for (const n of model.nodes()) {
        const list = groups.get(n.group);
        if (list) list.push(n);
        else groups.set(n.group, [n]);
      }
      const u1 = performance.now();
      if (i === 0) continue;
      plain.push(a1 - a0);
      withFacts.push(u0 - a1);
      update.push(u1 - u0);
    }
    const analysisMs = summarize(plain).medianMs;
    // The facts' share: the fastest analysis with them less the fastest without (a difference of medians
    // or of pairs takes in whatever paused either run; the minima are what the work costs).
    const factsMs = Math.max(0, Math.min(...withFacts) - Math.min(...plain));
    const updateMs = summarize(update).medianMs;
    rows.push({ file: path.slice(WS.length + 1), language, node: nodeFiles.has(path), analysisMs, factsMs: round(factsMs), updateMs, ratio: round((factsMs + updateMs) / analysisMs) });
  }
  const ratios = rows.map((r) => r.ratio).sort((a, b) => a - b);
  return {
    files: rows.length, nodes: nodeFiles.size, indexedFiles: model.index.size,
    medianRatio: round(ratios[Math.floor((ratios.length - 1) / 2)]), maxRatio: round(ratios[ratios.length - 1]),
    medianAnalysisMs: summarize(rows.map((r) => r.analysisMs)).medianMs, medianFactsMs: summarize(rows.map((r) => r.factsMs)).medianMs,
    medianUpdateMs: summarize(rows.map((r) => r.updateMs)).medianMs, maxUpdateMs: round(Math.max(...rows.map((r) => r.updateMs))),
    rows,
  };
}

const files = listWorkspace();
const results = { files: files.length };
const describe = (r) => r.error ?? `${r.done} files in ${(r.totalMs / 1000).toFixed(1)} s (CPU ${(r.cpuMs / 1000).toFixed(1)} s), longest event-loop block ${r.eventLoop.maxBlockMs} ms, RSS ${r.memory.rssMb} MB`;
// Three checks in a row, as Check Workspace runs without the index, with it (the ONEX Nodes view's index
// fed by the check), and without it again: the index's cost is the indexed check against the mean of the two others.
for (const [key, index, what] of [['hosted', false, 'hosted check'], ['indexed', true, 'hosted check with the workspace index'], ['hostedAgain', false, 'hosted check again']]) {
  log(`${what} of ${files.length} files (the extension's scan workers over dist/worker.js, cap ${capMs / 1000} s)`);
  try {
    results[key] = await hostedCheck(files, { index });
  } catch (error) {
    results[key] = { error: errorText(error) };
  }
  log(`${what}: ${describe(results[key])}${results[key].index ? `; ${results[key].index.nodes} nodes in ${results[key].index.indexedFiles} indexed files, ${results[key].index.hostIndexMs} ms on this thread` : ''}`);
}
const model = results.indexed.model;
for (const key of ['hosted', 'indexed', 'hostedAgain']) delete results[key].model;
if (model) {
  log('after a save: the analysis of the saved file, then the index and the view brought up to date');
  try {
    results.indexSave = await saveCost(model);
    log(`after a save: median (facts + index + view) / analysis ${results.indexSave.medianRatio}×, at most ${results.indexSave.maxRatio}× (analysis ${results.indexSave.medianAnalysisMs} ms, facts ${results.indexSave.medianFactsMs} ms, index and view ${results.indexSave.medianUpdateMs} ms)`);
  } catch (error) {
    results.indexSave = { error: errorText(error) };
  }
}
log('CLI check of the same folder');
results.cli = await cliCheck(files);
log(`CLI: ${results.cli.error ?? `${(results.cli.totalMs / 1000).toFixed(1)} s, ${results.cli.findings} findings`}`);
rmSync(WS, { recursive: true, force: true });
writeJson(outPath, results);
