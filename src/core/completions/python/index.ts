// Completion items for a Python file: the patterns of the file's era that belong where the cursor is,
// each with the edits that make it whole — the imports it needs and the file lacks (merged into the
// file's own import statements, through the names the file already uses: `EnumLogLevel as LogLevel`
// stays `LogLevel`), and the helper methods it calls that the class lacks. The era is the file's own
// (PyFile.era: the setting, the file's imports, the project's pin, today), as for the rules.
import { basename } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import type { Era } from '../../era';
import type { PythonImport } from '../../framework';
import {
  boundImportName, boundModuleName, frameworkName, importEdits, insertAtClassEnd, insertBeforeStatement,
  isNameBound, nodeIdExpression,
} from '../../python/edits';
import { buildPyFile, methodsWithInherited, type PyClass, type PyFile } from '../../python/model';
import { field, type Node } from '../../python/syntax';
import type { NodeKind } from '../../scaffold/naming';
import type { TextEdit } from '../../types';
import { cursorLine } from '../cursor';
import { escapeSnippetText, missingHelpers, snippetDefaults, substituteTokens, tabsToSpaces, tokensOf } from '../snippetText';
import { type CompletionRequest, type CompletionResult, NO_COMPLETIONS, type OnexCompletionItem } from '../types';
import { BRIDGE_HELPERS, BRIDGE_PATTERNS } from './bridge';
import { type PythonPlace, pythonPlace } from './host';
import { PYTHON_NAMES } from './names';
import { type PythonPattern, calledHelpers, definedMethods } from './pattern';
import { KIND_ORDER, wantsFileTemplate } from '../fileTemplates';
import { pythonFileTemplates } from './templates';
import {
  INFRA_ERROR_IN_EXCEPT, INFRA_ERROR_WITH_TRY, INLINE_REQUEST_MODEL, handlerClassPattern, handlerOutputPattern,
} from './today';

const ERA_NAMES: Record<Era, string> = { bridge: 'bridge era', current: "today's framework" };
const HELPER_NAMES: ReadonlySet<string> = new Set(Object.keys(BRIDGE_HELPERS));
const KIND_SUFFIX = /(Effect|Compute|Reducer|Orchestrator)$/;

/** The names of the file's Model… classes a handler can take as its request: defined in the file, or imported from outside the framework. */
function requestModels(file: PyFile): string[] {
  const out: string[] = [];
  const add = (name: string) => {
    if (/^Model[A-Z]\w*$/.test(name) && !out.includes(name)) out.push(name);
  };
  for (const cls of file.classes) if (cls.bases.includes('BaseModel')) add(cls.name);
  for (const imp of file.root.descendantsOfType('import_from_statement')) {
    if (imp.parent?.id !== file.root.id) continue;
    const module = field(imp, 'module_name')?.text ?? '';
    if (/^(omnibase_|pydantic)/.test(module)) continue;
    for (const n of imp.childrenForFieldName('name')) {
      const local = n.type === 'aliased_import' ? field(n, 'alias')?.text : n.text;
      if (local) add(local);
    }
  }
  // Requests first: the names the runtime's def-B adapter itself recognises as models.
  return out.sort((a, b) => Number(!/(Command|Request|Input|Event)$/.test(a)) - Number(!/(Command|Request|Input|Event)$/.test(b)));
}

/** The domain words of a class (`NodePaymentGatewayEffect` → payment, gateway) or of the file (`handler_payment_gateway.py`). */
function domainWords(cls: PyClass | null, fileName: string | undefined): string[] {
  if (cls) {
    const words = cls.name.replace(/^(Node|Handler)/, '').replace(KIND_SUFFIX, '').split(/(?=[A-Z])/).filter(Boolean).map((w) => w.toLowerCase());
    if (words.length > 0) return words;
  }
  const stem = fileName ? basename(fileName).replace(/\.py$/, '').replace(/^(handler|node)_/, '') : '';
  return /^[a-z][a-z0-9_]*$/.test(stem) ? stem.split('_').filter(Boolean) : ['example'];
}

