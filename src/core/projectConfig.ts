// The project configuration shared by the CLI and the extension: `[tool.onex-forge]` in pyproject.toml
// or an onex-forge.json file, found by walking up from each checked file (the nearest one wins).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { parse as parseToml } from 'smol-toml';
import { ERA_SETTINGS, type EraSetting } from './era';
import { FileCache } from './fileCache';
import { ALL_RULE_IDS, SEVERITIES, describeRuleIds, type EngineConfig, type RuleId, type Severity } from './types';

export class ConfigError extends Error {}

export interface ProjectConfig {
  /** The configuration file, when one was found. */
  path?: string;
  /** The folder holding it: exclude patterns are relative to it. */
  root?: string;
  config: Partial<EngineConfig>;
  exclude: string[];
}

const KEYS: Record<string, keyof EngineConfig | 'exclude'> = {
  rules: 'rules',
  'node-base-classes': 'nodeBaseClasses', node_base_classes: 'nodeBaseClasses', nodeBaseClasses: 'nodeBaseClasses',
  'start-methods': 'startMethods', start_methods: 'startMethods', startMethods: 'startMethods',
  'stop-methods': 'stopMethods', stop_methods: 'stopMethods', stopMethods: 'stopMethods',
  'framework-target': 'frameworkTarget', framework_target: 'frameworkTarget', frameworkTarget: 'frameworkTarget',
  'max-file-size': 'maxFileSize', max_file_size: 'maxFileSize', maxFileSize: 'maxFileSize',
  'time-budget-ms': 'timeBudgetMs', time_budget_ms: 'timeBudgetMs', timeBudgetMs: 'timeBudgetMs',
  'test-files': 'testFiles', test_files: 'testFiles', testFiles: 'testFiles',
  exclude: 'exclude',
};

/** Settings of the scaffold (the SPDX copyright holder of generated files), not of the checks. */
const SCAFFOLD_KEYS = new Set(['copyright-holder']);

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ConfigError(`${where} must be a list of strings`);
  return value as string[];
}

/** Validates a raw table (from TOML or JSON) into a configuration; throws ConfigError saying what is wrong. */
export function validateConfigTable(table: Record<string, unknown>, source: string): Omit<ProjectConfig, 'path' | 'root'> {
  const config: Partial<EngineConfig> = {};
  let exclude: string[] = [];
  for (const [key, value] of Object.entries(table)) {
    const target = KEYS[key];
    const where = `${source}: "${key}"`;
    switch (target) {
      case 'rules': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${where} must be a table of rule ids to severities`);
        const rules: Partial<Record<RuleId, Severity>> = {};
        for (const [id, severity] of Object.entries(value)) {
          const upper = id.toUpperCase();
          if (!(ALL_RULE_IDS as readonly string[]).includes(upper)) throw new ConfigError(`${where}: unknown rule "${id}" (known: ${describeRuleIds()})`);
          if (!(SEVERITIES as readonly unknown[]).includes(severity)) throw new ConfigError(`${where}: ${id} = "${String(severity)}" is not one of ${SEVERITIES.join(', ')}`);
          rules[upper as RuleId] = severity as Severity;
        }
        config.rules = rules;
        break;
      }
      case 'nodeBaseClasses': case 'startMethods': case 'stopMethods': case 'testFiles':
        config[target] = stringList(value, where);
        break;
      case 'exclude':
        exclude = stringList(value, where);
        break;
      case 'frameworkTarget':
        if (!(ERA_SETTINGS as readonly unknown[]).includes(value)) throw new ConfigError(`${where} must be "auto", "current" or "bridge"`);
        config.frameworkTarget = value as EraSetting;
        break;
      case 'maxFileSize': case 'timeBudgetMs':
        if (typeof value !== 'number' || !(value > 0)) throw new ConfigError(`${where} must be a positive number`);
        config[target] = value;
        break;
      default:
        if (SCAFFOLD_KEYS.has(key)) {
          // Read by the scaffold from pyproject.toml's text; the checks only validate it.
          if (typeof value !== 'string' || !value.trim()) throw new ConfigError(`${where} must be a non-empty string`);
          break;
        }
        throw new ConfigError(`${where} is not a known setting (known: rules, node-base-classes, start-methods, stop-methods, test-files, exclude, framework-target, max-file-size, time-budget-ms, copyright-holder)`);
    }
  }
  return { config, exclude };
}

/** Reads one configuration file; for pyproject.toml returns null when it has no [tool.onex-forge] table. */
export function readConfigFile(path: string): ProjectConfig | null {
  const text = readFileSync(path, 'utf8');
  let table: unknown;
  if (path.endsWith('.toml')) {
    let toml: Record<string, unknown>;
    try {
      toml = parseToml(text) as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`${path}: invalid TOML: ${(error as Error).message.split('\n')[0]}`);
    }
    table = (toml.tool as Record<string, unknown> | undefined)?.['onex-forge'];
    if (table === undefined) return null;
  } else {
    try {
      table = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`${path}: invalid JSON: ${(error as Error).message}`);
    }
  }
  if (typeof table !== 'object' || table === null || Array.isArray(table)) throw new ConfigError(`${path}: the ONEX Forge configuration must be a table/object`);
  return { path, root: dirname(path), ...validateConfigTable(table as Record<string, unknown>, path) };
}

const cache = new FileCache<ProjectConfig | null>();

/** The file's configuration, cached until it changes; undefined when there is no such file. */
function readCached(path: string): ProjectConfig | null | undefined {
  return cache.get(path, readConfigFile);
}

/**
 * The configuration that applies to a file: the nearest onex-forge.json or pyproject.toml with a
 * [tool.onex-forge] table in the file's folder or above. `override` (the CLI's --config) wins.
 */
export function loadProjectConfig(filePath: string, override?: string): ProjectConfig {
  if (override) {
    const found = existsSync(override) ? readConfigFile(resolve(override)) : null;
    if (!found) throw new ConfigError(`--config ${override}: no such file, or it has no [tool.onex-forge] table`);
    return found;
  }
  let dir = dirname(resolve(filePath));
  for (;;) {
    for (const name of ['onex-forge.json', 'pyproject.toml']) {
      const found = readCached(join(dir, name));
      if (found) return found;
    }
    const parent = dirname(dir);
    if (parent === dir) return { config: {}, exclude: [] };
    dir = parent;
  }
}

/**
 * The project configurations of the files of one run (a CLI check, a workspace scan): looked up once
 * per folder, each exclude list compiled once. A configuration file edited during the run is not seen
 * again: make one per run.
 */
export class ProjectPlanner {
  private readonly byFolder = new Map<string, ProjectConfig>();
  private readonly excludes = new Map<ProjectConfig, Ignore>();

  /** `override` is the CLI's --config. */
  constructor(private readonly override?: string) {}

  /** loadProjectConfig's answer for the file (it depends on the file's folder only). */
  projectFor(filePath: string): ProjectConfig {
    const absolute = resolve(filePath);
    const folder = dirname(absolute);
    let project = this.byFolder.get(folder);
    if (!project) this.byFolder.set(folder, (project = loadProjectConfig(absolute, this.override)));
    return project;
  }

  /** Whether the project's `exclude` patterns (relative to its root) leave the file out. */
  isExcluded(filePath: string, project: ProjectConfig): boolean {
    if (!project.root || project.exclude.length === 0) return false;
    let matcher = this.excludes.get(project);
    if (!matcher) this.excludes.set(project, (matcher = ignore().add(project.exclude)));
    const rel = relative(project.root, resolve(filePath)).split(sep).join('/');
    return !rel.startsWith('..') && matcher.ignores(rel);
  }
}
