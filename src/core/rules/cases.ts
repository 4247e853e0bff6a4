// The shape of a rule's table of cases, typescript-eslint style: `valid` code stays silent, `invalid`
// code reports exactly the expected findings (rule, line, column, and optionally message text and end
// position) and, when `output` is given, the preferred fixes turn it into that text. Each rule keeps
// its tables beside its code (./onexNNN/python.cases.ts, ./onexNNN/typescript.cases.ts); the test
// suite runs them (test/rules/tables.test.ts, through test/helpers/ruleTester.ts) and the fix tests
// reuse them. Test data only: no bundle imports these modules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from '../types';

export interface ExpectedFinding {
  /** 1-based line of the finding's start. */
  line: number;
  /** 1-based column of the finding's start (UTF-16). */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** A substring (or pattern) the message must contain. */
  message?: string | RegExp;
}

export interface ValidCase {
  name: string;
  code: string;
  config?: Partial<EngineConfig>;
  /** The file's path (default `node.py`): rules scoped by the file's place (node.py, handlers/, a package folder) read it. */
  fileName?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** When given, applying the preferred fix of every finding (one at a time, re-analysing between) yields this. */
  output?: string;
}

export interface RuleTable {
  /** Settings every case of the table runs with (a case's own config is laid over them). */
  config?: Partial<EngineConfig>;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/**
 * A project of the bridge era: it pins omnibase_core 0.1.0, as omninode_bridge's pyproject.toml does (the era
 * resolver's step 3), so a file without era-specific imports is a bridge-era file. The tables written for the
 * bridge era's patterns run with it.
 */
export const BRIDGE_PROJECT: Partial<EngineConfig> = {
  projectPin: { version: '0.1.0', spec: 'omnibase_core = { git = "…/omnibase_core.git", tag = "v0.1.0" }', file: 'pyproject.toml' },
};

/** A project on today's framework: it pins omnibase-core 0.46.8, as omnibase_infra does. */
export const TODAY_PROJECT: Partial<EngineConfig> = {
  projectPin: { version: '0.46.8', spec: 'omnibase-core==0.46.8', file: 'pyproject.toml' },
};

/** Removes the common leading indentation so cases can be written indented inside the test. */
export function dedent(code: string): string {
  const lines = code.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(min)).join('\n');
}

/** A Python source from test/fixtures/python/, where the long, realistic files the cases share live. */
export function pythonFixture(name: string): string {
  return readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'python', name), 'utf8');
}
