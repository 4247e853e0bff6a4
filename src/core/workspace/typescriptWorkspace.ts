// What the workspace index needs from the TypeScript compiler, in one module loaded lazily (it brings
// ts-morph and its compiler; the build makes it a bundle of its own, typescript-workspace.js): the facts
// of a file from its text, and the ts-morph projects that resolve bases across modules.
import { parseStandalone } from '../typescript/parse';
import type { TypeScriptModuleFacts } from './facts';
import { typescriptModuleFacts } from '../typescript/workspaceFacts';

export { TypeScriptProjects } from '../typescript/project';

export function typescriptFactsOfText(text: string, fileName?: string): TypeScriptModuleFacts {
  return typescriptModuleFacts(parseStandalone(text, fileName, false));
}
