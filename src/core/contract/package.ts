// Node ↔ contract consistency across the package, resolved statically from the workspace's files:
// the modules the contract names exist and bind its classes (ONEX029), its handlers have an
// entrypoint (ONEX030), node.py's node class has the contract's kind (ONEX031), every event a
// handler returns goes to a declared topic (ONEX032), and every declared publish topic receives
// something (ONEX033). A module outside the workspace (an installed package) is not judged.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { kebabSegment, projectFacts } from '../scaffold/python/today/project';
import { isSuppressed, readSuppressions } from '../suppression';
import type { RelatedInformation, Span } from '../types';
import {
  checkContractRaw, finalizeContractFindings, severityFor, type ContractCheck, type ContractCheckOptions, type ContractFinding,
} from './check';
import { isMapNode, isScalarNode, seqItems, spanOf, stringOf, valueOf, type YNode } from './document';
// (Types only: the Python side, with its tree-sitter parser, is the host's; see PythonSource.)
import type { ClassFacts, ModuleFacts, PythonSource } from './python';
import type { ContractRawFinding, RuleContext } from './rules';

/** How the checks read the workspace (the extension passes open documents' text first: overlayReader). */
export interface PackageReader {
  /** The file's text, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  isDirectory(path: string): boolean;
}

export const diskReader: PackageReader = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  isDirectory(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
};

/**
 * A reader that keeps what it read until told a file changed (`invalidate`, from a file watcher):
 * a warm check of an unchanged package reads nothing from disk.
 */
export class CachedReader implements PackageReader {
  private readonly texts = new Map<string, string | undefined>();
  private readonly dirs = new Map<string, boolean>();

  constructor(private readonly inner: PackageReader = diskReader) {}

  readFile(path: string): string | undefined {
    if (!this.texts.has(path)) this.texts.set(path, this.inner.readFile(path));
    return this.texts.get(path);
  }

  isDirectory(path: string): boolean {
    let known = this.dirs.get(path);
    if (known === undefined) this.dirs.set(path, (known = this.inner.isDirectory(path)));
    return known;
  }

  /** Forgets a file (or everything): the next read goes to the inner reader. */
  invalidate(path?: string): void {
    if (path === undefined) {
      this.texts.clear();
      this.dirs.clear();
    } else {
      this.texts.delete(path);
      this.dirs.clear();
    }
  }
}

/** A reader that answers from `texts` first (open documents, standard input), then from `inner`. */
export function overlayReader(texts: (path: string) => string | undefined, inner: PackageReader): PackageReader {
  return {
    readFile: (path) => texts(path) ?? inner.readFile(path),
    isDirectory: (path) => inner.isDirectory(path),
  };
}

/**
 * The project's own topic producers, as today's scaffold names them (scaffold/python/today/project.ts): the
 * name of the pyproject.toml at or above the contract; without one, the folder the package is imported from
 * (the first folder above the contract without an __init__.py).
 */
export function projectProducers(dir: string, reader: PackageReader): string[] {
  for (let d = dir; ; d = dirname(d)) {
    const pyproject = reader.readFile(join(d, 'pyproject.toml'));
    if (pyproject !== undefined) {
      let name: string | undefined;
      try {
        name = projectFacts(pyproject).name;
      } catch {
        // (Not valid TOML: its name is not known.)
      }
      const producer = kebabSegment(name ?? '');
      return producer ? [producer] : [];
    }
    if (dirname(d) === d) break;
  }
  let root = dir;
  while (reader.readFile(join(root, '__init__.py')) !== undefined && dirname(root) !== root) root = dirname(root);
  const producer = kebabSegment(basename(root));
  return producer ? [producer] : [];
}

interface Located {
  path: string;
  facts: ModuleFacts;
}

interface PackageFinding extends ContractRawFinding {
  related?: RelatedInformation[];
}

export interface PackageCheckResult {
  isContract: boolean;
  /** Findings in the contract. */
  findings: ContractFinding[];
  /** Findings in other files of the package (a handler without an entrypoint), by absolute path. */
  otherFiles: Map<string, ContractFinding[]>;
}

/** Facts of Python files by path, kept while their text is the same (a warm check reparses nothing). */
const factsCache = new Map<string, ModuleFacts>();
const FACTS_CACHE_LIMIT = 2000;
const outputsCache = new WeakMap<ClassFacts, Map<string, ReturnType<PythonSource['outputs']>>>();

class Workspace {
  private readonly roots = new Map<string, string | null>();