interface Resolved {
  values: Map<string, string>;
  imports: PythonImport[];
  modules: string[];
}

/**
 * What each «token» of `bodies` stands for in this file: an import it has (under its local name), one
 * to add, or a value of the place. Null when a name cannot be made available: the file binds that
 * name to something else, or the place lacks what the body needs.
 */
function resolveTokens(file: PyFile, bodies: string[], context: (token: string) => string | null): Resolved | null {
  const out: Resolved = { values: new Map(), imports: [], modules: [] };
  for (const token of tokensOf(bodies.join('\n'))) {
    if (token.startsWith('@')) {
      const value = context(token);
      if (value === null) return null;
      out.values.set(token, value);
      continue;
    }
    const spec = PYTHON_NAMES[token];
    if (!spec) throw new Error(`snippet token «${token}» has no import`);
    if (spec.kind === 'framework') {
      const r = frameworkName(file, spec.key);
      if (r.imports.length > 0 && isNameBound(file, r.name)) return null;
      out.values.set(token, r.name);
      out.imports.push(...r.imports);
    } else if (spec.kind === 'from') {
      const local = boundImportName(file, spec.module, spec.name);
      if (local) out.values.set(token, local);
      else if (isNameBound(file, spec.name)) return null;
      else {
        out.values.set(token, spec.name);
        out.imports.push({ module: spec.module, name: spec.name });
      }
    } else {
      const local = boundModuleName(file, spec.module);
      if (local) out.values.set(token, local);
      else if (isNameBound(file, spec.module)) return null;
      else {
        out.values.set(token, spec.module);
        out.modules.push(spec.module);
      }
    }
  }
  return out;
}

const STANDARD_LIBRARY = new Set(['asyncio', 'time', 'typing', 'uuid']);

/** New import lines in isort's order: the standard library, then third parties, alphabetically. */
function byImportSection(a: PythonImport, b: PythonImport): number {
  const section = (i: PythonImport) => (STANDARD_LIBRARY.has(i.module.split('.')[0]) ? 0 : 1);
  return section(a) - section(b) || (a.module < b.module ? -1 : a.module > b.module ? 1 : 0);
}

