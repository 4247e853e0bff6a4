// What the editor's completion items for ONEX patterns and file templates are made of: the
// language-neutral shape the core computes (./python, ./typescript) and the extension turns into
// VS Code CompletionItems. Offsets are UTF-16 offsets into the document's text, as everywhere in the core.
import type { EraDecision } from '../era';
import type { EngineConfig, TextEdit } from '../types';

/**
 * Where the cursor is, as far as snippets care: an empty file (file templates), the module's top
 * level, a class's body, its `__init__` (TypeScript: constructor) body, or an async method's body.
 */
export type SnippetHost = 'empty-file' | 'module-body' | 'class-body' | 'init-body' | 'async-method-body';

export interface CompletionRequest {
  text: string;
  /** The cursor. */
  offset: number;
  config: EngineConfig;
  fileName?: string;
  /** TypeScript: the module a file without a runtime import imports the runtime names from (onexForge.typescript.runtimeModule). */
  runtimeModule?: string;
  /** The year of a file template's SPDX line (tests pass one; the current year otherwise). */
  year?: number;
}

export interface OnexCompletionItem {
  /** What the user types, e.g. `onex-health`; also the filter text. */
  label: string;
  /** One line beside the label: what it inserts and for which era. */
  detail: string;
  /** Markdown: what the snippet does, and what else accepting it adds (imports, helper methods). */
  documentation: string;
  /** The text to insert, in VS Code's snippet syntax (tabs for indentation). */
  snippet: string;
  /** The range the snippet replaces: the prefix typed so far (possibly empty) up to the cursor. */
  replace: { start: number; end: number };
  /** Edits elsewhere in the file: the imports the snippet needs and the file lacks, the helper methods it calls. */
  additionalTextEdits: TextEdit[];
  /** Orders the items among themselves. */
  sortText: string;
  /** The item to select first (the file template of the package's own kind). */
  preselect?: boolean;
  kind: 'pattern' | 'file-template';
}

export interface CompletionResult {
  items: OnexCompletionItem[];
  /** The era the items follow, and why (null when the cursor is nowhere a snippet belongs). */
  era: EraDecision | null;
  host: SnippetHost | null;
}

export const NO_COMPLETIONS: CompletionResult = { items: [], era: null, host: null };
