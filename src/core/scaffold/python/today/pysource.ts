// Small pieces of Python source the way the framework's own tools leave them: the SPDX header its
// CI demands, and import blocks sorted and wrapped as `ruff check` (isort rules, with the
// framework's `known-first-party = omnibase_core, omnibase_infra, omnibase_spi, tests`) and
// `ruff format` (line length 88) would, so generated files pass both unchanged.

/** The framework's ruff line length (omnibase_infra's and omnibase_core's `[tool.ruff]`). */
export const LINE_LENGTH = 88;

/** The two SPDX lines every file starts with (`# ` comments, for .py and .yaml alike). */
export function spdxHeader(year: number, holder: string, license: string): string {
  return `# SPDX-FileCopyrightText: ${year} ${holder}\n# SPDX-License-Identifier: ${license}\n`;
}

/** One import statement: `from module import names…`, or `import module` when names is missing. */
export interface PyImport {
  module: string;
  names?: string[];
}

const STDLIB = new Set([
  '__future__', 'asyncio', 'collections', 'inspect', 'math', 'pathlib', 'time', 'typing', 'unittest', 'uuid',
]);
const FRAMEWORK_FIRST_PARTY = new Set(['omnibase_core', 'omnibase_infra', 'omnibase_spi', 'tests']);

type Section = 0 | 1 | 2 | 3; // future, standard library, third party, first party

function sectionOf(module: string, ownTopLevel: string): Section {
  const top = module.split('.')[0];
  if (top === '__future__') return 0;
  if (STDLIB.has(top)) return 1;
  if (FRAMEWORK_FIRST_PARTY.has(top) || top === ownTopLevel) return 3;
  return 2;
}

/** isort's member order (`order-by-type`): CONSTANTS, then Classes, then the rest; each case-insensitively. */
function memberRank(name: string): number {
  if (name.length > 1 && name === name.toUpperCase()) return 0;
  if (name[0] === name[0].toUpperCase() && name[0] !== '_') return 1;
  return 2;
}

function compareText(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareMembers(a: string, b: string): number {
  return memberRank(a) - memberRank(b) || compareText(a, b);
}

function renderOne(imp: PyImport, indent: string): string {
  if (!imp.names) return `${indent}import ${imp.module}\n`;
  const names = [...new Set(imp.names)].sort(compareMembers);
  const line = `${indent}from ${imp.module} import ${names.join(', ')}`;
  if (line.length <= LINE_LENGTH) return `${line}\n`;
  return `${indent}from ${imp.module} import (\n${names.map((n) => `${indent}    ${n},\n`).join('')}${indent})\n`;
}

/**
 * An import block: sections (future, standard library, third party, first party) separated by a
 * blank line; in each, `import x` lines before `from x import` lines, both by module; statements
 * on the same module merged. `ownTopLevel` is the generated package's top-level module, which
 * ruff finds in the project and files with the framework's packages as first party.
 */
export function renderImports(imports: PyImport[], ownTopLevel: string, indent = ''): string {
  const merged = new Map<string, PyImport>();
  for (const imp of imports) {
    const key = `${imp.names ? 'from' : 'import'} ${imp.module}`;
    const seen = merged.get(key);
    if (seen?.names && imp.names) seen.names = [...seen.names, ...imp.names];
    else if (!seen) merged.set(key, { module: imp.module, names: imp.names ? [...imp.names] : undefined });
  }
  const sections: PyImport[][] = [[], [], [], []];
  for (const imp of merged.values()) sections[sectionOf(imp.module, ownTopLevel)].push(imp);
  return sections
    .filter((s) => s.length > 0)
    .map((section) => section
      .sort((a, b) => Number(Boolean(a.names)) - Number(Boolean(b.names)) || compareText(a.module, b.module))
      .map((imp) => renderOne(imp, indent))
      .join(''))
    .join('\n');
}

/** A Python string literal in double quotes (ruff's quote style). */
export function pyString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `__all__: list[str] = ["A", "B"]`, wrapped one per line when too long. */
export function renderAll(names: string[]): string {
  const line = `__all__: list[str] = [${names.map(pyString).join(', ')}]`;
  if (line.length <= LINE_LENGTH) return `${line}\n`;
  return `__all__: list[str] = [\n${names.map((n) => `    ${pyString(n)},\n`).join('')}]\n`;
}
