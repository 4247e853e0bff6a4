// What the workspace-check host needs on its own thread, bundled like dist/extension.js (the
// TypeScript front end stays out of it): the .gitignore filter, the project configuration lookup
// the extension does per folder, and the extension's scan workers and scheduling.
export { resolveConfig } from '../src/core/engine';
export { GitIgnore } from '../src/core/gitignore';
export { ProjectPlanner } from '../src/core/projectConfig';
export { languageOfPath } from '../src/core/types';
export { ScanPool, scanByLanguage } from '../src/extension/scanPool';
// The ONEX Nodes view's model (the workspace index and its nodes), which the extension feeds during Check Workspace.
export { NodesModel } from '../src/core/workspace/nodes';
