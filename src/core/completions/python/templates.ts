// The whole-node file templates of an empty Python file: the node.py the scaffold writes for the file's
// era, for the package the file is in (its folder names the node). Bridge era: the scaffold's node.py
// with the ten patterns, its models defined in the file (a package may have no models/ yet); today:
// the declarative node.py (current-era.md §3). Both are rendered by the scaffold's own templates, so a
// template and a scaffolded node never drift; the node class and (today) the SPDX holder are tab stops. Templates keep the scaffold's spaces: an empty file has no indentation
// of its own to adapt to, and docstrings stay as written.
import { basename, dirname, relative, sep } from 'node:path';
import type { Era } from '../../era';
import type { NodeKind } from '../../scaffold/naming';
import { BRIDGE_KIND_PROFILES, KIND_PROFILES } from '../../scaffold/python/kinds';
import { pythonNamesFor } from '../../scaffold/python/names';
import { renderBridgeNodePy } from '../../scaffold/python/node';
import { renderNodePy as renderTodayNodePy } from '../../scaffold/python/today/files';
import { TODAY_KINDS } from '../../scaffold/python/today/kinds';
import { todayNamesFor } from '../../scaffold/python/today/names';
import { kebabSegment, packageOfFolder, type TodayPlacement } from '../../scaffold/python/today/project';
import type { EngineConfig } from '../../types';
import { nodeNameOf } from '../fileTemplates';
import { escapeSnippetText } from '../snippetText';

export interface FileTemplate {
  kind: NodeKind;
  /** The snippet: the whole file. */
  body: string;
  /** The node class the file defines. */
  className: string;
}

/** Replaces the first occurrence of `name` with a placeholder and the rest with its mirror (in escaped snippet text). */
function placeholder(text: string, name: string, n: number, value = name): string {
  const i = text.indexOf(name);
  if (i < 0) return text;
  return text.slice(0, i) + `\${${n}:${value}}` + text.slice(i + name.length).split(name).join(`$${n}`);
}

function bridgeTemplate(name: string, kind: NodeKind): FileTemplate {
  const names = pythonNamesFor(name, kind);
  const text = renderBridgeNodePy(names, KIND_PROFILES[kind], BRIDGE_KIND_PROFILES[kind], kind, { inlineModels: true });
  return { kind, className: names.className, body: `${placeholder(escapeSnippetText(text), names.className, 1)}$0` };
}

/** The dotted module of the node's package, from the project's folder (the package itself when unknown). */
function packageModule(fileName: string | undefined, config: EngineConfig, name: string): string {
  if (!fileName || !config.projectRoot) return name;
  const folder = relative(config.projectRoot, dirname(fileName)).split(sep).join('/');
  if (folder.startsWith('..')) return name;
  try {
    return packageOfFolder(folder) || name;
  } catch {
    return name;
  }
}

const HOLDER = '\u0001HOLDER\u0001';

/** The topics' producer and the default SPDX holder's name, as the scaffold picks it: the project's package, else the folder the node's package is in. */
function producerOf(fileName: string | undefined, config: EngineConfig, module: string, name: string): string {
  if (config.projectRoot && module !== name) return kebabSegment(module.split('.')[0]) || kebabSegment(name);
  const parent = fileName ? basename(dirname(dirname(fileName))) : '';
  return kebabSegment(parent) || kebabSegment(name);
}

function todayTemplate(name: string, kind: NodeKind, module: string, producer: string, year: number): FileTemplate {
  const topLevel = module.split('.')[0];
  const place: TodayPlacement = {
    module, topLevel, root: name, testsDir: `tests/unit/nodes/${name}`, testsInPackage: false,
    producer, holder: HOLDER, license: 'MIT', year,
  };
  const names = todayNamesFor(name, kind, place);
  const text = renderTodayNodePy({ names, kind: TODAY_KINDS[kind](names), place });
  let body = placeholder(escapeSnippetText(text), names.nodeClass, 1);
  body = placeholder(body, HOLDER, 2, `The ${producer} authors`);
  return { kind, className: names.nodeClass, body: `${body}$0` };
}

/** The file templates for an empty Python file of this era, one per kind (the package's own kind only, when its contract says it). */
export function pythonFileTemplates(era: Era, fileName: string | undefined, config: EngineConfig, kinds: readonly NodeKind[], year: number): FileTemplate[] {
  const name = nodeNameOf(fileName);
  if (era === 'bridge') return kinds.map((kind) => bridgeTemplate(name, kind));
  const module = packageModule(fileName, config, name);
  const producer = producerOf(fileName, config, module, name);
  return kinds.map((kind) => todayTemplate(name, kind, module, producer, year));
}
