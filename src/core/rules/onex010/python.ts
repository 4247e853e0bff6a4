// ONEX010 precise-timing — see ./ONEX010.md and shared/spec/rules.md.
// Reports, anywhere in the file, each `time.time()` call (also `from time import time` then `time()`,
// and `import time as t` then `t.time()`) that measures an elapsed duration inside one scope. The
// analysis lives in ./timing.ts; this module turns its groups into findings and fixes.
//
// Fixes: the safe one swaps every call of the duration (both ends) to `time.perf_counter()`;
// a second, unsafe one also reports the duration in milliseconds (a unit change callers may notice).
import type { PyFile } from '../../python/model';
import { type Node, field, walk } from '../../python/syntax';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { BindingIndex, allImports, importedNames, isVariableIdentifier, scopeOf, unparen } from '../pythonScope';
import { type DurationGroup, type TimeNames, assignmentOfValue, durationGroups } from './timing';

export interface Onex010Data {
  /** Spans of every `time.time()` call of the duration the finding belongs to. */
  group: { start: number; end: number }[];
}

export const onex010: PythonRule = {
  meta,

  shiftData(data, map) {
    const d = data as Onex010Data;
    return { ...d, group: d.group.map((c) => ({ start: map(c.start), end: map(c.end) })) };
  },

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const group of durationGroups(file).groups) {
      const data: Onex010Data = { group: group.calls.map((c) => ({ start: c.startIndex, end: c.endIndex })) };
      for (const call of group.calls) {
        const func = field(call, 'function');
        const named = func?.type === 'identifier' ? `${call.text} (time.time)` : call.text;
        findings.push({
          ruleId: 'ONEX010',
          message: `${named} measures an elapsed duration; use time.perf_counter() (monotonic, high resolution)`,
          span: { start: call.startIndex, end: call.endIndex },
          data,
        });
      }
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const { groups, names, bindings } = durationGroups(file);
    const group = groups.find((g) => g.calls.some((c) => c.startIndex === finding.span.start && c.endIndex === finding.span.end));
    if (!group) return [];
    const swap = perfCounterEdits(file, group, names, bindings);
    if (!swap) return [];
    const fixes: Fix[] = [{
      id: 'perf-counter',
      title: 'Measure the duration with time.perf_counter()',
      safety: 'safe',
      edits: swap.edits,
      preferred: true,
    }];
    const ms = millisecondsFix(file, group, swap, bindings);
    if (ms) fixes.push(ms);
    return fixes;
  },
};

interface SwapEdits {
  /** Edits replacing the callee of each call (plus the import edit, if one is needed). */
  edits: TextEdit[];
  /** Per call start offset: the edit that swaps it (so a wider edit can re-apply it inside its own text). */
  byCall: Map<number, TextEdit>;
}

/**
 * The edits that turn every call of the group into a perf_counter call, using the names the file
 * binds: `M.time()` → `M.perf_counter()`; `time()` (from-imported) → an existing perf_counter name,
 * else `M.perf_counter()` for a module-level `import time as M`, else `perf_counter()` with
 * `perf_counter` added to the `from time import time` statement. Null when no name is safe to use.
 */
function perfCounterEdits(file: PyFile, group: DurationGroup, names: TimeNames, bindings: BindingIndex): SwapEdits | null {
  const edits: TextEdit[] = [];
  const byCall = new Map<number, TextEdit>();
  let importEdit: TextEdit | null = null;
  for (const call of group.calls) {
    const func = field(call, 'function');
    if (!func) return null;
    let edit: TextEdit;
    if (func.type === 'attribute') {
      const attr = field(func, 'attribute')!;
      edit = { start: attr.startIndex, end: attr.endIndex, newText: 'perf_counter' };
    } else {
      const replacement = fromImportReplacement(file, call, names, bindings);
      if (!replacement) return null;
      edit = { start: func.startIndex, end: func.endIndex, newText: replacement.name };
      if (replacement.importEdit) importEdit = replacement.importEdit;
    }
    edits.push(edit);
    byCall.set(call.startIndex, edit);
  }
  if (importEdit) edits.push(importEdit);
  return { edits, byCall };
}

