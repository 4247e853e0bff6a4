// What the index says of a class beyond its bases: the framework's node base names and kinds, and
// whether a class is a test double (rules.md, "Not production nodes"). Pure functions over names and paths.
import { isTestFile as isTestFileByPatterns } from '../rules/classRoles';
import { DEFAULT_CONFIG } from '../types';
import type { NodeKind } from './facts';

/** The framework's node bases (the per-file models of both languages use the same list). */
export const FRAMEWORK_NODE_BASES: readonly string[] = [
  'NodeEffect', 'NodeCompute', 'NodeReducer', 'NodeOrchestrator',
  'ModelServiceEffect', 'ModelServiceCompute', 'ModelServiceReducer', 'ModelServiceOrchestrator',
];

/** `Node<Something>{Effect|Compute|Reducer|Orchestrator}`: a node class by its name, when it has a base. */
export const NODE_NAME_PATTERN = /^Node[A-Z0-9_]\w*(Effect|Compute|Reducer|Orchestrator)$/;

/** The kind a name ends with (`NodeEffect`, `CompanyEffect` → effect), or null. */
export function kindOfName(name: string): NodeKind | null {
  const m = /(Effect|Compute|Reducer|Orchestrator)$/.exec(name);
  return m ? (m[1].toLowerCase() as NodeKind) : null;
}

// rules.md's globs, as written: `Test*`, `Mock*`, `Fake*`, `Stub*`, `*ForTest`, `*ForTesting`.
const TEST_DOUBLE_NAME = /^(Test|Mock|Fake|Stub)|ForTest(ing)?$/;
/**
 * Whether a file is a test file, as the rules tell (rules/classRoles.ts): its path relative to `root` (the
 * workspace or project folder: a workspace that itself sits in a folder named `test` is not all tests)
 * matches the `testFiles` patterns (`test_*.py`, `conftest.py`, `tests/`, `*.test.ts`, … by default).
 */
export function isTestFile(path: string, root: string | undefined, patterns: readonly string[] = DEFAULT_CONFIG.testFiles): boolean {
  return isTestFileByPatterns(path, root ?? null, patterns);
}

/** Whether a class is a test double by its name (`TestX`, `MockX`, `FakeX`, `StubX`, `XForTest`, `XForTesting`). */
export function isTestDoubleName(name: string): boolean {
  return TEST_DOUBLE_NAME.test(name);
}
