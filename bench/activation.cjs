// Activation, in a fresh process: time to require dist/extension.js and run activate() with a stub
// `vscode` module, and proof that activation loaded no parser (no ts-morph / TypeScript front end in
// require.cache, no WebAssembly module compiled or instantiated).
// Usage: node bench/activation.cjs   (prints one JSON line)
'use strict';
const Module = require('node:module');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');

// Count every WebAssembly compilation and instantiation (tree-sitter's runtime and grammar are wasm).
const wasm = { calls: 0, which: [] };
for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  if (typeof original !== 'function') continue;
  WebAssembly[name] = function (...args) {
    wasm.calls++;
    wasm.which.push(name);
    return original.apply(this, args);
  };
}
const OriginalModule = WebAssembly.Module;
WebAssembly.Module = new Proxy(OriginalModule, {
  construct(target, args) {
    wasm.calls++;
    wasm.which.push('new Module');
    return Reflect.construct(target, args);
  },
});

// ---------------------------------------------------------------- a minimal fake `vscode`
const touchedUnknown = new Set();
const disposable = () => ({ dispose() {} });
const event = () => () => disposable();
/** Anything activate() touches that the fake does not model explicitly: callable, constructible, chainable. */
function loose(path) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_t, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      if (prop === 'dispose') return () => {};
      touchedUnknown.add(`${path}.${String(prop)}`);
      return loose(`${path}.${String(prop)}`);
    },
    apply() {
      touchedUnknown.add(`${path}()`);
      return loose(`${path}()`);
    },
    construct() {
      touchedUnknown.add(`new ${path}()`);
      return loose(`new ${path}()`);
    },
  });
}
function withFallback(name, object) {
  return new Proxy(object, {
    get(target, prop) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then') return target[prop];
    if (prop === '__esModule' || prop === 'default') return undefined;
      touchedUnknown.add(`${name}.${String(prop)}`);
      return loose(`${name}.${String(prop)}`);
    },
  });
}
class Uri {
  constructor(scheme, path) {
    this.scheme = scheme;
    this.path = path;
    this.fsPath = path;
  }
  static file(p) { return new Uri('file', p); }
  static parse(s) { return new Uri(s.split(':')[0], s.replace(/^\w+:\/\//, '')); }
  static joinPath(base, ...parts) { return new Uri(base.scheme, join(base.path, ...parts)); }
  with(change) { return Object.assign(new Uri(this.scheme, this.path), change); }
  toString() { return `${this.scheme}://${this.path}`; }
}
class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(`${this.value}.${part}`); }
  contains(other) { return other.value.startsWith(this.value); }
  intersects(other) { return this.contains(other) || other.contains(this); }
}
for (const [k, v] of Object.entries({ Empty: '', QuickFix: 'quickfix', Refactor: 'refactor', Source: 'source', SourceFixAll: 'source.fixAll', SourceOrganizeImports: 'source.organizeImports' })) CodeActionKind[k] = new CodeActionKind(v);
class EventEmitter {
  constructor() { this.event = event(); }
  fire() {}
  dispose() {}
}
const outputChannel = { name: 'ONEX Forge', info() {}, warn() {}, error() {}, debug() {}, trace() {}, append() {}, appendLine() {}, show() {}, hide() {}, clear() {}, dispose() {}, onDidChangeLogLevel: event(), logLevel: 2 };
const configuration = { get: (_k, d) => d, inspect: () => undefined, has: () => false, update: async () => {} };
const vscode = withFallback('vscode', {
  __esModule: false,
  version: '1.100.0',
  Uri,
  CodeActionKind,
  EventEmitter,
  Disposable: class { constructor(fn) { this.dispose = fn ?? (() => {}); } static from(...d) { return { dispose: () => d.forEach((x) => x.dispose()) }; } },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  LanguageStatusSeverity: { Information: 0, Warning: 1, Error: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  Range: class { constructor(a, b, c, d) { this.start = { line: a, character: b }; this.end = { line: c, character: d }; } },
  Position: class { constructor(line, character) { this.line = line; this.character = character; } },
  Diagnostic: class { constructor(range, message, severity) { this.range = range; this.message = message; this.severity = severity; } },
  CodeAction: class { constructor(title, kind) { this.title = title; this.kind = kind; } },
  WorkspaceEdit: class { replace() {} insert() {} delete() {} set() {} },
  RelativePattern: class { constructor(base, pattern) { this.base = base; this.pattern = pattern; } },
  ThemeIcon: class { constructor(id) { this.id = id; } },
  window: withFallback('vscode.window', {
    createOutputChannel: () => outputChannel,
    onDidChangeActiveTextEditor: event(),
    onDidChangeVisibleTextEditors: event(),
    activeTextEditor: undefined,
    visibleTextEditors: [],
    showInformationMessage: async () => undefined,
    showWarningMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    showQuickPick: async () => undefined,
    withProgress: async (_o, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: event() }),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
  }),
  languages: withFallback('vscode.languages', {
    createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, get: () => [], forEach() {}, has: () => false, dispose() {} }),
    createLanguageStatusItem: (id, selector) => ({ id, selector, name: '', text: '', detail: '', severity: 0, busy: false, command: undefined, dispose() {} }),
    registerCodeActionsProvider: () => disposable(),
    getDiagnostics: () => [],
    onDidChangeDiagnostics: event(),
  }),
  workspace: withFallback('vscode.workspace', {
    textDocuments: [],
    workspaceFolders: undefined,
    isTrusted: true,
    onDidOpenTextDocument: event(),
    onDidChangeTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidSaveTextDocument: event(),
    onWillSaveTextDocument: event(),
    onDidChangeConfiguration: event(),
    onDidChangeWorkspaceFolders: event(),
    onDidGrantWorkspaceTrust: event(),
    getConfiguration: () => configuration,
    getWorkspaceFolder: () => undefined,
    asRelativePath: (p) => String(p),
    createFileSystemWatcher: () => ({ onDidChange: event(), onDidCreate: event(), onDidDelete: event(), dispose() {} }),
    findFiles: async () => [],
    fs: { readFile: async () => new Uint8Array(), writeFile: async () => {}, stat: async () => ({}) },
  }),
  commands: withFallback('vscode.commands', {
    registerCommand: () => disposable(),
    registerTextEditorCommand: () => disposable(),
    executeCommand: async () => undefined,
  }),
  env: withFallback('vscode.env', { language: 'en', appName: 'bench', uiKind: 1, remoteName: undefined, openExternal: async () => true }),
  l10n: { t: (s) => s },
});

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return originalResolve.call(this, request, ...rest);
};
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return vscode;
  return originalLoad.call(this, request, ...rest);
};

