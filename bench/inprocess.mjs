// In-process measurements, warm, per file: our analysis next to the parser floor and to the peers in
// the same process (ruff's WebAssembly build for Python, ESLint 9 Linter.verify with typescript-eslint
// for TypeScript), and re-analysis after a one-line edit with incremental parsing.
// Usage: node bench/inprocess.mjs OUT.json [--quick]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, ROOT, errorText, flatVariant, loadEngine, readJson, requireFromRoot, writeJson } from './lib/common.mjs';
import { measureCases, median, round, summarize } from './lib/stats.mjs';

const outPath = process.argv[2];
const quick = process.argv.includes('--quick');
const onlyIndex = process.argv.indexOf('--only');
/** `--only python/template-300` limits the per-file measurements to matching corpus paths (for development). */
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : null;
const log = (m) => process.stderr.write(`  ${m}\n`);

const engine = loadEngine();
const manifest = readJson(join(CORPUS, 'manifest.json'));
if (!manifest) throw new Error('no corpus: run bench/generate.mjs');

/** No time budget while measuring: we time complete analyses (the default budget is reported separately). */
const MEASURE_CONFIG = engine.resolveConfig({ timeBudgetMs: 600_000 });
const DEFAULT_CONFIG = engine.resolveConfig({});

function planFor(lines) {
  const scale = quick ? 0.3 : 1;
  if (lines <= 500) return { budgetMs: 2000 * scale, maxRuns: 200, minRuns: 10 };
  if (lines <= 5000) return { budgetMs: 3000 * scale, maxRuns: 60, minRuns: 5 };
  return { budgetMs: 8000 * scale, maxRuns: 15, minRuns: 3, maxWarmup: 2 };
}


