// `onex-forge new`: scaffold a production node from the command line, with the same planner the
// VS Code commands use. Exit 0 with the files written; 2 with a message on a bad name, kind, layout,
// language or target, a missing flag, or an existing target (nothing is written then).
import { join, resolve } from 'node:path';
import { ERA_SETTINGS, resolveEra, type EraDecision, type EraSetting } from '../../core/era';
import { ConfigError, loadProjectConfig } from '../../core/projectConfig';
import { findProjectPin } from '../../core/projectPin';
import {
  NODE_KINDS, SCAFFOLD_LANGUAGES, SCAFFOLD_LAYOUTS, ScaffoldError, classNameFor,
  findPythonPlacement, planScaffold, plannedTargets, targetPath, typeScriptTargetFor, validateNodeName, writeScaffold,
  type FrameworkTarget, type NodeKind, type ScaffoldLanguage, type ScaffoldLayout, type ScaffoldPlan,
} from '../../core/scaffold';
import { oneOf, parseArgs } from '../args';
import { UsageError } from '../io';

export interface NewCommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Folder that relative --out paths resolve against (default: the process's). */
  cwd?: string;
}

export const NEW_USAGE = `Usage: onex-forge new --kind effect|compute|reducer|orchestrator --name NAME --out DIR
                      [--layout flat|versioned] [--language python|typescript] [--target auto|current|bridge]
                      [--dry-run]

Writes a production ONEX node package NAME under DIR (created when missing).
--target picks the framework era: current (today's: omnibase_core 0.46 / omnibase_infra 0.38) or bridge
(omnibase_core 0.1). auto (the default) takes the framework-target of the project's configuration, else
the omnibase-core version the project at or above DIR pins (uv.lock, poetry.lock, pyproject.toml; below
0.6.0 is the bridge era), else today's; TypeScript nodes take the bridge idiom. For current (Python), DIR/NAME/ holds node.py, contract.yaml, handlers/,
models/ and registry/; when a pyproject.toml is found at or above DIR, the tests go to its
tests/unit/nodes/NAME/ and NAME is added to its [project.entry-points."onex.nodes"] table, else the
tests go to DIR/NAME/tests/. For bridge:
  flat (default)  DIR/NAME/{__init__.py,node.py,contract.yaml,models/,tests/}
  versioned       DIR/NAME/v1_0_0/{...}, the omninode_bridge era's layout (bridge only)
--dry-run lists the files and the change without writing anything.
Never overwrites: when any target exists, nothing is written (exit 2).
`;

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
  return value;
}

/** The plan's files, its edits of existing files and its notes, as the CLI prints them. */
function describe(plan: ScaffoldPlan, base: string, dryRun: boolean): string {
  let text = plan.files.map((f) => `  ${f.path}\n`).join('');
  for (const edit of plan.edits ?? []) text += `${dryRun ? 'Would change' : 'Changed'} ${targetPath(base, edit.path)}: ${edit.summary}\n`;
  for (const note of plan.notes ?? []) text += `${note}\n`;
  return text;
}

/**
 * The era of the new node (rules.md "Eras", for a file with no imports yet): --target when it names one, else
 * the framework-target of the project configuration above DIR, else the project's pin, else today's.
 */
function eraForNewNode(target: EraSetting, out: string, language: ScaffoldLanguage): EraDecision {
  if (target !== 'auto') return resolveEra({ setting: target, settingSource: `--target ${target}` });
  let project;
  try {
    project = loadProjectConfig(join(out, 'node.py'));
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`configuration error: ${error.message}`);
    throw error;
  }
  return resolveEra({
    setting: project.config.frameworkTarget, settingSource: `framework-target in ${project.path}`,
    language, pin: findProjectPin(out),
  });
}

export async function runNew(args: string[], io: NewCommandIO): Promise<number> {
  try {
    const parsed = parseArgs(args, {
      values: ['kind', 'name', 'out', 'layout', 'language', 'target'],
      switches: ['dry-run', 'help'],
    });
    if (parsed.switches.has('help')) {
      io.stdout(NEW_USAGE);
      return 0;
    }
    if (parsed.positional.length > 0) throw new UsageError(`unexpected argument "${parsed.positional[0]}"`);

    const kind = oneOf<NodeKind>(required(parsed.values.get('kind'), 'kind'), NODE_KINDS, 'kind', 'effect');
    const name = required(parsed.values.get('name'), 'name');
    const nameProblem = validateNodeName(name);
    if (nameProblem) throw new UsageError(`--name: ${nameProblem}`);
    const out = resolve(io.cwd ?? process.cwd(), required(parsed.values.get('out'), 'out'));
    const layout = oneOf<ScaffoldLayout>(parsed.values.get('layout'), SCAFFOLD_LAYOUTS, 'layout', 'flat');
    const language = oneOf<ScaffoldLanguage>(parsed.values.get('language'), SCAFFOLD_LANGUAGES, 'language', 'python');
    const era = eraForNewNode(oneOf<EraSetting>(parsed.values.get('target'), ERA_SETTINGS, 'target', 'auto'), out, language);
    const frameworkTarget: FrameworkTarget = era.era;

    // Today's Python nodes belong to the project above DIR: its pyproject.toml decides the package
    // path, the tests folder and the entry point (planned as an edit of that file).
    const found = language === 'python' && frameworkTarget === 'current' && layout === 'flat' ? await findPythonPlacement(out) : undefined;
    // TypeScript: the runtime module and tsconfig.json are decided from DIR, as the editor decides.
    const typescript = language === 'typescript' ? await typeScriptTargetFor(out) : {};
    const plan = planScaffold({ kind, name, language, layout, frameworkTarget, placement: found?.placement, ...typescript });
    const base = plan.base === 'project' && found?.projectDir ? found.projectDir : out;
    const summary = `${classNameFor(name, kind)} (${language} ${kind} node, ${layout} layout, ${frameworkTarget} framework)`;
    const because = `Era: ${era.reason}.\n`;
    if (parsed.switches.has('dry-run')) {
      for (const target of plannedTargets(plan)) targetPath(base, target); // refuses paths outside the base folder
      io.stdout(`Would create ${summary} in ${base} (dry run, nothing written):\n${describe(plan, base, true)}${because}`);
      return 0;
    }
    await writeScaffold(base, plan);
    io.stdout(`Created ${summary} in ${base}:\n${describe(plan, base, false)}${because}`
      + `Open ${targetPath(base, plan.mainFile)} to start.\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`onex-forge new: ${error.message}\n${NEW_USAGE}`);
      return 2;
    }
    if (error instanceof ScaffoldError) {
      io.stderr(`onex-forge new: ${error.message}\n`);
      return 2;
    }
    io.stderr(`onex-forge new: ${(error as Error).message}\n`);
    return 2;
  }
}
