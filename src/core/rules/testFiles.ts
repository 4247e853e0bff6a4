// Test files and test doubles, for both languages' class roles (./classRoles.ts for Python,
// ./typescriptClassRoles.ts for TypeScript): rules.md, "Where rules look".
import ignore, { type Ignore } from 'ignore';
import { isAbsolute, relative, sep } from 'node:path';

/** rules.md: a test double is named Test*, Mock*, Fake*, Stub*, *ForTest or *ForTesting. */
export const TEST_DOUBLE_NAME = /^(Test|Mock|Fake|Stub)|(ForTest|ForTesting)$/;

const matchers = new Map<string, Ignore>();

/**
 * Whether the file is a test file: its path, relative to the project folder, matches one of the
 * `testFiles` patterns. Without a project folder (or outside it), only the file's own name is matched.
 */
export function isTestFile(fileName: string | undefined, projectRoot: string | null | undefined, patterns: readonly string[]): boolean {
  if (!fileName) return false;
  const key = patterns.join('\n');
  let matcher = matchers.get(key);
  if (!matcher) matchers.set(key, (matcher = ignore().add([...patterns])));
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (projectRoot && isAbsolute(fileName)) {
    const rel = relative(projectRoot, fileName);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return matcher.ignores(rel.split(sep).join('/'));
  }
  return matcher.ignores(base);
}

