// Builds a workspace index over a set of files whose text the caller has (the CLI's folder checks): the
// facts of every file, read where the caller says (its worker pool), then the TypeScript bases the
// ts-morph project must answer.
import type { LanguageId } from '../types';
import type { ModuleFacts } from './facts';
import { type TypeScriptBaseResolver, WorkspaceIndex, type WorkspaceIndexOptions } from './index';

export interface IndexSource {
  path: string;
  language: LanguageId;
  text: string;
}

export interface IndexReaders {
  facts(language: LanguageId, text: string, path: string): Promise<ModuleFacts>;
  typescriptBases?: TypeScriptBaseResolver;
}

/**
 * `known`: facts the caller has already (read by its analyses), by path; the others are read. A file
 * whose facts cannot be read (its parse failed in a worker) is left out: it then defines no base.
 */
export async function buildWorkspaceIndex(sources: readonly IndexSource[], readers: IndexReaders, options: WorkspaceIndexOptions = {}, known?: ReadonlyMap<string, ModuleFacts>): Promise<WorkspaceIndex> {
  const index = new WorkspaceIndex(options);
  const facts = await Promise.all(sources.map((s) => known?.get(s.path) ?? readers.facts(s.language, s.text, s.path).catch(() => null)));
  sources.forEach((s, i) => {
    const f = facts[i];
    if (f) index.update(s.path, f);
  });
  await index.settle(readers.typescriptBases);
  return index;
}