// ---------------------------------------------------------------- measure
const context = {
  subscriptions: [],
  extensionPath: root,
  extensionUri: Uri.file(root),
  extensionMode: 1,
  globalState: { get: (_k, d) => d, update: async () => {}, keys: () => [], setKeysForSync() {} },
  workspaceState: { get: (_k, d) => d, update: async () => {}, keys: () => [] },
  secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: event() },
  storageUri: undefined,
  globalStorageUri: Uri.file(join(root, '.cache', 'bench-global-storage')),
  logUri: Uri.file(join(root, '.cache', 'bench-log')),
  asAbsolutePath: (p) => join(root, p),
  extension: { id: 'onex-forge.onex-forge', extensionPath: root, packageJSON: require(join(root, 'package.json')) },
  environmentVariableCollection: loose('context.environmentVariableCollection'),
};

const result = { node: process.version };
try {
  const cacheBefore = new Set(Object.keys(require.cache));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const extension = require(join(dist, 'extension.js'));
  const t1 = performance.now();
  const api = extension.activate(context);
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  result.requireMs = t1 - t0;
  result.activateMs = t2 - t1;
  result.totalMs = t2 - t0;
  result.subscriptions = context.subscriptions.length;
  result.api = api ? Object.keys(api) : [];
  // Let anything activation scheduled (timers, promises) run before looking for loaded parsers.
  setTimeout(() => {
    const loaded = Object.keys(require.cache).filter((k) => !cacheBefore.has(k));
    result.modulesLoaded = loaded.map((k) => k.replace(root + '/', ''));
    result.tsMorphLoaded = loaded.some((k) => /ts-morph|typescript-frontend|[\\/]typescript[\\/]lib/.test(k));
    result.wasmCalls = wasm.calls;
    result.wasmWhich = wasm.which;
    result.parserLoaded = wasm.calls > 0;
    result.unmodelledVscodeApi = [...touchedUnknown].slice(0, 30);
    for (const d of context.subscriptions) {
      try {
        d.dispose?.();
      } catch {
        // disposal errors do not matter here
      }
    }
    process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  }, 300);
} catch (error) {
  result.error = String(error?.stack ?? error).split('\n').slice(0, 3).join(' | ');
  result.unmodelledVscodeApi = [...touchedUnknown].slice(0, 30);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}