async function main() {
  const results = { perFile: [], incremental: [], corpusCheck: [], peers: {}, notes: [] };

  // ---------------------------------------------------------------- loading
  const t0 = performance.now();
  const python = await engine.getPythonFrontEnd();
  const parser = await engine.getPythonParser();
  results.load = { pythonFrontEndMs: round(performance.now() - t0) };
  let typescript = null;
  try {
    const t1 = performance.now();
    typescript = await engine.getFrontEnd('typescript');
    results.load.typescriptFrontEndMs = round(performance.now() - t1);
  } catch (error) {
    results.notes.push(`TypeScript front end not available: ${errorText(error)}`);
  }
  const { ts } = engine;

  let ruff = null;
  try {
    const r = requireFromRoot('@astral-sh/ruff-wasm-nodejs');
    ruff = {
      version: r.Workspace.version(),
      // ruff's CLI default rule set (E4, E7, E9, F) and the wasm package's own default settings
      // (the playground's selection of about 400 rules).
      cliDefaults: new r.Workspace({ lint: { select: ['E4', 'E7', 'E9', 'F'] } }, r.PositionEncoding.Utf16),
      playground: new r.Workspace(r.Workspace.defaultSettings(), r.PositionEncoding.Utf16),
    };
    results.peers.ruff = { version: ruff.version, package: '@astral-sh/ruff-wasm-nodejs' };
  } catch (error) {
    results.notes.push(`ruff wasm not available: ${errorText(error)}`);
  }

  let eslint = null;
  try {
    const { Linter } = requireFromRoot('eslint');
    const tsParser = requireFromRoot('@typescript-eslint/parser');
    const linter = new Linter({ configType: 'flat', cwd: ROOT });
    const config = [{
      files: ['**/*.ts'],
      languageOptions: { parser: tsParser },
      rules: {
        'no-restricted-syntax': ['warn', {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use performance.now() to measure durations.',
        }],
      },
    }];
    eslint = { linter, config, version: Linter.version, parserVersion: requireFromRoot('@typescript-eslint/parser/package.json').version };
    results.peers.eslint = { version: eslint.version, parser: `@typescript-eslint/parser ${eslint.parserVersion}`, rule: 'no-restricted-syntax (Date.now() calls)' };
  } catch (error) {
    results.notes.push(`ESLint not available: ${errorText(error)}`);
  }

  // ---------------------------------------------------------------- corpus self-check
  for (const f of manifest.files.filter((x) => !only || x.path.includes(only))) {
    const path = join(CORPUS, f.path);
    const text = readFileSync(path, 'utf8');
    const entry = { path: f.path, language: f.language, style: f.style, lines: f.lines, bytes: f.bytes };
    const frontEnd = f.language === 'python' ? python : typescript;
    if (!frontEnd) {
      entry.error = 'front end not available';
    } else {
      const withDefault = engine.analyzeWith(frontEnd, text, DEFAULT_CONFIG, path);
      const full = engine.analyzeWith(frontEnd, text, MEASURE_CONFIG, path);
      entry.syntaxErrors = full.syntaxErrors;
      entry.findings = full.findings.length;
      entry.byRule = {};
      for (const x of full.findings) entry.byRule[x.ruleId] = (entry.byRule[x.ruleId] ?? 0) + 1;
      entry.skippedWithDefaultBudget = withDefault.skipped?.kind ?? null;
      entry.skipped = full.skipped?.kind ?? null;
    }
    if (f.language === 'typescript') {
      entry.tsParseDiagnostics = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true).parseDiagnostics.length;
    }
    results.corpusCheck.push(entry);
    log(`check ${f.path}: ${entry.error ?? `${entry.findings} findings, ${entry.syntaxErrors} syntax errors${entry.skippedWithDefaultBudget ? `, stopped by the default ${DEFAULT_CONFIG.timeBudgetMs} ms budget` : ''}`}`);
  }

  // ---------------------------------------------------------------- per-file analysis vs floor vs peer
  for (const f of manifest.files.filter((x) => !only || x.path.includes(only))) {
    const path = join(CORPUS, f.path);
    const text = readFileSync(path, 'utf8');
    const comment = f.language === 'python' ? '#' : '//';
    const prepare = (k) => flatVariant(text, `${comment} bench run ${k}\n`);
    const row = { language: f.language, style: f.style, size: f.size, lines: f.lines, bytes: f.bytes, path: f.path };
    const cases = [];
    if (f.language === 'python') {
      cases.push({
        id: 'ours', prepare, run: (v) => engine.analyzeWith(python, v, MEASURE_CONFIG, path),
        keepResult: (r) => ({ parseMs: r.parseMs, rulesMs: r.rulesMs, skipped: r.skipped?.kind }),
      });
      cases.push({ id: 'floor', prepare, run: (v) => parser.parse(v).delete() });
      if (ruff) {
        cases.push({ id: 'ruff', prepare, run: (v) => ruff.cliDefaults.check(v) });
        cases.push({ id: 'ruffPlayground', prepare, run: (v) => ruff.playground.check(v) });
      }
    } else {
      if (typescript) {
        cases.push({
          id: 'ours', prepare, run: (v) => engine.analyzeWith(typescript, v, MEASURE_CONFIG, path),
          keepResult: (r) => ({ parseMs: r.parseMs, rulesMs: r.rulesMs, skipped: r.skipped?.kind }),
        });
      }
      cases.push({ id: 'floor', prepare, run: (v) => ts.createSourceFile(path, v, ts.ScriptTarget.Latest) });
      cases.push({ id: 'floorWithParents', prepare, run: (v) => ts.createSourceFile(path, v, ts.ScriptTarget.Latest, true) });
      if (eslint) cases.push({ id: 'eslint', prepare, run: (v) => eslint.linter.verify(v, eslint.config, { filename: path }) });
    }
    const started = performance.now();
    let m;
    try {
      m = measureCases(cases, planFor(f.lines));
    } catch (error) {
      row.error = errorText(error);
      results.perFile.push(row);
      log(`${f.path}: failed: ${row.error}`);
      continue;
    }
    for (const [id, s] of Object.entries(m)) {
      const { results: kept, ...summary } = s;
      row[id] = summary;
      if (id === 'ours' && kept.length) {
        row.ours.parseMs = median(kept.map((x) => x.parseMs));
        row.ours.rulesMs = median(kept.map((x) => x.rulesMs));
        row.ours.skipped = kept.find((x) => x.skipped)?.skipped ?? null;
      }
    }
    if (row.ours) {
      row.ratioFloor = round(row.ours.medianMs / row.floor.medianMs, 2);
      const peer = row.ruff ?? row.eslint;
      if (peer) row.ratioPeer = round(peer.medianMs / row.ours.medianMs, 2);
    }
    if (f.language === 'python' && row.ruff) {
      row.peerFindings = ruff.cliDefaults.check(text).length;
      row.peerPlaygroundFindings = ruff.playground.check(text).length;
    }
    if (f.language === 'typescript' && eslint) row.peerFindings = eslint.linter.verify(text, eslint.config, { filename: path }).length;
    results.perFile.push(row);
    const peer = row.ruff ? `ruff ${row.ruff.medianMs} ms` : row.eslint ? `eslint ${row.eslint.medianMs} ms` : 'no peer';
    log(`${f.path}: ours ${row.ours?.medianMs ?? 'n/a'} ms (parse ${row.ours?.parseMs ?? '-'}, rules ${row.ours?.rulesMs ?? '-'}), floor ${row.floor.medianMs} ms, ${peer} [${((performance.now() - started) / 1000).toFixed(1)} s]`);
  }

  // ---------------------------------------------------------------- one-line edit, incremental re-parse
  // Three edits: in a string literal (what the target is held to), in a local variable's name, and in
  // a method's name (which the rules read: they run again).
  for (const edit of ['string', 'name', 'method']) {
    for (const f of manifest.files.filter((x) => x.language === 'python' && x.size === 2000 && (!only || x.path.includes(only)))) {
      try {
        results.incremental.push(incremental(f, python, ruff, edit));
      } catch (error) {
        results.incremental.push({ path: f.path, edit, error: errorText(error) });
        log(`incremental ${f.path} (${edit}): failed: ${errorText(error)}`);
      }
    }
  }

  writeJson(outPath, results);
}

