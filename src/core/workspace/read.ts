// Facts of a file from its text, parsing it on its own: for callers that have no analysis tree at hand
// (tests, a file the index learns of before any analysis; the analysis paths read facts from the trees
// they build anyway), and this thread's ts-morph projects. The TypeScript side comes from the front end's
// lazily loaded bundle (one copy of the compiler per thread).
import { type TypeScriptModule, loadTypeScriptModule } from '../engine';
import { getPythonParser } from '../python/parser';
import { SyntaxTree } from '../python/view';
import type { LanguageId } from '../types';
import type { ModuleFacts } from './facts';
import type { TypeScriptBaseAnswer, TypeScriptBaseRequest } from './index';
import { pythonModuleFacts } from './pythonFacts';


export async function readFacts(language: LanguageId, text: string, fileName?: string): Promise<ModuleFacts> {
  if (language === 'python') {
    const parser = await getPythonParser();
    const tree = parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      return pythonModuleFacts(new SyntaxTree(tree, text).rootNode);
    } finally {
      tree.delete();
    }
  }
  return loadTypeScriptModule().typescriptFactsOfText(text, fileName);
}

let projects: InstanceType<TypeScriptModule['TypeScriptProjects']> | undefined;

/** The ts-morph projects of this thread (made on the first question; they dispose themselves when idle). */
export function answerTypeScriptBases(request: { requests: TypeScriptBaseRequest[]; changed?: string[]; createdOrDeleted?: boolean }): TypeScriptBaseAnswer[] {
  projects ??= new (loadTypeScriptModule().TypeScriptProjects)();
  if (request.createdOrDeleted) projects.filesCreatedOrDeleted();
  if (request.changed?.length) projects.changed(request.changed);
  return request.requests.length > 0 ? projects.resolve(request.requests) : [];
}
