// `check` and `fix`: the same engine, configuration and rules as the extension.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { contractChecksPackage, getContractService } from '../core/contracts';
import { analyzeWith, resolveConfig } from '../core/engine';
import { fixAllWith, type FixAllResult } from '../core/fixAll';
import { ConfigError, ProjectPlanner } from '../core/projectConfig';
import { findPackageFacts, findProjectRoot } from '../core/packageFacts';
import { findProjectPin } from '../core/projectPin';
import {
  ALL_RULE_IDS, SEVERITIES, compareFindings, describeRuleIds, fileKindOfPath, languageOfPath, type AnalysisResult, type EngineConfig, type FileKind,
  type Finding, type LanguageId, type RuleId, type Severity,
} from '../core/types';
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
  kind: FileKind;
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
  for (const id of ids) if (!(ALL_RULE_IDS as readonly string[]).includes(id)) throw new UsageError(`--rules: unknown rule "${id}" (known: ${describeRuleIds()})`);
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

/** Fixes and analyses one kind of file: node code on the pool, contracts here (their package is read from disk). */
interface Checker {
  fixAll(source: Source, text: string, config: EngineConfig): Promise<FixAllResult>;
  /** `facts`: the result carries the workspace index's facts of the file too (node code). */
  analyze(source: Source, text: string, config: EngineConfig, facts?: boolean): Promise<AnalysisResult>;
}