  constructor(private readonly contractDir: string, private readonly reader: PackageReader, private readonly python: PythonSource) {}

  /** The folder a top-level package is imported from: the nearest ancestor of the contract holding it. */
  private rootFor(top: string): string | null {
    if (this.roots.has(top)) return this.roots.get(top)!;
    let found: string | null = null;
    for (let dir = this.contractDir; ; dir = dirname(dir)) {
      if (this.reader.isDirectory(join(dir, top)) || this.reader.readFile(join(dir, `${top}.py`)) !== undefined) {
        found = dir;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    this.roots.set(top, found);
    return found;
  }

  /** 'missing' when the module's package is in the workspace but the module is not; null when it is outside. */
  module(name: string): Located | 'missing' | null {
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(name)) return null;
    const parts = name.split('.');
    const root = this.rootFor(parts[0]);
    if (root === null) return null;
    for (const candidate of [join(root, ...parts) + '.py', join(root, ...parts, '__init__.py')]) {
      const text = this.reader.readFile(candidate);
      if (text === undefined) continue;
      return { path: candidate, facts: this.facts(candidate, text, name) };
    }
    // A namespace package (a folder without __init__.py) imports too.
    if (this.reader.isDirectory(join(root, ...parts))) return null;
    return 'missing';
  }

  facts(path: string, text: string, moduleName: string): ModuleFacts {
    const cached = factsCache.get(path);
    if (cached && cached.text === text) return cached;
    const facts = this.python.facts(path, text, moduleName);
    if (factsCache.size >= FACTS_CACHE_LIMIT) factsCache.delete(factsCache.keys().next().value!);
    factsCache.set(path, facts);
    return facts;
  }

  /** What a handler's method returns; kept with the class's facts (which live as long as the file's text is the same). */
  outputs(cls: ClassFacts, method: string, reducer: boolean): ReturnType<PythonSource['outputs']> {
    const key = `${method}/${reducer}`;
    let known = outputsCache.get(cls);
    if (!known) outputsCache.set(cls, (known = new Map()));
    if (!known.has(key)) known.set(key, this.python.outputs(cls, method, reducer));
    return known.get(key)!;
  }

  /** A class by name in a module, following `from x import Name` re-exports inside the workspace. */
  classIn(located: Located, name: string, depth = 0): { path: string; facts: ModuleFacts; cls: ClassFacts } | null {
    const cls = located.facts.classes.get(name);
    if (cls) return { path: located.path, facts: located.facts, cls };
    const imported = located.facts.imports.get(name);
    if (!imported || depth > 6) return null;
    const source = this.module(imported.name === null ? imported.module : imported.module);
    if (!source || source === 'missing') return null;
    return imported.name === null ? null : this.classIn(source, imported.name, depth + 1);
  }

  /** Whether a class (with its bases, followed through the workspace) has `member`; null when a base is out of sight. */
  hasMember(where: { path: string; facts: ModuleFacts; cls: ClassFacts }, member: string, depth = 0): boolean | null {
    if (where.cls.members.has(member)) return true;
    if (where.facts.hasErrors) return null;
    if (depth > 8) return null;
    let unknown = false;
    for (const base of where.cls.bases) {
      if (base === 'object' || base === 'Protocol' || base === 'Generic' || base === 'ABC') continue;
      // pydantic's BaseModel defines none of the members asked about (handle, handle_async, topic).
      const imported = where.facts.imports.get(base.split('.')[0]);
      if (imported && /^pydantic(\.|$)/.test(imported.module) && (imported.name ?? base.split('.').pop()) === 'BaseModel') continue;
      const baseClass = this.resolveName(where, base);
      if (!baseClass) {
        unknown = true;
        continue;
      }
      const has = this.hasMember(baseClass, member, depth + 1);
      if (has) return true;
      if (has === null) unknown = true;
    }
    return unknown ? null : false;
  }

  private resolveName(where: { path: string; facts: ModuleFacts }, dotted: string): { path: string; facts: ModuleFacts; cls: ClassFacts } | null {
    const [first, ...rest] = dotted.split('.');
    if (!rest.length) {
      const local = where.facts.classes.get(first);
      if (local) return { path: where.path, facts: where.facts, cls: local };
      const imported = where.facts.imports.get(first);
      if (!imported || imported.name === null) return null;
      const module = this.module(imported.module);
      return module && module !== 'missing' ? this.classIn(module, imported.name) : null;
    }
    const imported = where.facts.imports.get(first);
    if (!imported || imported.name !== null) return null;
    const module = this.module([imported.module, ...rest.slice(0, -1)].join('.'));
    return module && module !== 'missing' ? this.classIn(module, rest[rest.length - 1]) : null;
  }
}

interface Reference {
  what: string;
  module: string;
  moduleNode: YNode | null;
  name: string;
  nameNode: YNode | null;
}

/** Every {name, module} the contract names: models, handlers, event models. */
function references(root: YNode): Reference[] {
  const out: Reference[] = [];
  const ref = (what: string, node: YNode | null | undefined, nameKey = 'name') => {
    if (!isMapNode(node)) return;
    const moduleNode = valueOf(node, 'module') ?? null;
    const nameNode = valueOf(node, nameKey) ?? null;
    const module = stringOf(moduleNode);
    const name = stringOf(nameNode);
    if (module && name) out.push({ what, module, moduleNode, name, nameNode });
  };
  ref('input_model', valueOf(root, 'input_model'));
  ref('output_model', valueOf(root, 'output_model'));
  ref('handler', valueOf(root, 'handler'), 'class');
  const routing = valueOf(root, 'handler_routing');
  seqItems(isMapNode(routing) ? valueOf(routing, 'handlers') : null).forEach((entry, i) => {
    ref(`handler_routing.handlers[${i}].handler`, valueOf(entry, 'handler'));
    const model = valueOf(entry, 'event_model');
    const text = stringOf(model);
    if (text && model && text.includes('.')) {
      const cut = text.lastIndexOf('.');
      out.push({ what: `handler_routing.handlers[${i}].event_model`, module: text.slice(0, cut), moduleNode: model, name: text.slice(cut + 1), nameNode: model });
    } else ref(`handler_routing.handlers[${i}].event_model`, model);
  });
  return out;
}

const KIND_OF_NODE_TYPE: Record<string, string> = {
  EFFECT_GENERIC: 'effect', COMPUTE_GENERIC: 'compute', REDUCER_GENERIC: 'reducer', ORCHESTRATOR_GENERIC: 'orchestrator',
};

function relatedAt(path: string, facts: ModuleFacts, span: Span, message: string): RelatedInformation {
  return { path, range: facts.lines.rangeOf(span), message };
}

export interface PackageCheckRaw {
  check: ContractCheck;
  /** The contract's own findings, before severities and suppressions. */
  raw: PackageFinding[];
  /** Findings in other files of the package, final (severities and suppressions applied), by absolute path. */
  otherFiles: Map<string, ContractFinding[]>;
  /** node.py's node class kind ('effect', …), when node.py beside the contract has one. */
  nodeKind: string | null;
}

/**
 * The first phase of a package check: the contract's checks and the node ↔ contract checks, the contract's
 * own findings raw (the engine finalizes them as it does every front end's), those in other files final.
 */
export function checkPackageRaw(contractPath: string, text: string, options: ContractCheckOptions, reader: PackageReader,
  python: PythonSource): PackageCheckRaw {
  const dir = dirname(contractPath);
  const nodePy = join(dir, 'node.py');
  const nodeText = reader.readFile(nodePy);
  const check = checkContractRaw(text, {
    ...options, nextToNode: options.nextToNode ?? nodeText !== undefined, producers: options.producers ?? projectProducers(dir, reader),
  });
  const raw: PackageFinding[] = [...check.raw];
  const others = new Map<string, PackageFinding[]>();
  const ctx = check.context;
  const ws = new Workspace(dir, reader, python);
  if (ctx && options.era === 'today') packageFindings(ctx, ws, contractPath, nodePy, nodeText, raw, others);
  const otherFiles = new Map<string, ContractFinding[]>();
  for (const [path, findings] of others) {
    const facts = factsCache.get(path);
    if (!facts) continue;
    const suppressions = readSuppressions(facts.comments);
    const kept: ContractFinding[] = [];
    for (const f of findings) {
      const severity = severityFor(f.ruleId, options.severities);
      const range = facts.lines.rangeOf(f.span);
      if (severity === 'off' || isSuppressed(suppressions, f.ruleId, range.start.line)) continue;
      kept.push({ ...f, range, severity });
    }
    if (kept.length) otherFiles.set(path, kept);
  }
  let nodeKind: string | null = null;
  if (nodeText !== undefined && check.isContract) {
    const node = [...ws.facts(nodePy, nodeText, 'node').classes.values()].find((c) => c.isNode && c.kindBase);
    nodeKind = node?.kindBase ?? null;
  }
  return { check, raw, otherFiles, nodeKind };
}

/**
 * Checks a contract and its package. `contractPath` is absolute; the reader gives every other file, the
 * Python source reads Python files. Findings in Python files (ONEX030) come back under `otherFiles`.
 */
export function checkContractPackage(contractPath: string, text: string, options: ContractCheckOptions,
  reader: PackageReader, python: PythonSource): PackageCheckResult {
  const { check, raw, otherFiles } = checkPackageRaw(contractPath, text, options, reader, python);
  return { isContract: check.isContract, findings: finalizeContractFindings(check.doc, raw, options.severities), otherFiles };
}

function packageFindings(ctx: RuleContext, ws: Workspace, contractPath: string, nodePy: string, nodeText: string | undefined,
  raw: PackageFinding[], others: Map<string, PackageFinding[]>): void {
  const root = ctx.root;
  const at = (node: YNode | null | undefined): Span => spanOf(node, ctx.anchor);
  const contractRange = (span: Span) => ctx.doc.lines.rangeOf(span);

  // ONEX029 — linter_contract.py::_check_module_importable (CONTRACT-005 cannot import, CONTRACT-011
  // class not found), read from the workspace's files instead of imported; the runtime imports the
  // handlers (ServiceHandlerResolver) and event models (handler_wiring) the same way.
  const resolved = new Map<Reference, { path: string; facts: ModuleFacts; cls: ClassFacts }>();
  for (const ref of references(root)) {
    const module = ws.module(ref.module);
    if (module === null) continue;
    if (module === 'missing') {
      raw.push({ ruleId: 'ONEX029', message: `Cannot import module '${ref.module}' (${ref.what}): no such module in this package`, span: at(ref.moduleNode) });
      continue;
    }
    const cls = ws.classIn(module, ref.name);
    if (cls) {
      resolved.set(ref, cls);
      continue;
    }
    if (module.facts.open || module.facts.hasErrors || module.facts.bound.has(ref.name)) continue;
    raw.push({
      ruleId: 'ONEX029', message: `Class '${ref.name}' not found in module '${ref.module}' (${ref.what})`, span: at(ref.nameNode),
      related: [{ path: module.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `module '${ref.module}'` }],
    });
  }

  // ONEX030 — infra:validators/handler_dispatch_entrypoint.py::has_dispatch_entrypoint (callable
  // handle_async or handle, inherited ones too), reported in the handler's file.
  const handlerRefs = [...resolved.entries()].filter(([ref]) => ref.what.endsWith('.handler') || ref.what === 'handler');
  for (const [ref, where] of handlerRefs) {
    const handle = ws.hasMember(where, 'handle');
    const handleAsync = ws.hasMember(where, 'handle_async');
    if (handle || handleAsync || handle === null || handleAsync === null) continue;
    const list = others.get(where.path) ?? [];
    if (list.some((f) => f.span.start === where.cls.nameSpan.start)) continue;
    list.push({
      ruleId: 'ONEX030',
      message: `${where.cls.name} has neither handle nor handle_async: the runtime binds _missing_handle and the first message dispatched to it raises`,
      span: where.cls.nameSpan,
      related: [{ path: contractPath, range: contractRange(at(ref.nameNode)), message: `bound in contract.yaml (${ref.what})` }],
    });
    others.set(where.path, list);
  }

  // ONEX031 — the node class is the contract's anchor; the runtime takes the kind from node_type.
  const nodeTypeNode = valueOf(root, 'node_type');
  const kind = KIND_OF_NODE_TYPE[stringOf(nodeTypeNode) ?? ''];
  const nodeFacts = nodeText !== undefined && kind ? ws.facts(nodePy, nodeText, 'node') : null;
  if (nodeFacts && !nodeFacts.hasErrors) {
    const facts = nodeFacts;
    const nodes = [...facts.classes.values()].filter((c) => c.isNode);
    if (!nodes.length) {
      raw.push({ ruleId: 'ONEX031', message: 'node.py beside this contract defines no node class (a class deriving NodeEffect, NodeCompute, NodeReducer or NodeOrchestrator)', span: at(nodeTypeNode),
        related: [{ path: nodePy, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'node.py' }] });
    } else if (nodes.every((c) => c.kindBase !== null) && !nodes.some((c) => c.kindBase === kind)) {
      const cls = nodes[0];
      raw.push({
        ruleId: 'ONEX031',
        message: `node_type is ${stringOf(nodeTypeNode)} but node.py's ${cls.name} is a${/^[aeiou]/.test(cls.kindBase ?? '') ? 'n' : ''} ${cls.kindBase} node`,
        span: at(nodeTypeNode),
        data: cls.kindBase ? { fix: 'replace-value', value: `${cls.kindBase.toUpperCase()}_GENERIC`, title: `Set node_type to ${cls.kindBase.toUpperCase()}_GENERIC (node.py's ${cls.name})` } : undefined,
        related: [relatedAt(nodePy, facts, cls.nameSpan, `${cls.name} derives a ${cls.kindBase} base`)],
      });
    }
  }

  // ONEX032 / ONEX033 — where the runtime publishes a handler's events
  // (infra:runtime/auto_wiring/handler_wiring.py::_normalize_handler_result and the result applier):
  // the event's own `topic` field, else the published_events map (event_type = class name without
  // "Model", or the full name), else publish_topics[0].
  const bus = valueOf(root, 'event_bus');
  // A plugin-managed contract's topics are its plugin's (auto-wiring skips their subscription).
  const pluginManaged = isMapNode(bus) ? valueOf(bus, 'plugin_managed') : undefined;
  if (isScalarNode(pluginManaged) && pluginManaged.value === true) return;
  const publishNodes = seqItems(isMapNode(bus) ? valueOf(bus, 'publish_topics') : null).filter((n) => stringOf(n) !== null);
  const publishTopics = publishNodes.map((n) => stringOf(n)!);
  const eventMap = new Map<string, string>();
  for (const entry of seqItems(valueOf(root, 'published_events'))) {
    const type = stringOf(valueOf(entry, 'event_type'));
    const topic = stringOf(valueOf(entry, 'topic'));
    if (type && topic) eventMap.set(type, topic);
  }
  const reducer = kind === 'reducer';
  // Only a node the runtime wires to the bus (it subscribes to topics) has its outputs published;
  // handlers of other nodes are called in process and their results returned, not published.
  const subscribes = isMapNode(bus) && seqItems(valueOf(bus, 'subscribe_topics')).length > 0;
  const reported = new Set<string>();
  let complete = handlerRefs.length > 0 && handlerRefs.length === references(root).filter((r) => r.what.endsWith('.handler') || r.what === 'handler').length;
  const used = new Set<string>();
  for (const [ref, where] of handlerRefs) {
    const outputs = where.facts.hasErrors ? null : ws.outputs(where.cls, where.cls.cls.methods.has('handle') ? 'handle' : 'handle_async', reducer);
    if (!outputs) {
      complete = false;
      continue;
    }
    if (!outputs.complete) complete = false;
    for (const event of outputs.events) {
      const model = ws.classIn({ path: where.path, facts: where.facts }, event.name);
      if (!model) {
        complete = false;
        continue;
      }
      if (model.cls.fields.has('topic') || ws.hasMember(model, 'topic') !== false) {
        complete = false;
        continue;
      }
      const mapped = eventMap.get(event.name.replace(/^Model/, '')) ?? eventMap.get(event.name);
      if (mapped) {
        used.add(mapped);
        continue;
      }
      if (publishTopics.length) {
        used.add(publishTopics[0]);
        continue;
      }
      // A returned result (a sink's receipt) may be meant for nobody; events= are meant to be published.
      if (!subscribes || !event.explicit || reported.has(`${where.cls.name}/${event.name}`)) continue;
      reported.add(`${where.cls.name}/${event.name}`);
      raw.push({
        ruleId: 'ONEX032',
        message: `${where.cls.name} returns ${event.name}, but the contract gives it no topic: no published_events entry for it and no event_bus.publish_topics`,
        span: at(ref.nameNode),
        data: ctx.producer ? { fix: 'add-publish-topic', topic: suggestedTopic(event.name, ctx.producer) } : undefined,
        related: [relatedAt(where.path, where.facts, event.span, `${event.name} returned here`)],
      });
    }
  }
  if (complete && (kind === 'effect' || kind === 'compute')) {
    for (const node of publishNodes) {
      const topic = stringOf(node)!;
      if (used.has(topic)) continue;
      raw.push({
        ruleId: 'ONEX033',
        message: `No handler's output goes to '${topic}': the runtime publishes to the published_events topic of the event's class, else to publish_topics[0]`,
        span: at(node),
      });
    }
  }
}

/** A topic in the real format for an event class: onex.evt.<producer>.<kebab-name>.v1. */
export function suggestedTopic(className: string, producer: string): string {
  const words = className.replace(/^Model/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2');
  const slug = words.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'event';
  return `onex.evt.${producer}.${/^[a-z]/.test(slug) ? slug : `e-${slug}`}.v1`;
}
