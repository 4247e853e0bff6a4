// What a node package's contract.yaml says that rules about the package's Python files need: which handler
// classes it binds, the node's archetype (today's I/O checks are scoped by it), and the environment names and
// configuration keys it declares. Callers (the CLI, the extension) look it up from a file's path and hand it
// to the engine in EngineConfig.packageFacts: the engine itself reads no files.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FileCache, fileStamp } from './fileCache';

export type Archetype = 'effect' | 'compute' | 'reducer' | 'orchestrator';

export interface PackageFacts {
  /** The contract.yaml the facts come from. */
  contract: string;
  /** `node_type` as written (`EFFECT_GENERIC`, `effect`, …), when it is a string. */
  nodeType?: string;
  /** descriptor.node_archetype, else the kind named by node_type (how core's I/O-outside-effects check reads it). */
  archetype?: Archetype;
  /** Handler classes the contract binds: handler_routing entries' `handler`, a top-level `handler`, `default_handler`. */
  handlers: { name: string; module?: string }[];
  /**
   * Environment names declared as `dependencies` of type `environment`: their `env_var` (what the runtime's
   * config extractor and core's contract_config_compliance read) and their `name`.
   */
  declaredEnvironment: string[];
  /** Top-level keys of the contract's `config` mapping. */
  configKeys: string[];
  /**
   * Environment names the `config` mapping names, as core's contract_config_compliance counts them: its
   * upper-case keys and the string values of its `env_var` / `*_env_var` keys.
   */
  configEnvironment?: string[];
}

type Mapping = Record<string, unknown>;
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS: readonly Archetype[] = ['effect', 'compute', 'reducer', 'orchestrator'];

function archetypeOf(contract: Mapping): Archetype | undefined {
  const descriptor = isMapping(contract.descriptor) ? contract.descriptor : undefined;
  const declared = typeof descriptor?.node_archetype === 'string' ? descriptor.node_archetype.toLowerCase() : undefined;
  if (declared && (KINDS as readonly string[]).includes(declared)) return declared as Archetype;
  const nodeType = typeof contract.node_type === 'string' ? contract.node_type.toLowerCase() : '';
  return KINDS.find((kind) => nodeType === kind || nodeType.startsWith(`${kind}_`));
}

function handlerRef(value: unknown): { name: string; module?: string } | null {
  if (isMapping(value) && typeof value.name === 'string') return { name: value.name, module: typeof value.module === 'string' ? value.module : undefined };
  if (typeof value === 'string') {
    // `module:Class` (handler_routing.default_handler) or a dotted path.
    const [module, name] = value.includes(':') ? value.split(':') : [value.slice(0, value.lastIndexOf('.')), value.slice(value.lastIndexOf('.') + 1)];
    return name ? { name, module: module || undefined } : null;
  }
  return null;
}

/** The facts of a contract's text; null when it is not a contract (no mapping with node_type) or does not parse. */
export function packageFactsOf(text: string, contract: string): PackageFacts | null {
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: false, uniqueKeys: false });
  } catch {
    return null;
  }
  if (!isMapping(doc) || doc.node_type === undefined) return null;
  const handlers: PackageFacts['handlers'] = [];
  const routing = isMapping(doc.handler_routing) ? doc.handler_routing : undefined;
  for (const entry of Array.isArray(routing?.handlers) ? routing.handlers : []) {
    const ref = isMapping(entry) ? handlerRef(entry.handler) : null;
    if (ref) handlers.push(ref);
  }
  for (const ref of [handlerRef(doc.handler), handlerRef(routing?.default_handler)]) if (ref) handlers.push(ref);
  const declaredEnvironment: string[] = [];
  for (const dependency of Array.isArray(doc.dependencies) ? doc.dependencies : []) {
    if (!isMapping(dependency) || dependency.type !== 'environment') continue;
    for (const key of ['env_var', 'name']) {
      const value = dependency[key];
      if (typeof value === 'string' && !declaredEnvironment.includes(value)) declaredEnvironment.push(value);
    }
  }
  const configEnvironment: string[] = [];
  for (const [key, value] of isMapping(doc.config) ? Object.entries(doc.config) : []) {
    if (key === key.toUpperCase() && /[A-Z]/.test(key)) configEnvironment.push(key);
    if ((key === 'env_var' || key.endsWith('_env_var')) && typeof value === 'string') configEnvironment.push(value);
  }
  return {
    contract,
    nodeType: typeof doc.node_type === 'string' ? doc.node_type : undefined,
    archetype: archetypeOf(doc),
    handlers,
    declaredEnvironment,
    configKeys: isMapping(doc.config) ? Object.keys(doc.config) : [],
    configEnvironment,
  };
}

const cache = new FileCache<PackageFacts | null>();

function factsInFile(path: string): PackageFacts | null | undefined {
  return cache.get(path, (file) => {
    try {
      return packageFactsOf(readFileSync(file, 'utf8'), file);
    } catch {
      return null;
    }
  });
}

/**
 * The package facts that govern a Python file: the contract.yaml in its folder or the nearest folder above
 * (a handler in `handlers/` belongs to the package above it), not looking past a folder holding a
 * pyproject.toml (the project's root) nor more than `maxLevels` folders up.
 */
export function findPackageFacts(filePath: string, maxLevels = 3): PackageFacts | null {
  let dir = dirname(resolve(filePath));
  for (let level = 0; level <= maxLevels; level++) {
    const facts = factsInFile(join(dir, 'contract.yaml'));
    if (facts !== undefined) return facts;
    if (fileStamp(join(dir, 'pyproject.toml')) !== null) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

/** The project folder of a file: the nearest folder above it holding a pyproject.toml; null when none does. */
export function findProjectRoot(filePath: string): string | null {
  let dir = dirname(resolve(filePath));
  for (;;) {
    if (fileStamp(join(dir, 'pyproject.toml')) !== null) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