/** A name for perf_counter where a from-imported `time()` is called, and the import edit it needs. */
function fromImportReplacement(file: PyFile, call: Node, names: TimeNames, bindings: BindingIndex):
  { name: string; importEdit: TextEdit | null } | null {
  const usable = (name: string) => !bindings.shadowedAt(name, call);
  for (const p of names.perfCounters) if (usable(p) && moduleLevelImport(file, 'time', 'perf_counter', p)) return { name: p, importEdit: null };
  for (const m of names.modules) if (usable(m) && moduleLevelImport(file, 'time', null, m)) return { name: `${m}.perf_counter`, importEdit: null };
  // Add `perf_counter` to the module-level `from time import time` statement, when the name is free.
  const func = field(call, 'function')!;
  const stmt = moduleLevelImportStatement(file, 'time', 'time', func.text);
  if (!stmt || !usable('perf_counter') || nameUsedAnywhere(file.root, 'perf_counter')) return null;
  const nameNodes = stmt.childrenForFieldName('name');
  const last = nameNodes[nameNodes.length - 1];
  if (!last) return null;
  return { name: 'perf_counter', importEdit: { start: last.endIndex, end: last.endIndex, newText: ', perf_counter' } };
}

function moduleLevelImportStatement(file: PyFile, module: string, name: string | null, local: string): Node | null {
  for (const stmt of allImports(file.root)) {
    if (scopeOf(stmt).type !== 'module') continue;
    if (importedNames(stmt).some((i) => i.module === module && i.name === name && i.local === local)) return stmt;
  }
  return null;
}

function moduleLevelImport(file: PyFile, module: string, name: string | null, local: string): boolean {
  return moduleLevelImportStatement(file, module, name, local) !== null;
}

function nameUsedAnywhere(root: Node, name: string): boolean {
  let found = false;
  walk(root, (n) => {
    if (found) return false;
    if (n.type === 'identifier' && n.text === name) found = true;
    return !found;
  });
  return found;
}

/**
 * The unsafe fix: perf_counter plus milliseconds. Offered when the group has one subtraction that is
 * the whole value of `NAME = ...` in a function: the value becomes `(...) * 1000` and NAME is renamed
 * to NAME_ms (a `_s`/`_sec`/`_seconds` suffix dropped) everywhere in the function; a NAME already
 * ending in `_ms` keeps its name. Callers that expected seconds must be reviewed, hence unsafe.
 */
function millisecondsFix(file: PyFile, group: DurationGroup, swap: SwapEdits, bindings: BindingIndex): Fix | null {
  if (group.subtractions.length !== 1) return null;
  const sub = group.subtractions[0].node;
  const assignment = assignmentOfValue(sub);
  const scope = group.scope;
  if (!assignment || scope.type !== 'function_definition') return null;
  const left = field(assignment, 'left');
  if (left?.type !== 'identifier') return null;
  // An already scaled value (`(time.time() - start) * 1000`) is not a bare subtraction: never here.
  const name = left.text;
  const nameBindings = bindings.get(scope, name) ?? [];
  if (nameBindings.length !== 1 || nameBindings[0].site.id !== assignment.id) return null;
  const newName = /_ms$/.test(name) ? name : `${name.replace(/_(s|sec|secs|seconds)$/, '')}_ms`;
  const renames: TextEdit[] = [];
  if (newName !== name) {
    if (nameUsedAnywhere(scope, newName)) return null;
    let nested = false;
    walk(scope, (n) => {
      if (n.id !== scope.id && (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition')) {
        if (n.descendantsOfTypeWithText('identifier', new Set([name])).length > 0) nested = true;
        return false;
      }
      if (n.type === 'identifier' && n.text === name && isVariableIdentifier(n) && n.id !== left.id) {
        renames.push({ start: n.startIndex, end: n.endIndex, newText: newName });
      }
      return true;
    });
    if (nested) return null;
    renames.push({ start: left.startIndex, end: left.endIndex, newText: newName });
  }
  // The subtraction's own text with its calls swapped, wrapped and scaled, as one edit.
  const inner = unparen(sub);
  const value = field(assignment, 'right')!;
  let text = file.text.slice(inner.startIndex, inner.endIndex);
  const insideEdits = [...swap.byCall.values()].filter((e) => e.start >= inner.startIndex && e.end <= inner.endIndex)
    .sort((a, b) => b.start - a.start);
  for (const e of insideEdits) {
    text = text.slice(0, e.start - inner.startIndex) + e.newText + text.slice(e.end - inner.startIndex);
  }
  const valueEdit: TextEdit = { start: value.startIndex, end: value.endIndex, newText: `(${text}) * 1000` };
  const outside = swap.edits.filter((e) => !insideEdits.includes(e));
  return {
    id: 'perf-counter-ms',
    title: `Measure the duration with time.perf_counter() in milliseconds (${newName})`,
    safety: 'unsafe',
    edits: [...outside, valueEdit, ...renames],
  };
}
