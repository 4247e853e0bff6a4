// Completion items for a TypeScript file (../completions/types.ts), computed in the TypeScript front end,
// which holds the compiler: the ten patterns in the bridge idiom where they belong in a node class, each with the
// runtime names it needs added to the file's runtime import (reusing the names, aliases and namespace
// the file already has) and the members it uses added to the class; in an empty node.ts, the
// scaffold's node file. TypeScript files take the bridge idiom; under an explicit `current` setting
// only the patterns today's rules still ask for (error handling, precise timing) are offered.
import type { ts } from 'ts-morph';
import { resolveEra, type EraDecision } from '../era';
import type { NodeKind } from '../scaffold/naming';
import { DEFAULT_RUNTIME_MODULE } from '../scaffold/typescriptTarget';
import { typeScriptNamesFor } from '../scaffold/typescript';
import { TS_KIND_PROFILES } from '../scaffold/typescript/kinds';
import { renderNodeTs } from '../scaffold/typescript/node';
import {
  SyntaxKind, forEachChild, getModifiers, isClassLike, isConstructorDeclaration, isFunctionLike, isIdentifier, isImportDeclaration, isMethodDeclaration, isSourceFile,
} from './api';
import { ensureRuntimeNames, insertClassMember, nodeIdExpression, serviceName, str } from './edits';
import { buildTsFile, type TsClass, type TsFile } from './model';
import { parseStandalone } from './parse';
import type { TextEdit } from '../types';
import { cursorLine } from '../completions/cursor';
import { KIND_ORDER, nodeNameOf, wantsFileTemplate } from '../completions/fileTemplates';
import { escapeSnippetText, missingHelpers, snippetDefaults, substituteTokens, tabsToSpaces, tokensOf } from '../completions/snippetText';
import { type CompletionRequest, type CompletionResult, NO_COMPLETIONS, type OnexCompletionItem, type SnippetHost } from '../completions/types';
import { TS_HELPERS, TS_NAMES, TS_PATTERNS, type TsPattern, declaredMembers, usedHelpers } from '../completions/typescript/patterns';

/** The patterns today's rules still ask for (ONEX004, ONEX010): all an explicit `current` era offers. */
const ERA_NEUTRAL = new Set(['onex-errors', 'onex-timing']);

interface TsPlace {
  host: SnippetHost;
  cls: TsClass | null;
  /** The constructor's parameters (init-body). */
  params: string[];
}

/** The chain of nodes from the file down to the innermost one the offset lies strictly inside. */
function chainAt(sf: ts.SourceFile, offset: number): ts.Node[] {
  const chain: ts.Node[] = [sf];
  for (;;) {
    const parent = chain[chain.length - 1];
    let next: ts.Node | undefined;
    forEachChild(parent, (child) => {
      if (!next && child.getStart(sf) < offset && offset < child.end) next = child;
    });
    if (!next) return chain;
    chain.push(next);
  }
}

function tsPlace(file: TsFile, offset: number): TsPlace | null {
  const chain = chainAt(file.sf, offset);
  const classIndex = chain.findIndex((n) => isClassLike(n));
  if (classIndex < 0) {
    // Only the file and its top-level statements (no function, no block) around the cursor.
    return chain.length === 1 ? { host: 'module-body', cls: null, params: [] } : null;
  }
  const classNode = chain[classIndex];
  if (classIndex !== 1 || !isSourceFile(classNode.parent)) return null; // a module-level class only
  const cls = file.classes.find((c) => c.node === classNode) ?? null;
  if (!cls) return null;
  const member = chain[classIndex + 1];
  if (!member) return { host: 'class-body', cls, params: [] };
  // Inside a member: only the body block of the constructor or of an async method, outside nested functions.
  const bodyNode = (isConstructorDeclaration(member) || isMethodDeclaration(member)) ? member.body : undefined;
  if (!bodyNode || chain[classIndex + 2] !== bodyNode) return null;
  if (chain.slice(classIndex + 3).some((n) => isFunctionLike(n) || isClassLike(n))) return null;
  if (isConstructorDeclaration(member)) {
    const params = member.parameters.map((p) => (isIdentifier(p.name) ? p.name.text : '')).filter(Boolean);
    return { host: 'init-body', cls, params };
  }
  const isAsync = (getModifiers(member as ts.MethodDeclaration) ?? []).some((m) => m.kind === SyntaxKind.AsyncKeyword);
  return isAsync ? { host: 'async-method-body', cls, params: [] } : null;
}


interface TsResolved {
  values: Map<string, string>;
  edits: TextEdit[];
}

/** The runtime names of the bodies, through the file's runtime import (extended), or a new import of `runtimeModule`. */
function resolveNames(file: TsFile, bodies: string[], runtimeModule: string, context: (token: string) => string | null): TsResolved | null {
  const tokens = tokensOf(bodies.join('\n'));
  const values = new Map<string, string>();
  for (const token of tokens.filter((t) => t.startsWith('@'))) {
    const value = context(token);
    if (value === null) return null;
    values.set(token, value);
  }
  const names = tokens.filter((t) => !t.startsWith('@'));
  for (const n of names) if (!TS_NAMES[n]) throw new Error(`snippet token «${n}» is not a runtime name`);
  const valueNames = names.filter((n) => TS_NAMES[n] === 'value');
  const typeNames = names.filter((n) => TS_NAMES[n] === 'type');
  const runtime = ensureRuntimeNames(file, valueNames, typeNames);
  if (runtime) {
    for (const n of names) values.set(n, runtime.ref(n));
    return { values, edits: runtime.edits };
  }
  for (const n of names) values.set(n, n);
  if (names.length === 0) return { values, edits: [] };
  const specifiers = [...valueNames, ...typeNames.map((n) => `type ${n}`)].join(', ');
  const line = `import { ${specifiers} } from ${str(file, runtimeModule)}${file.semicolons ? ';' : ''}`;
  const imports = file.sf.statements.filter(isImportDeclaration);
  const last = imports[imports.length - 1];
  const edit = last ? { start: last.end, end: last.end, newText: `${file.eol}${line}` } : { start: 0, end: 0, newText: `${line}${file.eol}${file.eol}` };
  return { values, edits: [edit] };
}

