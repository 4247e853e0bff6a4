// The shape of a Python snippet in the catalogues (bridge.ts, today.ts): a body in snippet syntax with
// «tokens» (../snippetText.ts), the places it belongs, and what it defines and calls, read from the body.
import type { SnippetHost } from '../types';

export interface PythonPattern {
  /** What the user types; the item's label. */
  prefix: string;
  title: string;
  /** One or two sentences for the item's documentation. */
  description: string;
  hosts: readonly SnippetHost[];
  body: string;
  /** Offered only inside a method with a request parameter (a model, as def-B handlers take it), which the body reads. */
  needsRequest?: boolean;
}

/** Methods a body defines at its own top level (`def name(` at column 0): a class-body snippet is not offered where the class has one. */
export function definedMethods(body: string): string[] {
  return [...body.matchAll(/^(?:async )?def (\w+)\(/gm)].map((m) => m[1]);
}

/** Helpers of `helpers` the body calls as `self.<name>(` without defining them. */
export function calledHelpers(body: string, helpers: ReadonlySet<string>): string[] {
  const defined = new Set(definedMethods(body));
  const out: string[] = [];
  for (const m of body.matchAll(/self\.(\w+)\(/g)) {
    if (helpers.has(m[1]) && !defined.has(m[1]) && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** Joins the lines of a body written as a template literal (no leading or trailing newline). */
export function lines(text: string): string {
  return text.replace(/^\n/, '').replace(/\n$/, '');
}
