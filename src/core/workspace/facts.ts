// What the workspace index knows of one file: its module-level classes, what each derives from as
// written, and the module-level names that can stand for a class (imports, aliases). Small, plain and
// JSON-serialisable: a worker thread reads them from the syntax tree it already has and posts them to
// whoever keeps the index (the extension host, the CLI). No file's facts depend on another file's:
// resolving a base across files is the index's job (./index.ts), so a changed file re-reads that file only.
import type { ImportSignal } from '../era';
import type { EngineConfig } from '../types';

export type NodeKind = 'effect' | 'compute' | 'reducer' | 'orchestrator';

/** One base class of a class, as written. */
export interface BaseFacts {
  /**
   * The base expression as dotted parts, type arguments dropped: `NodeReducer["A", "B"]` → ['NodeReducer'],
   * `nodes.NodeEffect` → ['nodes', 'NodeEffect'], `base.CompanyEffectBase` → ['base', 'CompanyEffectBase'].
   */
  path: string[];
  /**
   * The name the per-file analysis gives this base (its own alias resolution within the file: the last
   * component, `import … as` and `A = B` followed), so that what the index learns about the base can be
   * handed to the per-file analysis by that name (WorkspaceHints).
   */
  localName: string;
}

/** A `handle` method (today's def-B handler shape: `async def handle(self, request: Model…)`). */
export interface HandleFacts {
  isAsync: boolean;
  /** The first parameter after `self`, if any. */
  parameter: string | null;
  /** Whether that parameter has a type annotation. */
  annotated: boolean;
}

export interface ClassFacts {
  name: string;
  /** The class statement (decorators included) and its name, as UTF-16 offsets into the file's text. */
  start: number;
  end: number;
  nameStart: number;
  nameEnd: number;
  /** 0-based lines of the class name and of the statement's end. */
  line: number;
  endLine: number;
  bases: BaseFacts[];
  /**
   * Whether the body is what today's declarative-node gate accepts: a docstring, bare annotations,
   * `pass`, and an `__init__` that only calls `super().__init__(...)` (TypeScript: a constructor that
   * only calls `super(...)`, and property declarations without initialisers).
   */
  declarative: boolean;
  /** The class's own `handle` method, or null. */
  handle: HandleFacts | null;
}

/**
 * A module-level name binding of a Python module, in statement order (a later binding of a name
 * replaces an earlier one, as at run time).
 */
export type PythonBinding =
  /** `class Name(...)`: the class of this module (the last one of that name). */
  | { kind: 'class'; name: string }
  /** `import a.b as m` → m is module `a.b`; `import a.b` → a is module `a` (level 0). */
  | { kind: 'module'; module: string; level: number }
  /** `from .a import B as C` → C is name `B` of module `.a` (level 1); `module` is '' for `from . import x`. */
  | { kind: 'from'; module: string; level: number; name: string }
  /** `Base = NodeEffect` / `Base = nodes.NodeEffect`: the dotted name it stands for. */
  | { kind: 'alias'; path: string[] };

export interface PythonModuleFacts {
  language: 'python';
  classes: ClassFacts[];
  /** Module-level bindings in statement order: [name, binding]. */
  bindings: [string, PythonBinding][];
  /** `from m import *`, in statement order. */
  starImports: { module: string; level: number }[];
  /** Every import of the file (any depth), for the era resolver. */
  imports: ImportSignal[];
}

/**
 * How a TypeScript base's first name is bound in its file. Cross-file questions (an imported base that
 * is not a framework name) go to the ts-morph project (src/core/typescript/project.ts).
 */
export type TypeScriptBaseOrigin =
  /** A class of the same file, or a same-file alias of one (`const Base = X`, where X is such a class). */
  | { kind: 'local'; name: string }
  /** An import (named, default, namespace or `import x = require(...)`) from `specifier`. */
  | { kind: 'import'; specifier: string }
  /** Nothing in the file binds it: a global (`Error`) or a name the checker alone can tell. */
  | { kind: 'global' };

export interface TypeScriptClassFacts extends ClassFacts {
  /** Per base, in the order of `bases`. */
  origins: TypeScriptBaseOrigin[];
}

export interface TypeScriptModuleFacts {
  language: 'typescript';
  classes: TypeScriptClassFacts[];
  imports: ImportSignal[];
}

export type ModuleFacts = PythonModuleFacts | TypeScriptModuleFacts;

/**
 * What the per-file analysis of one file needs from the workspace index (EngineConfig.workspace): the
 * engine stays text-based and fast, and only learns names.
 */
export interface WorkspaceHints {
  /**
   * Base names, as the file's own analysis reads them (BaseFacts.localName), that the index knows to be
   * node classes defined elsewhere in the workspace (`CompanyEffectBase` from `base.py`), with their
   * kind when known. A class of the file deriving from one is a node class.
   */
  nodeBases: Record<string, NodeKind | null>;
  /**
   * Classes of this file that another class of the workspace derives from (test doubles aside): bases,
   * not production nodes (rules.md, "Not production nodes").
   */
  derivedClasses: string[];
}

/** Hints that say nothing (a file the index does not know, or one with no cross-file bases). */
export function noHints(): WorkspaceHints {
  return { nodeBases: {}, derivedClasses: [] };
}

/** Whether the index has anything to say of a file. */
export function hasHints(hints: WorkspaceHints): boolean {
  return Object.keys(hints.nodeBases).length > 0 || hints.derivedClasses.length > 0;
}

/** A file's configuration with what the workspace index says of it, when it says anything. */
export function withHints(config: EngineConfig, hints: WorkspaceHints | undefined): EngineConfig {
  return hints && hasHints(hints) ? { ...config, workspace: hints } : config;
}

/** The node bases the workspace index handed a file (EngineConfig.workspace), by the names the file reads. */
export function workspaceNodeBases(hints: WorkspaceHints | undefined): ReadonlyMap<string, NodeKind | null> {
  return new Map(hints ? Object.entries(hints.nodeBases) : []);
}