/**
 * Where to type, on the line nearest the middle of the file that has one: inside a string literal
 * ('string'), or after the first letter of a local variable's name where it is assigned ('name'), or
 * of a method's name where it is defined ('method').
 */
function editPoint(text, edit) {
  const lines = text.split('\n');
  const mid = Math.floor(lines.length / 2);
  const columnIn = (line) => {
    if (line.trimStart().startsWith('#')) return -1;
    if (edit === 'string') {
      const q = line.indexOf('"');
      return q > 0 && line.indexOf('"', q + 1) > q + 1 ? q + 1 : -1;
    }
    if (edit === 'method') {
      // A method of a class at module level: one indentation unit (nested functions are locals).
      const d = /^( {4}(?:async )?def )[a-z_][a-z0-9_]{2,}\(/.exec(line);
      return d ? d[1].length + 1 : -1;
    }
    const m = /^(\s+)([a-z_][a-z0-9_]{2,}) = /.exec(line);
    return m && m[2] !== 'self' ? m[1].length + 1 : -1;
  };
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      const line = lines[i];
      if (line === undefined) continue;
      const column = columnIn(line);
      if (column > 0) {
        let offset = 0;
        for (let j = 0; j < i; j++) offset += lines[j].length + 1;
        return { row: i, column, offset: offset + column };
      }
    }
  }
  throw new Error(`no ${edit} to edit`);
}

