// ONEX009's detection and fix: get_metrics() with the derived figures (pattern 6), the counters it
// reads in __init__, and duration/success/failure tracking around the node's execute method.
import { boundImportName, boundModuleName, importEdits, quoted } from '../../python/edits';
import { type PyClass, type PyFile, type PyMethod, methodsWithInherited } from '../../python/model';
import { type Node, children, field, statements } from '../../python/syntax';
import { entryPointName } from '../../framework';
import { indentationAt } from '../../text';
import {
  METRIC_KINDS, type MetricKind, type MetricsReturn, bodyStatements, classChain, identifiersIn, inheritsMetrics,
  isGenerator, metricsReturns, selfParameter, nodesSkippingClasses, assignedSelfAttributes,
} from '../classAnalysis';
import {
  type EditBuilder, InitEditor, appendToClass, endOfLineAfter, indentFollowingLines, lineStartOf,
  methodBodyIndent, render, startsLine,
} from '../classEdits';
import {
  METRIC_COUNTER_NAMES, METRIC_ENTRIES, type MetricCounter, getMetricsMethod, metricCounters, trackingHandlers,
  trackingPrologue,
} from '../classTemplates';

export type MetricsGap =
  | { kind: 'missing' }
  | { kind: 'incomplete'; missing: MetricKind[] };

/** ONEX009's finding for a class, or null (also null when get_metrics cannot be judged). */
export function metricsGap(file: PyFile, cls: PyClass): MetricsGap | null {
  if (inheritsMetrics(file, cls)) return null;
  const method = methodsWithInherited(file, cls).get('get_metrics');
  if (!method) return { kind: 'missing' };
  const returns = metricsReturns(method);
  if (!returns) return null;
  if (returns.some((r) => METRIC_KINDS.every((k) => r.kinds.has(k)))) return null;
  const last = returns[returns.length - 1];
  return { kind: 'incomplete', missing: METRIC_KINDS.filter((k) => !last.kinds.has(k)) };
}

const EXECUTE_METHODS = ['process', 'execute_effect', 'execute_compute', 'execute_reduction', 'execute_orchestration'];

/** The node's execute method, defined in the class itself: the era's entry point first. */
export function executeMethod(file: PyFile, cls: PyClass): PyMethod | null {
  const preferred = cls.kind ? entryPointName(cls.kind, file.era.era) : null;
  const order = preferred ? [preferred, ...EXECUTE_METHODS.filter((n) => n !== preferred)] : EXECUTE_METHODS;
  for (const name of order) {
    const m = cls.methods.get(name);
    if (m) return m;
  }
  return null;
}

/** The metric counters some method of the class chain already updates (`self._total_operations += 1`). */
function updatedCounters(file: PyFile, cls: PyClass): Set<MetricCounter> {
  const out = new Set<MetricCounter>();
  for (const c of classChain(file, cls)) {
    for (const m of c.methods.values()) {
      const self = selfParameter(m);
      for (const n of nodesSkippingClasses(m.node, ['augmented_assignment'])) {
        const left = field(n, 'left');
        const attr = left?.type === 'attribute' && field(left, 'object')?.text === self ? field(left, 'attribute')?.text : null;
        if (attr && (METRIC_COUNTER_NAMES as string[]).includes(attr)) out.add(attr as MetricCounter);
      }
    }
  }
  return out;
}

