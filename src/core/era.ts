// The era of a file or a new node: the bridge era (omnibase_core 0.1.x, the spec's hand-written patterns)
// or today's framework (omnibase_core 0.4x: declarative nodes, contracts, def-B handlers). One resolver
// decides it for the editor, the CLI and the scaffold, in the order rules.md ("Eras") fixes:
//   1. an explicit choice (the CLI's --target, the wizard's choice, a framework-target setting other than auto);
//   2. the file's own imports, where they are era-specific (bridge signals win over today's);
//   3. the omnibase-core version the project pins (a lock file before pyproject.toml): below 0.6.0 is the bridge era;
//   4. today.
// New files and contract.yaml skip step 2 (they have no imports of their own); TypeScript files take the
// bridge idiom (today's framework has no TypeScript runtime).
import type { LanguageId } from './types';

export type Era = 'bridge' | 'current';
/** What users set: an era, or `auto` (the default) to let the resolver decide. */
export type EraSetting = Era | 'auto';
export const ERA_SETTINGS: readonly EraSetting[] = ['auto', 'current', 'bridge'];

export type EraStep = 'explicit' | 'imports' | 'project' | 'language' | 'default';

export interface EraDecision {
  era: Era;
  step: EraStep;
  /** For hovers and the status: "bridge era: imports omnibase_core.logging.structured (line 3)". */
  reason: string;
}

/** One import of a file: the module and the names imported from it (empty for `import a.b`). */
export interface ImportSignal {
  module: string;
  names: string[];
  /** 0-based line, for the reason shown to users. */
  line?: number;
}

/** An omnibase-core pin found in a project file. */
export interface ProjectPin {
  /** The version the pin stands for: its lower bound, or the tag's version. */
  version: string;
  /** The pin as written, e.g. `omnibase-core>=0.46.8,<0.47` or `tag = "v0.1.0"`. */
  spec: string;
  /** The file it was read from. */
  file: string;
}

/** The release that removed `omnibase_core.logging.structured`: anything older is the bridge era. */
export const FIRST_CURRENT_RELEASE = '0.6.0';

export const ERA_LABELS: Record<Era, string> = {
  bridge: 'bridge era (omnibase_core 0.1.x)',
  current: "today's framework (omnibase_core 0.4x)",
};

interface ImportRule {
  era: Era;
  /** Matches the import. */
  test(signal: ImportSignal): boolean;
  describe: string;
}

const startsModule = (module: string, prefix: string): boolean => module === prefix || module.startsWith(`${prefix}.`);

// Era-specific imports (rules.md "Eras", step 2). Imports both eras have (omnibase_core.nodes.node_effect,
// omnibase_core.models.container.model_onex_container, omnibase_core.errors, …) say nothing.
const IMPORT_RULES: ImportRule[] = [
  { era: 'bridge', describe: 'omnibase_core.logging.structured', test: (s) => startsModule(s.module, 'omnibase_core.logging.structured') },
  { era: 'bridge', describe: 'omninode_bridge', test: (s) => startsModule(s.module, 'omninode_bridge') },
  { era: 'bridge', describe: 'omnibase_core.core', test: (s) => startsModule(s.module, 'omnibase_core.core') },
  {
    era: 'bridge', describe: 'ModelContainer from omnibase_core.models.core',
    test: (s) => startsModule(s.module, 'omnibase_core.models.core') && s.names.includes('ModelContainer'),
  },
  { era: 'current', describe: 'omnibase_core.logging.logging_structured', test: (s) => startsModule(s.module, 'omnibase_core.logging.logging_structured') },
  { era: 'current', describe: 'omnibase_infra', test: (s) => startsModule(s.module, 'omnibase_infra') },
  { era: 'current', describe: 'omnibase_core.models.dispatch.model_handler_output', test: (s) => startsModule(s.module, 'omnibase_core.models.dispatch.model_handler_output') },
  {
    era: 'current', describe: 'omnibase_core.nodes.node_service_*',
    test: (s) => s.module.startsWith('omnibase_core.nodes.node_service_'),
  },
];

/** Step 2: the era the file's own imports show, with the import that shows it; null when they say nothing. */
export function eraFromImports(imports: readonly ImportSignal[]): { era: Era; evidence: string } | null {
  let current: { era: Era; evidence: string } | null = null;
  for (const signal of imports) {
    const rule = IMPORT_RULES.find((r) => r.test(signal));
    if (!rule) continue;
    const evidence = `imports ${rule.describe}${signal.line !== undefined ? ` (line ${signal.line + 1})` : ''}`;
    // A bridge-era file that picked up one new import is still a bridge-era file: bridge signals win.
    if (rule.era === 'bridge') return { era: 'bridge', evidence };
    current ??= { era: 'current', evidence };
  }
  return current;
}

/** Compares two dotted versions numerically (missing parts are 0; pre-release suffixes ignored). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The era a pinned omnibase-core version belongs to. */
export function eraOfVersion(version: string): Era {
  return compareVersions(version, FIRST_CURRENT_RELEASE) < 0 ? 'bridge' : 'current';
}

export interface ResolveEraInput {
  /** The setting or the explicit choice (`auto` or absent lets the resolver decide). */
  setting?: EraSetting;
  /** Where the setting came from, for the reason ("--target", "framework-target in pyproject.toml"). */
  settingSource?: string;
  language?: LanguageId;
  /** The file's imports (absent for new files and contract.yaml). */
  imports?: readonly ImportSignal[];
  /** The project's omnibase-core pin (findProjectPin), or null when it pins none. */
  pin?: ProjectPin | null;
}

/** The one resolver: explicit choice, then the file's imports, then the project's pin, then today. */
export function resolveEra(input: ResolveEraInput): EraDecision {
  if (input.setting && input.setting !== 'auto') {
    return { era: input.setting, step: 'explicit', reason: `${ERA_LABELS[input.setting]}: set by ${input.settingSource ?? 'the framework-target setting'}` };
  }
  if (input.language === 'typescript') {
    return { era: 'bridge', step: 'language', reason: `${ERA_LABELS.bridge}: TypeScript files take the bridge idiom (today's framework has no TypeScript runtime)` };
  }
  const fromImports = input.imports ? eraFromImports(input.imports) : null;
  if (fromImports) return { era: fromImports.era, step: 'imports', reason: `${ERA_LABELS[fromImports.era]}: the file ${fromImports.evidence}` };
  if (input.pin) {
    const era = eraOfVersion(input.pin.version);
    return { era, step: 'project', reason: `${ERA_LABELS[era]}: the project pins omnibase-core ${input.pin.spec} (${input.pin.file})` };
  }
  return { era: 'current', step: 'default', reason: `${ERA_LABELS.current}: nothing in the file or the project says otherwise` };
}