function render(body: string, values: Map<string, string>): string {
  return substituteTokens(body, (token) => values.get(token) ?? '', (token) => token.startsWith('@'));
}

function patternItem(file: TsFile, place: TsPlace, pattern: TsPattern, runtimeModule: string, era: EraDecision): Omit<OnexCompletionItem, 'replace' | 'sortText'> | null {
  const cls = place.cls!;
  const declared = place.host === 'class-body' ? declaredMembers(pattern.body) : [];
  if (declared.some((name) => cls.members.has(name))) return null;
  const helpers = missingHelpers(pattern.body, (text) => usedHelpers(text, declared), (name) => TS_HELPERS[name], (name) => cls.members.has(name));
  const context = (token: string): string | null => {
    switch (token) {
      case '@container': return place.host === 'init-body' && place.params[0] ? place.params[0] : 'this.container';
      case '@nodeId': return nodeIdExpression(file, cls);
      case '@class': return cls.name;
      case '@kind': return cls.kind ?? 'effect';
      case '@service': return serviceName(cls.name);
      case '@eventCategory': return serviceName(cls.name).replace(/-(effect|compute|reducer|orchestrator)$/, '').replace(/-/g, '_');
      default: return null;
    }
  };
  const resolved = resolveNames(file, [pattern.body, ...helpers.map((h) => TS_HELPERS[h])], runtimeModule, context);
  if (!resolved) return null;
  const edits = [...resolved.edits];
  if (helpers.length > 0) {
    const code = helpers.map((h) => snippetDefaults(render(TS_HELPERS[h], resolved.values))).join('\n\n');
    edits.push(insertClassMember(file, cls, tabsToSpaces(code)));
  }
  const notes = [
    resolved.edits.length > 0 ? 'Adds the runtime names it uses to the file\'s imports.' : '',
    helpers.length > 0 ? `Adds the member${helpers.length > 1 ? 's' : ''} it uses: ${helpers.map((h) => `\`${h}\``).join(', ')}.` : '',
  ].filter(Boolean);
  return {
    label: pattern.prefix,
    detail: `${pattern.title} · TypeScript (bridge idiom)`,
    documentation: [pattern.description, ...notes, `${era.reason}.`].join('\n\n'),
    snippet: render(pattern.body, resolved.values),
    additionalTextEdits: edits,
    kind: 'pattern',
  };
}

function fileTemplate(kind: NodeKind, name: string, runtimeModule: string): { body: string; className: string } {
  const names = typeScriptNamesFor(name, kind);
  const text = renderNodeTs(names, TS_KIND_PROFILES[kind], { target: 'bridge', runtimeImport: runtimeModule, modelsImport: null });
  let body = escapeSnippetText(text);
  const i = body.indexOf(names.className);
  if (i >= 0) body = `${body.slice(0, i)}\${1:${names.className}}${body.slice(i + names.className.length).split(names.className).join('$1')}`;
  return { body: `${body.replace(/\n+$/, '')}\n$0`, className: names.className };
}

export function typeScriptCompletions(request: CompletionRequest): CompletionResult {
  const cursor = cursorLine(request.text, request.offset);
  if (!cursor) return NO_COMPLETIONS;
  const era = resolveEra({ setting: request.config.frameworkTarget, language: 'typescript' });
  const runtimeModule = request.runtimeModule?.trim() || DEFAULT_RUNTIME_MODULE;
  const replace = { start: cursor.prefixStart, end: request.offset };
  const items: OnexCompletionItem[] = [];
  if (cursor.emptyFile) {
    if (era.era === 'bridge' && wantsFileTemplate(request.fileName, request.config)) {
      const archetype = request.config.packageFacts?.archetype;
      const name = nodeNameOf(request.fileName);
      (archetype ? [archetype] : KIND_ORDER).forEach((kind, i) => {
        const t = fileTemplate(kind, name, runtimeModule);
        items.push({
          label: `onex-node-${kind}`,
          detail: `whole ${kind} node file · TypeScript (bridge idiom)`,
          documentation: `The ${kind} node \`${t.className}\` as the TypeScript scaffold writes it: the ten production patterns, its model types in the file, the runtime names from \`${runtimeModule}\`.\n\n${era.reason}.`,
          snippet: t.body, replace, additionalTextEdits: [], sortText: `0-${i}`, preselect: i === 0, kind: 'file-template',
        });
      });
    }
    return { items, era, host: 'empty-file' };
  }
  const sf = parseStandalone(cursor.blanked, request.fileName, false);
  const file = buildTsFile(cursor.blanked, sf, request.config);
  const place = tsPlace(file, request.offset);
  if (!place?.cls?.isNode) return { items, era, host: place?.host ?? null };
  TS_PATTERNS.forEach((pattern, rank) => {
    if (!pattern.hosts.includes(place.host)) return;
    if (era.era === 'current' && !ERA_NEUTRAL.has(pattern.prefix)) return;
    const item = patternItem(file, place, pattern, runtimeModule, era);
    if (item) items.push({ ...item, replace, sortText: `1-${rank}-${pattern.prefix}` });
  });
  return { items, era, host: place.host };
}