/** A name not used in the function: `base`, else `base_2`, ... */
function freeLocal(used: Set<string>, base: string): string {
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * The local name of a module-level `import <module>` / `import <module> as x`. (edits.ts's
 * boundModuleName misses the aliased form: it reads the dotted_name of an aliased_import as empty.)
 */
function moduleLocalName(file: PyFile, module: string): string | null {
  for (const stmt of statements(file.root)) {
    if (stmt.type !== 'import_statement') continue;
    for (const c of children(stmt)) {
      if (c.type === 'dotted_name' && c.text === module) return module;
      if (c.type === 'aliased_import' && field(c, 'name')?.text === module) return field(c, 'alias')?.text ?? null;
    }
  }
  return null;
}

/**
 * The expression for a perf_counter() call in this file: through the file's own `import time` or
 * `from time import perf_counter`; otherwise `import time` is added, or, when the file already
 * uses the name `time` for something else (`from time import time`, a local), `from time import
 * perf_counter` (merged into an existing `from time import ...`). Null when neither is free.
 */
function perfCounter(file: PyFile, builder: EditBuilder): string | null {
  const module = moduleLocalName(file, 'time') ?? boundModuleName(file, 'time');
  if (module) return `${module}.perf_counter()`;
  const fn = boundImportName(file, 'time', 'perf_counter');
  if (fn) return `${fn}()`;
  const names = identifiersIn(file.root);
  if (names.has('time')) {
    if (names.has('perf_counter')) return null;
    builder.add(importEdits(file, [{ module: 'time', name: 'perf_counter' }]));
    return 'perf_counter()';
  }
  const stmts = statements(file.root);
  let last: Node | null = null;
  for (const s of stmts) {
    if (s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement') last = s;
  }
  const at = last ? endOfLineAfter(file, last) : null;
  if (last && at !== null) builder.insert(at, `${file.eol}import time`);
  else builder.insert(0, `import time${file.eol}${file.eol}`);
  return 'time.perf_counter()';
}

/** Wraps the execute method's body (after its docstring) in try/except/finally that updates the counters. */
function wrapExecute(file: PyFile, method: PyMethod, builder: EditBuilder, counters: ReadonlySet<MetricCounter>): boolean {
  const indent = methodBodyIndent(file, method);
  const stmts = bodyStatements(method);
  if (indent === null || stmts.length === 0 || isGenerator(method.node)) return false;
  const first = stmts[0];
  const last = stmts[stmts.length - 1];
  if (!startsLine(file.text, first)) return false;
  const end = endOfLineAfter(file, last);
  if (end === null) return false;
  const perf = perfCounter(file, builder);
  if (!perf) return false;
  const used = identifiersIn(method.node);
  const start = freeLocal(used, 'metrics_start_time');
  const failed = freeLocal(used, 'metrics_failed');
  const duration = freeLocal(used, 'metrics_duration_ms');
  const eol = file.eol;
  builder.insert(lineStartOf(file.text, first.startIndex),
    render(file, trackingPrologue(perf, start, failed, counters), indent) + eol + indent + 'try:' + eol + file.indentUnit);
  indentFollowingLines(file, builder, first, last, stmts);
  builder.insert(end, eol + render(file, trackingHandlers(perf, start, failed, duration, counters), indent));
  return true;
}

/** Adds entries to a dict literal, following its layout (one per line in a multi-line dict). */
function completeDict(file: PyFile, builder: EditBuilder, dict: Node, entries: string[]): boolean {
  const items = children(dict).filter((c) => c.type === 'pair' || c.type === 'dictionary_splat');
  const close = dict.lastChild;
  if (!close || close.type !== '}') return false;
  if (items.length === 0) {
    builder.insert(close.startIndex, entries.join(', '));
    return true;
  }
  const lastItem = items[items.length - 1];
  const comma = lastItem.nextSibling?.type === ',' ? lastItem.nextSibling : null;
  if (dict.startPosition.row === dict.endPosition.row) {
    builder.insert((comma ?? lastItem).endIndex, comma ? ` ${entries.join(', ')},` : `, ${entries.join(', ')}`);
    return true;
  }
  const firstItem = items[0];
  const itemIndent = startsLine(file.text, firstItem)
    ? indentationAt(file.text, firstItem.startIndex)
    : indentationAt(file.text, dict.startIndex) + file.indentUnit;
  if (!comma) builder.insert(lastItem.endIndex, ',');
  const lines = entries.map((e) => `${file.eol}${itemIndent}${e},`).join('');
  const at = endOfLineAfter(file, comma ?? lastItem);
  builder.insert(at ?? (comma ?? lastItem).endIndex, lines);
  return true;
}

function typingAny(file: PyFile): string | null {
  return boundImportName(file, 'typing', 'Any');
}

/** The edits of ONEX009's fix; false when they cannot be made safely. */
export function metricsFix(file: PyFile, cls: PyClass, builder: EditBuilder): boolean {
  const gap = metricsGap(file, cls);
  if (!gap) return false;
  const attrs = assignedSelfAttributes(file, cls);
  const needed = new Set<MetricCounter>();
  if (gap.kind === 'missing') METRIC_COUNTER_NAMES.forEach((c) => needed.add(c));
  else {
    needed.add('_total_operations');
    if (gap.missing.includes('failure') || gap.missing.includes('success_rate')) needed.add('_failed_operations');
    if (gap.missing.includes('avg_duration')) needed.add('_total_duration_ms');
  }
  // Tracking around the execute method updates the counters nothing else updates yet.
  const execute = executeMethod(file, cls);
  const updated = updatedCounters(file, cls);
  const tracked = new Set([...needed].filter((c) => !updated.has(c)));
  const track = !!execute && tracked.size > 0;
  const missingCounters = METRIC_COUNTER_NAMES.filter((c) => needed.has(c) && !attrs.has(c));
  const editor = new InitEditor(file, cls);
  if (missingCounters.length > 0) {
    if (!editor.usable) return false;
    editor.addAfterSuper(metricCounters(missingCounters));
  }
  if (!editor.finish(builder)) return false;
  // When the method's shape does not allow a safe wrap, there is no tracking: the figures stay at their defaults.
  if (track) wrapExecute(file, execute!, builder, tracked);
  if (gap.kind === 'missing') {
    const any = typingAny(file);
    return appendToClass(file, cls, builder, getMetricsMethod(any ? `dict[str, ${any}]` : 'dict[str, float]'));
  }
  const method = methodsWithInherited(file, cls).get('get_metrics')!;
  const returns = metricsReturns(method) as MetricsReturn[];
  const target = returns[returns.length - 1];
  const entries = gap.missing.map((k) => {
    const [key, value] = METRIC_ENTRIES[k];
    return `${quoted(file, key)}: ${value}`;
  });
  return completeDict(file, builder, target.dict, entries);
}