function incremental(f, python, ruff, edit) {
  const path = join(CORPUS, f.path);
  const base = readFileSync(path, 'utf8');
  const at = editPoint(base, edit);
  // Alternately type one character there and delete it again: a one-line edit each time.
  const texts = [base, base.slice(0, at.offset) + 'x' + base.slice(at.offset)];
  const editFor = (k) => {
    const inserting = k % 2 === 0;
    const { row, column, offset } = at;
    return inserting
      ? { startIndex: offset, oldEndIndex: offset, newEndIndex: offset + 1, startPosition: { row, column }, oldEndPosition: { row, column }, newEndPosition: { row, column: column + 1 } }
      : { startIndex: offset, oldEndIndex: offset + 1, newEndIndex: offset, startPosition: { row, column }, oldEndPosition: { row, column: column + 1 }, newEndPosition: { row, column } };
  };
  let tree = python.findRawKeepingTree(base, MEASURE_CONFIG).tree;
  let k = 0;
  let lastFindings = null;
  const reanalyse = () => {
    const text = texts[(k + 1) % 2];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    tree.edit(editFor(k));
    const analysis = python.findRawKeepingTree(text, MEASURE_CONFIG, tree);
    const findings = engine.finalizeFindings(text, analysis, MEASURE_CONFIG);
    if (analysis.tree !== tree) tree.delete();
    tree = analysis.tree;
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    lastFindings = { text, findings };
    k++;
    return { dt, cpuMs: (c.user + c.system) / 1000, parseMs: analysis.parseMs, rulesMs: analysis.rulesMs, carriedOver: analysis.carriedOver };
  };
  const warm = quick ? 5 : 15;
  const runs = quick ? 20 : 60;
  for (let i = 0; i < warm; i++) reanalyse();
  const samples = [];
  const parse = [];
  const rules = [];
  const cpu = [];
  const budget = quick ? 3000 : 8000;
  let spent = 0;
  let carried = 0;
  while (samples.length < runs && (samples.length < 6 || spent < budget)) {
    const r = reanalyse();
    if (r.carriedOver) carried++;
    samples.push(r.dt);
    parse.push(r.parseMs);
    rules.push(r.rulesMs);
    cpu.push(r.cpuMs);
    spent += r.dt;
  }
  // Full (non-incremental) analysis and ruff on the same edited texts, interleaved the same way.
  const full = [];
  const ruffSamples = [];
  for (let i = 0; i < Math.min(samples.length, 20); i++) {
    const text = flatVariant(texts[i % 2], '');
    let t0 = performance.now();
    engine.analyzeWith(python, text, MEASURE_CONFIG, path);
    full.push(performance.now() - t0);
    if (ruff) {
      t0 = performance.now();
      ruff.cliDefaults.check(text);
      ruffSamples.push(performance.now() - t0);
    }
  }
  // The incremental result must equal a full analysis of the same text.
  const reference = engine.analyzeWith(python, lastFindings.text, MEASURE_CONFIG, path).findings;
  const key = (xs) => JSON.stringify(xs.map((x) => [x.ruleId, x.span.start, x.span.end, x.message]));
  tree.delete();
  const row = {
    path: f.path, style: f.style, lines: f.lines, edit, editLine: at.row + 1, editedText: base.split('\n')[at.row].trim(),
    incremental: { ...summarize(samples), cpuMedianMs: median(cpu), parseMs: median(parse), rulesMs: median(rules), carriedOver: carried },
    fullReanalysis: summarize(full),
    ruff: ruffSamples.length ? summarize(ruffSamples) : null,
    matchesFullAnalysis: key(lastFindings.findings) === key(reference),
  };
  log(`incremental ${f.path} (${edit}, line ${row.editLine}): ${row.incremental.medianMs} ms (parse ${row.incremental.parseMs}, rules ${row.incremental.rulesMs}; findings carried over ${carried} of ${samples.length} times); full ${row.fullReanalysis.medianMs} ms; ruff ${row.ruff?.medianMs ?? 'n/a'} ms; same findings as a full analysis: ${row.matchesFullAnalysis}`);
  return row;
}

await main();
