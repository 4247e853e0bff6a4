// Whole processes, per file: pylint (one comparable checker, and plain), flake8, the ESLint CLI and
// our CLI, each started fresh for each file; wall time from spawnSync, median of a few runs.
// Usage: node bench/processes.mjs OUT.json [--quick]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CORPUS, DIST, ROOT, errorText, readJson, requireFromRoot, writeJson } from './lib/common.mjs';
import { round, summarize } from './lib/stats.mjs';

const outPath = process.argv[2];
const quick = process.argv.includes('--quick');
const log = (m) => process.stderr.write(`  ${m}\n`);
const manifest = readJson(join(CORPUS, 'manifest.json'));

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function version(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').trim().split('\n')[0];
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs a command; `ok` decides from the exit status whether the run counts (linters exit non-zero on
 * findings). Under GNU time (when installed) the run also reports its CPU time and peak RSS.
 */
function run(tool, file) {
  const [cmd, args] = GNU_TIME ? [GNU_TIME, ['-f', '__TIME__ %U %S %M', tool.cmd, ...tool.args(file)]] : [tool.cmd, tool.args(file)];
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: tool.cwd ?? tmpdir(), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  const ms = performance.now() - t0;
  let stderr = r.stderr ?? '';
  let cpuMs = null;
  let rssMb = null;
  const t = /__TIME__ ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(stderr);
  if (t) {
    cpuMs = (Number(t[1]) + Number(t[2])) * 1000;
    rssMb = Number(t[3]) / 1024;
    stderr = stderr.slice(0, t.index);
  }
  const ok = !r.error && tool.ok(r.status);
  return { ms, cpuMs, rssMb, ok, status: r.status, stdout: r.stdout ?? '', stderr, error: r.error };
}

const tools = [];
/** pylint's exit status is a bit mask of message kinds; 1 (fatal) and 32 (usage error) mean it did not check. */
const pylintOk = (s) => s !== null && s < 32 && (s & 1) === 0;
const missing = [];
const pylint = which('pylint');
const flake8 = which('flake8');
if (pylint) {
  const v = version(pylint, ['--version']);
  // W0718 broad-exception-caught: pylint's closest single checker to ONEX004 (broad handlers).
  tools.push({ id: 'pylintOne', name: 'pylint, one checker (broad-exception-caught)', language: 'python', version: v, cmd: pylint, args: (f) => ['--disable=all', '--enable=broad-exception-caught', '--score=n', '--persistent=n', f], ok: pylintOk });
  tools.push({ id: 'pylint', name: 'pylint (default checkers)', language: 'python', version: v, cmd: pylint, args: (f) => ['--score=n', '--persistent=n', f], ok: pylintOk });
} else missing.push('pylint (Debian package pylint) is not installed: its rows say "not available"');
if (flake8) {
  tools.push({ id: 'flake8', name: 'flake8 (default checks)', language: 'python', version: version(flake8, ['--version']), cmd: flake8, args: (f) => [f], ok: (s) => s === 0 || s === 1 });
} else missing.push('flake8 (Debian package flake8) is not installed: its rows say "not available"');

// ESLint CLI with a flat config in a temporary directory (the file is copied next to it).
let eslintDir = null;
try {
  const eslintBin = join(ROOT, 'node_modules/eslint/bin/eslint.js');
  const parserEntry = requireFromRoot.resolve('@typescript-eslint/parser');
  if (!existsSync(eslintBin)) throw new Error('node_modules/eslint is missing');
  eslintDir = mkdtempSync(join(tmpdir(), 'onex-bench-eslint-'));
  writeFileSync(join(eslintDir, 'eslint.config.mjs'), [
    `import parser from ${JSON.stringify(pathToFileURL(parserEntry).href)};`,
    'export default [{',
    "  files: ['**/*.ts'],",
    '  languageOptions: { parser },',
    "  rules: { 'no-restricted-syntax': ['warn', { selector: \"CallExpression[callee.object.name='Date'][callee.property.name='now']\", message: 'Use performance.now() to measure durations.' }] },",
    '}];',
    '',
  ].join('\n'));
  tools.push({
    id: 'eslintCli', name: 'ESLint CLI + typescript-eslint (one rule)', language: 'typescript',
    version: `eslint ${requireFromRoot('eslint/package.json').version}`, cmd: process.execPath, cwd: eslintDir,
    args: (f) => [eslintBin, basename(f)], ok: (s) => s === 0 || s === 1,
    stage: (f) => {
      const target = join(eslintDir, basename(f));
      copyFileSync(f, target);
      return target;
    },
  });
} catch (error) {
  missing.push(`ESLint CLI not available: ${errorText(error)}`);
}

// The floor of any Node.js tool as a process: node running an empty script (one-line file only).
tools.push({ id: 'nodeBare', name: 'node -e "" (an empty script: the floor of any Node.js tool)', language: 'python', version: `node ${process.version}`, cmd: process.execPath, args: () => ['-e', ''], ok: (s) => s === 0, oneLineOnly: true });

const cli = join(DIST, 'cli.js');
for (const language of ['python', 'typescript']) {
  tools.push({ id: 'ours', name: 'onex-forge check (our CLI)', language, version: `node ${process.version}`, cmd: process.execPath, args: (f) => [cli, 'check', f], ok: (s) => s === 0 || s === 1, available: existsSync(cli) });
}

// One-line files show each tool's fixed cost per process (start-up, loading, parser initialisation).
const oneLineDir = mkdtempSync(join(tmpdir(), 'onex-bench-one-line-'));
const oneLine = {
  python: { path: join(oneLineDir, 'one_line.py'), language: 'python', style: 'one-line', size: 1, lines: 1, absolute: true },
  typescript: { path: join(oneLineDir, 'one-line.ts'), language: 'typescript', style: 'one-line', size: 1, lines: 1, absolute: true },
};
writeFileSync(oneLine.python.path, 'TIMEOUT_SECONDS = 30\n');
writeFileSync(oneLine.typescript.path, 'export const TIMEOUT_MS = 30_000;\n');

/** Files measured as processes: a one-line file, then the 300- and 2,000-line files (the in-process tables cover 20,000 lines). */
function filesFor(tool) {
  if (tool.oneLineOnly) return [oneLine[tool.language]];
  return [oneLine[tool.language], ...manifest.files.filter((f) => f.language === tool.language && f.size <= 2000)];
}

function measure(tool, f) {
  let path = f.absolute ? f.path : join(CORPUS, f.path);
  if (tool.stage) path = tool.stage(path);
  const first = run(tool, path);
  if (!first.ok) {
    return { error: `exit status ${first.status}: ${errorText(first.error ?? (first.stderr.trim() || first.stdout.trim()))}` };
  }
  // A slow tool gets fewer runs. The first run (disk cache, bytecode caches) is not counted, except for
  // tools slower than 5 s, where what it warms up is lost in the noise: then it is one of the samples.
  const target = first.ms > 20_000 ? 1 : first.ms > 1000 || quick ? 3 : 5;
  const firstCounts = first.ms > 5000;
  const samples = firstCounts ? [first.ms] : [];
  const cpu = firstCounts && first.cpuMs !== null ? [first.cpuMs] : [];
  const rss = firstCounts && first.rssMb !== null ? [first.rssMb] : [];
  let output = first.stdout;
  while (samples.length < target) {
    const r = run(tool, path);
    if (!r.ok) return { error: `exit status ${r.status}: ${errorText(r.stderr || r.stdout)}` };
    samples.push(r.ms);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
    if (r.rssMb !== null) rss.push(r.rssMb);
    output = r.stdout;
  }
  const med = (xs) => (xs.length ? round([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]) : null);
  const result = { ...summarize(samples), cpuMedianMs: med(cpu), peakRssMb: rss.length ? round(Math.max(...rss), 1) : null, firstRunMs: round(first.ms), outputLines: output.split('\n').filter((l) => l.trim()).length };
  if (tool.id === 'ours') {
    // The CLI must really have analysed the file: an internal error or a skipped file does not count.
    const json = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--fail-on', 'never', path], { encoding: 'utf8' });
    try {
      result.findings = JSON.parse(json.stdout).length;
    } catch {
      return { error: `our CLI did not produce JSON: ${errorText(json.stderr || json.stdout)}` };
    }
    const all = output + first.stderr;
    if (/internal error|Analysis failed/.test(all)) {
      return { error: `our CLI did not analyse the file: ${errorText(all.match(/.*(internal error|Analysis failed).*/)?.[0] ?? '')}` };
    }
    // Stopped by the default time budget (or skipped): the time counts, the row says so.
    const notice = all.match(/.*(Skipped:|Stopped:).*/)?.[0];
    if (notice) result.notice = notice.trim();
  }
  return result;
}

const results = { tools: [], rows: [], notes: [...missing] };
for (const tool of tools) {
  if (tool.available === false) {
    results.notes.push(`${tool.name}: ${cli} is missing (npm run build failed?)`);
    continue;
  }
  results.tools.push({ id: tool.id, name: tool.name, language: tool.language, version: tool.version });
  for (const f of filesFor(tool)) {
    const started = performance.now();
    let m;
    try {
      m = measure(tool, f);
    } catch (error) {
      m = { error: errorText(error) };
    }
    results.rows.push({ tool: tool.id, name: tool.name, language: tool.language, path: f.absolute ? `(one-line ${f.language} file)` : f.path, style: f.style, size: f.size, lines: f.lines, ...m });
    log(`${tool.id} ${f.path}: ${m.error ? `failed: ${m.error}` : `${m.medianMs} ms median of ${m.runs}`} [${((performance.now() - started) / 1000).toFixed(1)} s]`);
  }
}
if (eslintDir) rmSync(eslintDir, { recursive: true, force: true });
rmSync(oneLineDir, { recursive: true, force: true });
writeJson(outPath, results);
