// Loads web-tree-sitter and the tree-sitter-python grammar on first use (never at activation).
// Both .wasm files ship next to the bundles in dist/; in tests they are read from node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { bindTreeSitterModule, verifyMemoryWalk } from './view';

let loading: Promise<Parser> | undefined;

function findWasm(file: string, packageName: string): string {
  const besideBundle = join(__dirname, file);
  if (existsSync(besideBundle)) return besideBundle;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'node_modules', packageName, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`ONEX Forge: cannot find ${file} (looked beside ${__dirname} and in node_modules)`);
    dir = parent;
  }
}

/** The shared Python parser; loads the wasm runtime and grammar the first time it is called. */
export function getPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    const runtime = findWasm('tree-sitter.wasm', 'web-tree-sitter');
    // The syntax view calls the runtime's wasm exports directly: emscripten fills this very object with them.
    const module = { locateFile: () => runtime };
    await Parser.init(module);
    bindTreeSitterModule(module);
    // The bytes, not the path: given a path, web-tree-sitter reads it through `import('fs/promises')`, which
    // starts Node's ES module loader (about 10 ms of a short CLI run).
    const language = await Language.load(readFileSync(findWasm('tree-sitter-python.wasm', 'tree-sitter-python')));
    const parser = new Parser();
    parser.setLanguage(language);
    // The view reads trees straight from the runtime's memory once that gives the cursor's answers on samples.
    verifyMemoryWalk(parser);
    return parser;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** Whether the grammar has been loaded in this process (used to prove activation stays light). */
export function isPythonParserLoaded(): boolean {
  return loading !== undefined;
}

export function parsePython(parser: Parser, text: string, previous?: Tree): Tree {
  const tree = parser.parse(text, previous);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
