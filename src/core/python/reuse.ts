// Carrying an analysis's findings across an edit that cannot change them.
//
// While the model and the rules run, the view records what they read of the file's content
// (view.ts, Observations): each node whose text was read, each node looked up in a set of names, each
// test of a node's text whose answer alone was used, each node whose row or column was read, each
// search of the whole text and its answer, and whether anything read the text or the raw tree some
// other way.
// Everything else the rules see is the tree's structure (types, fields, parents, children, error
// flags), the configuration, and offsets, which they only compare and report.
//
// After an edit, the previous findings still hold, offsets moved, when all of these hold:
// - the new tree has the same nodes as the old one, node for node (SyntaxTree.sameShapeAs), and
//   neither has a syntax error;
// - the edit is inside one token: the nodes whose text changed are that token and its ancestors, the
//   analysis read the text of none of them, its tests of their texts answer the same, and the token
//   was in none of the sets of names it was looked up in, before or after;
// - no line break was typed or removed, and no row or column read lies after the edit on its line;
// - each search of the whole text has the same answer in the new text;
// - the configuration is the same.
// The rules are deterministic functions of what they read, so a new run would read the same nodes and
// take the same decisions: its findings are the old ones with offsets after the edit moved. Offsets
// keep their order under that move: every other node lies wholly before or wholly after the edit, and
// the token and its ancestors keep their starts and move their ends together. A finding that starts or
// ends at the edit itself is not moved: the analysis runs again.
import type { EraDecision } from '../era';
import type { AnalyzedClass, RawFinding } from '../types';
import type { Observations, SyntaxTree } from './view';

/** One analysis of a view, kept for the next edit. */
export interface RecordedAnalysis {
  /** The configuration it ran with (see configKey). */
  configKey: string;
  raw: RawFinding[];
  /** The era the analysis gave the file (an edit that leaves the findings also leaves the imports). */
  era: EraDecision;
  /** The file's classes and roles (computed while what the analysis read was recorded: they hold as the findings do). */
  classes: AnalyzedClass[];
  observed: Observations;
}

/** Moves an offset of the old text to the new one; throws OffsetAtEdit for an offset the edit touches. */
export type OffsetMap = (offset: number) => number;

export class OffsetAtEdit extends Error {}

/** Moves a finding's offsets kept in its data (rules whose data holds offsets implement it). */
export type DataShifter = (data: unknown, map: OffsetMap) => unknown;

/**
 * The map of old offsets to new ones when the findings of `recorded` (an analysis of `before`) hold
 * for `after` with their offsets moved; null when the edit may change them. `after` must be the view
 * of the incremental re-parse built with `before` as its previous view.
 */
export function offsetsAfterUnreadEdit(before: SyntaxTree, after: SyntaxTree, observed: Observations): OffsetMap | null {
  const diff = after.changed;
  if (!diff || observed.untracked) return null;
  if (before.rootNode.hasError || after.rootNode.hasError) return null;
  const { start, oldEnd, newEnd } = diff;
  if (hasLineBreak(before.source, start, oldEnd) || hasLineBreak(after.source, start, newEnd)) return null;
  if (!after.sameShapeAs(before)) return null;
  if (observed.searches.some((s) => after.source.includes(s.needle) !== s.found)) return null;
  const delta = newEnd - oldEnd;

  // Every node keeps its text, except a chain of ancestors down to one token holding the edit. Copied
  // nodes lie wholly before or after the changed span, at their own index (sameShapeAs): only the
  // walked ones are read.
  const os = before.starts;
  const oe = before.ends;
  const ns = after.starts;
  const ne = after.ends;
  const lastDescendants = before.lastDescendants;
  let deepest = -1;
  for (const i of after.walked) {
    if (oe[i] <= start && ns[i] === os[i] && ne[i] === oe[i]) continue;
    if (os[i] >= oldEnd && ns[i] === os[i] + delta && ne[i] === oe[i] + delta) continue;
    if (os[i] > start || oe[i] < oldEnd || ns[i] !== os[i] || ne[i] !== oe[i] + delta) return null;
    if (deepest >= 0 && i > lastDescendants[deepest]) return null; // not inside the previous one
    const read = observed.texts[i];
    if (read === 1) return null;
    if (read === 2) {
      // Only looked up in sets of names: every look-up found it neither before nor after.
      const was = before.source.slice(os[i], oe[i]);
      const now = after.source.slice(ns[i], ne[i]);
      if (observed.sets.some((set) => set.has(was) || set.has(now))) return null;
    }
    // A test of its text must give the same answer for the new text.
    const tests = observed.tests.get(i);
    if (tests) {
      const text = after.source.slice(ns[i], ne[i]);
      if (tests.some((t) => t.test(text) !== t.answer)) return null;
    }
    deepest = i;
  }
  if (deepest >= 0 && (lastDescendants[deepest] !== deepest || oe[deepest] === os[deepest] || ne[deepest] === ns[deepest])) return null;

  // Rows are unchanged; columns move only after the edit on its line.
  if (observed.positions.length > 0) {
    let lineEnd = before.source.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = before.source.length;
    for (const id of observed.positions) {
      if ((os[id] >= start && os[id] <= lineEnd) || (oe[id] >= start && oe[id] <= lineEnd)) return null;
    }
  }
  return (offset) => {
    if (offset < start) return offset;
    if (offset > oldEnd) return offset + delta;
    throw new OffsetAtEdit(`offset ${offset} is at the edit`);
  };
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/**
 * The findings with their offsets moved, or null when one of them touches the edit. `shifterOf` gives
 * the data shifter of a rule whose findings keep offsets in their data.
 */
export function moveFindings(raw: readonly RawFinding[], map: OffsetMap, shifterOf: (ruleId: RawFinding['ruleId']) => DataShifter | undefined): RawFinding[] | null {
  try {
    return raw.map((f) => {
      const moved: RawFinding = { ...f, span: { start: map(f.span.start), end: map(f.span.end) } };
      const shift = f.data === undefined ? undefined : shifterOf(f.ruleId);
      if (shift) moved.data = shift(f.data, map);
      return moved;
    });
  } catch (error) {
    if (error instanceof OffsetAtEdit) return null;
    throw error;
  }
}

/** The classes with their name spans moved, or null when one of them touches the edit. */
export function moveClasses(classes: readonly AnalyzedClass[], map: OffsetMap): AnalyzedClass[] | null {
  try {
    return classes.map((c) => ({ ...c, span: { start: map(c.span.start), end: map(c.span.end) } }));
  } catch (error) {
    if (error instanceof OffsetAtEdit) return null;
    throw error;
  }
}

/** The configuration as a key: results are reused only under the same one. */
export function configKey(config: object): string {
  return JSON.stringify(config);
}