/** A body with its tokens replaced (context tokens are snippet text; names are escaped) and tabs for indentation. */
function render(body: string, values: Map<string, string>, plain = false): string {
  const seen = new Map<string, number>();
  const text = substituteTokens(body, (token) => {
    const count = (seen.get(token) ?? 0) + 1;
    seen.set(token, count);
    const value = values.get(token) ?? '';
    // A context token holding a choice is that choice once, then its mirror.
    const mirror = token.startsWith('@') && count > 1 ? /^\$\{(\d+)\|/.exec(value) : null;
    return mirror ? `$${mirror[1]}` : value;
  }, (token) => token.startsWith('@'));
  if (plain) return snippetDefaults(text);
  return text.split('\n').map((line) => line.replace(/^( {4})+/, (indent) => '\t'.repeat(indent.length / 4))).join('\n');
}

interface Candidate {
  pattern: PythonPattern;
  /** Extra sort key: the package's own kind first. */
  rank: number;
  /** Overrides for context tokens. */
  tokens?: Record<string, string>;
  /** Text before the body (the request model a handler defines). */
  prelude?: string;
}

function candidatesFor(era: Era, place: PythonPlace, file: PyFile, kinds: readonly NodeKind[], nodePy: boolean): Candidate[] {
  if (era === 'bridge') {
    // The ten patterns are a node class's.
    if (!place.cls?.isNode) return [];
    return BRIDGE_PATTERNS.filter((p) => p.hosts.includes(place.host)).map((pattern, rank) => ({ pattern, rank }));
  }
  const out: Candidate[] = [];
  if ((place.host === 'module-body' || place.host === 'empty-file') && !nodePy) {
    const models = requestModels(file);
    kinds.forEach((kind, rank) => {
      const pattern = handlerClassPattern(kind);
      if (models.length > 0) out.push({ pattern, rank, tokens: { '@model': `\${5|${models.join(',')}|}` } });
      else out.push({ pattern, rank, tokens: { '@model': 'Model$1Request' }, prelude: INLINE_REQUEST_MODEL });
    });
  }
  // Handler methods: today's node classes are declarative, so only other classes' async methods.
  if (place.host === 'async-method-body' && place.cls && !place.cls.isNode) {
    kinds.forEach((kind, rank) => out.push({ pattern: handlerOutputPattern(kind), rank }));
    out.push({ pattern: place.exceptAlias ? INFRA_ERROR_IN_EXCEPT : INFRA_ERROR_WITH_TRY, rank: kinds.length });
  }
  return out;
}

/** Whether any statement of the class starts below the cursor's line (then helpers can go at its end). */
function classContinuesBelow(cls: PyClass, row: number): boolean {
  return cls.node.endPosition.row > row;
}

export function pythonCompletions(parse: (text: string) => Tree, request: CompletionRequest): CompletionResult {
  const cursor = cursorLine(request.text, request.offset);
  if (!cursor) return NO_COMPLETIONS;
  const tree = parse(cursor.blanked);
  try {
    const file = buildPyFile(cursor.blanked, tree, request.config, undefined, request.fileName);
    const place = pythonPlace(file, cursor);
    if (!place) return NO_COMPLETIONS;
    const era = file.era.era;
    const archetype = request.config.packageFacts?.archetype;
    const kinds = archetype ? [archetype] : KIND_ORDER;
    const nodePy = !!request.fileName && basename(request.fileName) === 'node.py';
    const replace = { start: cursor.prefixStart, end: request.offset };
    const items: OnexCompletionItem[] = [];

    if (place.host === 'empty-file' && wantsFileTemplate(request.fileName, request.config)) {
      pythonFileTemplates(era, request.fileName, request.config, kinds, request.year ?? new Date().getFullYear()).forEach((t, i) => {
        items.push({
          label: `onex-node-${t.kind}`,
          detail: `whole ${t.kind} node file · ${ERA_NAMES[era]}`,
          documentation: era === 'bridge'
            ? `The ${t.kind} node \`${t.className}\` as the bridge-era scaffold writes it: the ten production patterns, its input and output models in the file, the omnibase_core 0.1.x entry point.\n\n${file.era.reason}.`
            : `The declarative ${t.kind} node \`${t.className}\` as today's scaffold writes it: only \`__init__(self, container)\`; the contract and its handler hold the behaviour (current-era.md §3).\n\n${file.era.reason}.`,
          snippet: t.body,
          replace,
          additionalTextEdits: [],
          sortText: `0-${i}`,
          preselect: i === 0,
          kind: 'file-template',
        });
      });
    }

    for (const candidate of candidatesFor(era, place, file, kinds, nodePy)) {
      const item = buildItem(file, place, cursor.row, candidate, request.fileName, era);
      if (item) items.push({ ...inlineEditsAtCursor(item, replace), replace, sortText: `1-${candidate.rank}-${candidate.pattern.prefix}` });
    }
    return { items, era: file.era, host: place.host };
  } finally {
    tree.delete();
  }
}

function buildItem(
  file: PyFile, place: PythonPlace, row: number, candidate: Candidate, fileName: string | undefined, era: Era,
): Omit<OnexCompletionItem, 'replace' | 'sortText'> | null {
  const { pattern } = candidate;
  if (!pattern.hosts.includes(place.host)) return null;
  if (pattern.needsRequest && !place.request) return null;
  const cls = place.cls;
  const existing = cls ? methodsWithInherited(file, cls) : new Map();
  const defines = definedMethods(pattern.body);
  if (defines.some((name) => existing.has(name))) return null;
  const helpers = cls
    ? missingHelpers(pattern.body, (text) => calledHelpers(text, HELPER_NAMES), (name) => BRIDGE_HELPERS[name], (name) => existing.has(name) || defines.includes(name))
    : [];
  const body = `${candidate.prelude ? `${candidate.prelude}\n\n\n` : ''}${pattern.body}`;
  const bodies = [body, ...helpers.map((h) => BRIDGE_HELPERS[h])];
  const words = domainWords(cls, fileName);
  const param = place.params[0] ?? null;
  const context = (token: string): string | null => {
    if (candidate.tokens?.[token] !== undefined) return candidate.tokens[token];
    switch (token) {
      case '@container': return place.host === 'init-body' && param ? param : 'self.container';
      case '@node_id': return cls ? nodeIdExpression(cls) : 'self.node_id';
      case '@kind': return cls?.kind ?? 'effect';
      case '@class': return cls?.name ?? 'Node';
      case '@service': return `onex-${words.join('-')}`;
      case '@event_category': return words.join('_');
      case '@domain': return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
      case '@correlation': return param ? `\${2:${param}.correlation_id}` : '${2:None}';
      case '@request': return place.request;
      case '@e': return place.exceptAlias;
      case '@operation': return `${words.join('_')}.${place.fn ? field(place.fn, 'name')?.text ?? 'handle' : 'handle'}`;
      default: return null;
    }
  };
  const resolved = resolveTokens(file, bodies, context);
  if (!resolved) return null;

  let snippet = render(body, resolved.values);
  const edits: TextEdit[] = importEdits(file, [...resolved.imports].sort(byImportSection), resolved.modules);
  if (helpers.length > 0 && cls) {
    const code = helpers.map((h) => render(BRIDGE_HELPERS[h], resolved.values, true)).join('\n\n');
    if (classContinuesBelow(cls, row)) edits.push(insertAtClassEnd(file, cls, tabsToSpaces(code)));
    else if (place.host === 'class-body') snippet += `\n\n${escapeSnippetText(code).split('\n').map((l) => l.replace(/^( {4})+/, (i) => '\t'.repeat(i.length / 4))).join('\n')}`;
    else if (place.fn) edits.push(insertBeforeStatement(file, outerDefinition(place.fn), `${tabsToSpaces(code)}\n`));
  }
  const added = [
    ...resolved.modules.map((m) => `\`import ${m}\``),
    ...resolved.imports.map((i) => `\`from ${i.module} import ${i.alias && i.alias !== i.name ? `${i.name} as ${i.alias}` : i.name}\``),
  ];
  const notes = [
    added.length > 0 ? `Adds ${added.join(', ')}.` : '',
    helpers.length > 0 ? `Adds the helper method${helpers.length > 1 ? 's' : ''} it calls: ${helpers.map((h) => `\`${h}\``).join(', ')}.` : '',
    candidate.prelude ? 'Defines its request model first (the file has none): move it to `models/` as the package grows.' : '',
  ].filter(Boolean);
  return {
    label: pattern.prefix,
    detail: `${pattern.title} · ${ERA_NAMES[era]}`,
    documentation: [pattern.description, ...notes, `${file.era.reason}.`].join('\n\n'),
    snippet,
    additionalTextEdits: edits,
    kind: 'pattern',
  };
}

/**
 * Imports that would go where the snippet goes (a file with nothing above the cursor) become the
 * snippet's first lines: two edits at one offset have no defined order.
 */
function inlineEditsAtCursor<T extends { snippet: string; additionalTextEdits: TextEdit[] }>(item: T, replace: { start: number; end: number }): T {
  const atCursor = item.additionalTextEdits.filter((e) => e.start <= replace.end && e.end >= replace.start);
  if (atCursor.length === 0) return item;
  let prefix = atCursor.map((e) => escapeSnippetText(e.newText.replace(/\r\n/g, '\n'))).join('');
  // Two blank lines between the imports and a class or function (PEP 8).
  if (/^(class |def |async def |@)/.test(item.snippet)) prefix = `${prefix.replace(/\n*$/, '')}\n\n\n`;
  return { ...item, snippet: prefix + item.snippet, additionalTextEdits: item.additionalTextEdits.filter((e) => !atCursor.includes(e)) };
}

/** The statement a method is in the class body: its decorated definition, or itself. */
function outerDefinition(fn: Node): Node {
  return fn.parent?.type === 'decorated_definition' ? fn.parent : fn;
}

