// ONEX018 utcnow — see ./ONEX018.md. Today's era only.
// `datetime.utcnow()` returns a naive datetime (no tzinfo) that compares wrongly, or raises, against the
// timezone-aware timestamps of Kafka, PostgreSQL and today's models; Python 3.12 deprecates it. Reports every
// reference to datetime.datetime.utcnow, called or not (`Field(default_factory=datetime.utcnow)`), however the
// file imports it (`from datetime import datetime as dt`, `import datetime as _dt`). Mirrors ruff's DTZ003
// (selected in infra's and core's configuration, so infra's CI fails on the call) and core's check-no-utcnow
// (which also counts the bare reference). Unlike that check, `.utcnow` on anything that is not the datetime
// class (an object of the project's own with a utcnow method) is not reported.
//
// Fix (unsafe: naive becomes aware, so comparisons and arithmetic with naive datetimes now raise TypeError,
// and isoformat() gains "+00:00"): `X.utcnow()` becomes `X.now(UTC)`, with UTC taken from the file's imports
// (`UTC`, `timezone.utc`, `datetime.UTC`) or added to its `from datetime import …` line.
import type { PyFile } from '../../python/model';
import { type Node, children, field } from '../../python/syntax';
import type { Fix, RawFinding, TextEdit } from '../../types';
import type { PythonRule } from '../rule';
import { BindingIndex, allImports, importedNames, scopeOf } from '../pythonScope';
import { inTodaysEra, qualifiedName } from '../todayScope';
import { meta } from './meta';

/** Every `<datetime class>.utcnow` attribute of the file. */
function utcnowReferences(file: PyFile): Node[] {
  if (!file.textIncludes('utcnow')) return [];
  const out: Node[] = [];
  for (const id of file.root.descendantsOfTypeWithText('identifier', new Set(['utcnow']))) {
    const attr = id.parent;
    if (attr?.type !== 'attribute' || field(attr, 'attribute')?.id !== id.id) continue;
    if (qualifiedName(file, field(attr, 'object')) === 'datetime.datetime') out.push(attr);
  }
  return out;
}

/** The call of the reference, when it is called (`X.utcnow()`), else null. */
function callOf(attr: Node): Node | null {
  const parent = attr.parent;
  return parent?.type === 'call' && field(parent, 'function')?.id === attr.id ? parent : null;
}

export const onex018: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (!inTodaysEra(file)) return [];
    return utcnowReferences(file).filter((attr) => !attr.hasError).map((attr) => {
      const call = callOf(attr);
      const node = call ?? attr;
      const written = field(attr, 'object')!.text;
      return {
        ruleId: 'ONEX018' as const,
        message: call
          ? `${written}.utcnow() returns a naive datetime (no timezone): use ${written}.now(UTC), as today's framework does (ruff DTZ003, core's check-no-utcnow)`
          : `${written}.utcnow makes naive datetimes wherever it is called: use a function returning ${written}.now(UTC) (ruff DTZ003, core's check-no-utcnow)`,
        span: { start: node.startIndex, end: node.endIndex },
      };
    });
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const attr = utcnowReferences(file).find((a) => {
      const node = callOf(a) ?? a;
      return node.startIndex === finding.span.start && node.endIndex === finding.span.end;
    });
    const call = attr ? callOf(attr) : null;
    const args = call ? field(call, 'arguments') : null;
    if (!attr || !call || !args || children(args).length !== 0) return [];
    const utc = utcExpression(file, call);
    if (!utc) return [];
    const name = field(attr, 'attribute')!;
    const written = field(attr, 'object')!.text;
    return [{
      id: 'now-utc',
      title: `Use ${written}.now(${utc.text}) (timezone-aware: comparisons with naive datetimes and isoformat() output change)`,
      safety: 'unsafe',
      preferred: true,
      edits: [
        { start: name.startIndex, end: name.endIndex, newText: 'now' },
        { start: args.startIndex, end: args.endIndex, newText: `(${utc.text})` },
        ...(utc.importEdit ? [utc.importEdit] : []),
      ],
    }];
  },
};

/**
 * How to write UTC at the call: a module-level name the file imports for it (`UTC`, `timezone` → `timezone.utc`,
 * the datetime module → `datetime.UTC`) that nothing shadows there, else `UTC` added to the module-level
 * `from datetime import …` line when no name UTC is used anywhere in the file.
 */
function utcExpression(file: PyFile, call: Node): { text: string; importEdit: TextEdit | null } | null {
  const bindings = new BindingIndex();
  const moduleImports = allImports(file.root).filter((s) => scopeOf(s).type === 'module');
  // In order of preference: UTC itself, timezone.utc, the datetime module's UTC.
  const candidates: { local: string; text: string; rank: number }[] = [];
  let fromDatetime: Node | null = null;
  const meanings = new Map<string, Set<string>>();
  for (const stmt of moduleImports) {
    for (const imported of importedNames(stmt)) {
      const dotted = imported.name === null ? imported.module : `${imported.module}.${imported.name}`;
      meanings.set(imported.local, (meanings.get(imported.local) ?? new Set()).add(dotted));
      if (dotted === 'datetime.UTC') candidates.push({ local: imported.local, text: imported.local, rank: 0 });
      else if (dotted === 'datetime.timezone') candidates.push({ local: imported.local, text: `${imported.local}.utc`, rank: 1 });
      else if (imported.name === null && imported.module === 'datetime') candidates.push({ local: imported.local, text: `${imported.local}.UTC`, rank: 2 });
    }
    if (stmt.type === 'import_from_statement' && field(stmt, 'module_name')?.text === 'datetime' && !stmt.hasError) fromDatetime ??= stmt;
  }
  candidates.sort((a, b) => a.rank - b.rank);
  const usable = candidates.find((c) => meanings.get(c.local)!.size === 1 && !bindings.shadowedAt(c.local, call) && (bindings.get(file.root, c.local) ?? []).every((b) => b.kind === 'import'));
  if (usable) return { text: usable.text, importEdit: null };
  if (!fromDatetime || file.root.descendantsOfTypeWithText('identifier', new Set(['UTC'])).length > 0) return null;
  const names = fromDatetime.childrenForFieldName('name');
  const last = names[names.length - 1];
  if (!last) return null;
  return { text: 'UTC', importEdit: { start: last.endIndex, end: last.endIndex, newText: ', UTC' } };
}
