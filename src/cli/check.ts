// `check` and `fix`: the same engine, configuration and rules as the extension.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { resolveConfig } from '../core/engine';
import { ConfigError, ProjectPlanner } from '../core/projectConfig';
import { findPackageFacts, findProjectRoot } from '../core/packageFacts';
import { findProjectPin } from '../core/projectPin';
import { ALL_RULE_IDS, SEVERITIES, languageOfPath, type AnalysisResult, type EngineConfig, type LanguageId, type RuleId, type Severity } from '../core/types';
import { oneOf, parseArgs } from './args';
import { collectFiles } from './files';
import { FORMATS, type FileReport, displayPath, toGithub, toJson, toSarif, toStats, toText } from './formats';
import { type CliIO, QUICK_START_MAX_CHARS, UsageError } from './io';
import { EnginePool } from './pool';
import { type IndexReaders, buildWorkspaceIndex } from '../core/workspace/build';
import { type ModuleFacts, hasHints, withHints } from '../core/workspace/facts';
import type { WorkspaceIndex } from '../core/workspace/index';

const RANK: Record<Severity, number> = { off: 0, hint: 1, information: 2, warning: 3, error: 4 };

interface Source {
  path: string;
  language: LanguageId;
  text: string;
  bom: boolean;
  /** False when the bytes are not valid UTF-8 (such a file is analysed but never rewritten). */
  validUtf8: boolean;
  fromStdin: boolean;
}

function decode(bytes: Buffer): { text: string; bom: boolean; validUtf8: boolean } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bom, validUtf8: true };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), bom, validUtf8: false };
  }
}

function parseRules(value: string | undefined): RuleId[] | null {
  if (value === undefined) return null;
  const ids = value.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const id of ids) if (!(ALL_RULE_IDS as readonly string[]).includes(id)) throw new UsageError(`--rules: unknown rule "${id}" (known: ONEX001 to ONEX011)`);
  return ids as RuleId[];
}

interface Plan {
  config: EngineConfig;
  excluded: boolean;
}

/** Plans the files of one run; each folder's configuration (its project's, with its omnibase-core pin) is resolved once. */
class Planner {
  private readonly projects: ProjectPlanner;
  private readonly byFolder = new Map<string, EngineConfig>();

  /** `cwd` stands for the workspace folder where a file has no project (no pyproject.toml above it). */
  constructor(override: string | undefined, private readonly cwd: string) {
    this.projects = new ProjectPlanner(override);
  }

  planFor(path: string): Plan {
    const project = this.projects.projectFor(path);
    const folder = dirname(resolve(path));
    let config = this.byFolder.get(folder);
    if (!config) {
      // What the engine cannot read itself (it reads no files): the project's pin and folder, the package's contract.
      config = resolveConfig({
        ...project.config, projectPin: findProjectPin(folder), projectRoot: findProjectRoot(path) ?? this.cwd, packageFacts: findPackageFacts(path),
      });
      this.byFolder.set(folder, config);
    }
    return { config, excluded: this.projects.isExcluded(path, project) };
  }
}

export interface CheckOptions {
  mode: 'check' | 'fix';
}

const CHECK_FLAGS = {
  values: ['format', 'fail-on', 'config', 'stdin-filename', 'rules'],
  switches: ['fix', 'unsafe-fixes', 'unsafe', 'diff', 'stats', 'quiet'],
};