/** The contract checks over the files as they are now on disk (and standard input's text, for its file name). */
async function contractChecker(sources: readonly Source[], ruleIds: string[] | null, safeOnly: boolean): Promise<Checker> {
  const service = await getContractService();
  const stdin = new Map(sources.filter((s) => s.fromStdin).map((s) => [s.path, s.text]));
  const frontEnd = service.frontEnd(service.overlayReader((path) => stdin.get(path), service.cachedReader(service.diskReader)));
  return {
    fixAll: async (source, text, config) => fixAllWith(frontEnd, text, config, { fileName: source.path, ruleIds, safeOnly }),
    analyze: async (source, text, config) => analyzeWith(frontEnd, text, config, source.path),
  };
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
  const onPool: Checker = {
    fixAll: (s, text, config) => pool.fixAll(s.kind as Exclude<FileKind, 'contract'>, text, config, s.path, ruleFilter, !unsafe),
    analyze: (s, text, config, facts) => pool.analyze(s.kind as Exclude<FileKind, 'contract'>, text, config, s.path, facts),
  };
  const fixedSummary: string[] = [];
  try {
    if (!collected) {
      const kind = fileKindOfPath(stdinName!);
      if (!kind) throw new UsageError(`--stdin-filename ${stdinName}: not a .py, .ts or contract.yaml file name`);
      const text = await io.readStdin();
      sources.push({ path: resolve(io.cwd, stdinName!), kind, text, bom: false, validUtf8: true, fromStdin: true });
    } else {
      for (const u of collected.unreadable) io.stderr(`onex-forge: cannot read ${u.path}: ${u.reason}\n`);
      for (const file of collected.files) {
        const kind = fileKindOfPath(file);
        if (!kind) {
          io.stderr(`onex-forge: ${displayPath(file, io.cwd)}: not a Python, TypeScript or contract.yaml file, skipped\n`);
          continue;
        }
        try {
          const decoded = decode(readFileSync(file));
          sources.push({ path: file, kind, ...decoded, fromStdin: false });
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
    const nodeSources = sources.filter((s) => s.kind !== 'contract');
    const folderCheck = !!collected?.folders.length;
    const readers: IndexReaders = {
      facts: (language, text, path) => pool.facts(language, text, path),
      typescriptBases: (requests) => pool.typescriptBases(requests),
    };
    const indexSources = nodeSources.map((s) => ({ path: s.path, language: s.kind as LanguageId, text: s.text }));
    const indexOptions = { roots: collected?.folders ?? [], nodeBaseClasses: [...new Set([...plans.values()].flatMap((p) => p.config.nodeBaseClasses))] };
    const indexFirst = folderCheck && fixing ? await buildWorkspaceIndex(indexSources, readers, indexOptions) : null;
    const factsOf = new Map<string, ModuleFacts>();
    const configOf = (source: Source, index: WorkspaceIndex | null): EngineConfig =>
      (source.kind === 'contract' ? plans.get(source.path)!.config : withHints(plans.get(source.path)!.config, index?.hintsFor(source.path)));

    const pythonChars = sources.reduce((n, s) => n + (s.kind === 'python' ? s.text.length : 0), 0);
    if (pool.inProcess && pythonChars > 0 && pythonChars <= QUICK_START_MAX_CHARS) io.preferQuickStart?.();
    const checkOne = async (source: Source, checker: Checker): Promise<FileReport | null> => {
      const plan = plans.get(source.path)!;
      if (plan.excluded && !source.fromStdin) return null;
      const config = configOf(source, indexFirst);
      let text = source.text;
      if (fixing) {
        const fixed = await checker.fixAll(source, text, config);
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
      const result = await checker.analyze(source, text, config, folderCheck && !indexFirst && source.kind !== 'contract');
      if (result.facts) factsOf.set(source.path, result.facts);
      if (source.kind === 'contract') keepElsewhere(source.path, result);
      return { path: source.path, findings: result.findings, notice: result.skipped?.message };
    };
    // Node code first (on the pool); then the contracts, which read the package's Python files as fixed.
    const elsewhere = new Map<string, Finding[]>();
    const analysedContracts = new Set<string>();
    const keepElsewhere = (contract: string, result: AnalysisResult) => {
      analysedContracts.add(contract);
      for (const [path, found] of Object.entries(result.otherFiles ?? {})) elsewhere.set(path, [...(elsewhere.get(path) ?? []), ...found]);
    };
    const checked = await Promise.all(nodeSources.map((s) => checkOne(s, onPool)));
    if (folderCheck && !indexFirst) {
      const index = await buildWorkspaceIndex(indexSources, readers, indexOptions, factsOf);
      await Promise.all(nodeSources.map(async (s, i) => {
        if (!checked[i] || !hasHints(index.hintsFor(s.path))) return;
        const result = await onPool.analyze(s, s.text, configOf(s, index));
        checked[i] = { path: s.path, findings: result.findings, notice: result.skipped?.message };
      }));
    }
    // The contract checks load on the first contract (a run without one does not pay for them).
    let contractsChecker: Promise<Checker> | undefined;
    const contracts = () => (contractsChecker ??= contractChecker(sources, ruleFilter, !unsafe));
    for (const source of sources.filter((s) => s.kind === 'contract')) checked.push(await checkOne(source, await contracts()));
    // A Python file's node ↔ contract findings come from its package's contract, checked here if it was not asked for.
    for (const report of checked) {
      const config = report && report.path.endsWith('.py') ? plans.get(report.path)!.config : undefined;
      const contract = config && contractChecksPackage(config) ? config.packageFacts?.contract : undefined;
      if (!contract || analysedContracts.has(contract)) continue;
      analysedContracts.add(contract);
      const plan = planner.planFor(contract);
      if (plan.excluded) continue;
      let text: string;
      try {
        text = decode(readFileSync(contract)).text;
      } catch {
        continue; // (gone since it was found: nothing to say about the package)
      }
      const source: Source = { path: contract, kind: 'contract', text, bom: false, validUtf8: true, fromStdin: false };
      keepElsewhere(contract, await (await contracts()).analyze(source, text, plan.config));
    }
    for (const report of checked) {
      if (!report) continue;
      const all = [...report.findings, ...(elsewhere.get(report.path) ?? [])].sort(compareFindings);
      reports.push({ ...report, findings: ruleFilter ? all.filter((f) => ruleFilter.includes(f.ruleId)) : all });
    }
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