export async function runCheck(args: string[], io: CliIO, options: CheckOptions, version: string): Promise<number> {
  const parsed = parseArgs(args, CHECK_FLAGS);
  const format = oneOf(parsed.values.get('format'), FORMATS, 'format', 'text');
  const failOn = oneOf(parsed.values.get('fail-on'), [...SEVERITIES.filter((s) => s !== 'off'), 'never'] as const, 'fail-on', 'warning');
  const configFlag = parsed.values.get('config');
  const override = configFlag === undefined ? undefined : resolve(io.cwd, configFlag);
  const stdinName = parsed.values.get('stdin-filename');
  const ruleFilter = parseRules(parsed.values.get('rules'));
  const unsafe = parsed.switches.has('unsafe-fixes') || parsed.switches.has('unsafe');
  const diffOnly = parsed.switches.has('diff');
  const fixing = options.mode === 'fix' || parsed.switches.has('fix') || unsafe || diffOnly;
  if (options.mode === 'check' && parsed.switches.has('unsafe')) throw new UsageError('check takes --unsafe-fixes (fix takes --unsafe)');
  if (!stdinName && parsed.positional.length === 0) throw new UsageError(`${options.mode} needs at least one file or folder (or --stdin-filename with text on standard input)`);
  if (stdinName && parsed.positional.length > 0) throw new UsageError('--stdin-filename reads standard input: give no paths with it');

  const sources: Source[] = [];
  const reports: FileReport[] = [];
  const collected = stdinName ? null : collectFiles(parsed.positional, io.cwd);
  // The worker threads start loading the engine while this thread reads and plans the files.
  const pool = EnginePool.forFiles(collected ? collected.files.filter((f) => languageOfPath(f)).length : 1, io.clock);
  const fixedSummary: string[] = [];
  try {
    if (!collected) {
      const language = languageOfPath(stdinName!);
      if (!language) throw new UsageError(`--stdin-filename ${stdinName}: not a .py or .ts file name`);
      const text = await io.readStdin();
      sources.push({ path: resolve(io.cwd, stdinName!), language, text, bom: false, validUtf8: true, fromStdin: true });
    } else {
      for (const u of collected.unreadable) io.stderr(`onex-forge: cannot read ${u.path}: ${u.reason}\n`);
      for (const file of collected.files) {
        const language = languageOfPath(file);
        if (!language) {
          io.stderr(`onex-forge: ${displayPath(file, io.cwd)}: not a Python or TypeScript file, skipped\n`);
          continue;
        }
        try {
          const decoded = decode(readFileSync(file));
          sources.push({ path: file, language, ...decoded, fromStdin: false });
        } catch (error) {
          io.stderr(`onex-forge: cannot read ${displayPath(file, io.cwd)}: ${(error as Error).message}\n`);
          reports.push({ path: file, findings: [], notice: `cannot read: ${(error as Error).message}` });
        }
      }
    }

    // Every file is planned before any is analysed or fixed: a configuration error stops the run
    // before anything is written.
    const planner = new Planner(override, io.cwd);
    const plans = new Map<string, Plan>();
    for (const s of sources) {
      try {
        plans.set(s.path, planner.planFor(s.path));
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(`configuration error: ${error.message}`);
        throw error;
      }
    }

    // A folder's files are checked together: the workspace index follows their bases across files, and
    // each file's analysis learns what the index says of it (EngineConfig.workspace). Fixing writes code
    // from what the rules see, so it builds the index first; a check reads the facts from its own
    // analyses and analyses again only the files the index has something to say about.
    const folderCheck = !!collected?.folders.length;
    const readers: IndexReaders = {
      facts: (language, text, path) => pool.facts(language, text, path),
      typescriptBases: (requests) => pool.typescriptBases(requests),
    };
    const indexOptions = { roots: collected?.folders ?? [], nodeBaseClasses: [...new Set([...plans.values()].flatMap((p) => p.config.nodeBaseClasses))] };
    const indexFirst = folderCheck && fixing ? await buildWorkspaceIndex(sources, readers, indexOptions) : null;
    const configOf = (path: string, index: WorkspaceIndex | null): EngineConfig => withHints(plans.get(path)!.config, index?.hintsFor(path));

    const pythonChars = sources.reduce((n, s) => n + (s.language === 'python' ? s.text.length : 0), 0);
    if (pool.inProcess && pythonChars > 0 && pythonChars <= QUICK_START_MAX_CHARS) io.preferQuickStart?.();
    const report = (path: string, result: AnalysisResult): FileReport => ({
      path, findings: ruleFilter ? result.findings.filter((f) => ruleFilter.includes(f.ruleId)) : result.findings, notice: result.skipped?.message,
    });
    const results = await Promise.all(sources.map(async (source): Promise<{ report: FileReport; facts?: ModuleFacts } | null> => {
      const plan = plans.get(source.path)!;
      if (plan.excluded && !source.fromStdin) return null;
      const config = configOf(source.path, indexFirst);
      let text = source.text;
      if (fixing) {
        const fixed = await pool.fixAll(source.language, text, config, source.path, ruleFilter, !unsafe);
        for (const reason of fixed.refused) io.stderr(`onex-forge: ${displayPath(source.path, io.cwd)}: ${reason}\n`);
        if (fixed.text !== text) {
          const name = displayPath(source.path, io.cwd);
          const rules = Object.entries(fixed.perRule).map(([id, n]) => `${id} ×${n}`).join(', ');
          if (diffOnly) {
            io.stdout(createTwoFilesPatch(`a/${name}`, `b/${name}`, text, fixed.text, '', '', { context: 3 }));
          } else if (source.fromStdin) {
            io.stdout(fixed.text);
          } else if (!source.validUtf8) {
            io.stderr(`onex-forge: ${name}: not valid UTF-8; fixes were not written\n`);
          } else {
            writeFileSync(source.path, (source.bom ? '\uFEFF' : '') + fixed.text, 'utf8');
            fixedSummary.push(`${name}: fixed ${fixed.applied} (${rules})`);
            text = fixed.text;
          }
        }
      }
      const result = await pool.analyze(source.language, text, config, source.path, folderCheck && !indexFirst);
      return { report: report(source.path, result), facts: result.facts };
    }));
    if (folderCheck && !indexFirst) {
      const known = new Map(results.flatMap((r) => (r?.facts ? [[r.report.path, r.facts] as const] : [])));
      const index = await buildWorkspaceIndex(sources, readers, indexOptions, known);
      await Promise.all(results.map(async (r, i) => {
        const source = sources[i];
        if (!r || !hasHints(index.hintsFor(source.path))) return;
        r.report = report(source.path, await pool.analyze(source.language, source.text, configOf(source.path, index), source.path));
      }));
    }
    for (const r of results) if (r) reports.push(r.report);
  } finally {
    await pool.close();
  }
  reports.sort((a, b) => a.path.localeCompare(b.path));

  if (options.mode === 'fix') {
    if (!diffOnly && !stdinName) {
      io.stdout(fixedSummary.length ? fixedSummary.join('\n') + '\n' : 'Nothing to fix.\n');
      const left = reports.reduce((n, r) => n + r.findings.length, 0);
      if (left > 0) io.stdout(`${left} problem${left === 1 ? '' : 's'} left (fixes that generate code need --unsafe; some have no fix).\n`);
    }
  } else if (!(diffOnly && format === 'text')) {
    if (fixedSummary.length && format === 'text') io.stderr(fixedSummary.join('\n') + '\n');
    switch (format) {
      case 'json': io.stdout(JSON.stringify(toJson(reports, io.cwd), null, 2) + '\n'); break;
      case 'sarif': io.stdout(JSON.stringify(toSarif(reports, io.cwd, version), null, 2) + '\n'); break;
      case 'github': io.stdout(toGithub(reports, io.cwd)); break;
      default: io.stdout(toText(reports, io.cwd, io.isTTY));
    }
  }
  if (parsed.switches.has('stats')) (format === 'text' ? io.stdout : io.stderr)(toStats(reports));
  if (failOn === 'never' || diffOnly) return 0;
  const worst = Math.max(0, ...reports.flatMap((r) => r.findings.map((f) => RANK[f.severity])));
  return worst >= RANK[failOn] ? 1 : 0;
}
