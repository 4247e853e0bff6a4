// ONEX006 defensive-config — see ./ONEX006.md and shared/spec/rules.md.
// Reports, in node classes, each read of the container's configuration (`container.config.get(...)`,
// `container.config[...]`, `self.container.config.<attr>`) that no defensive guard protects. The
// analysis is in ./configReads.ts.
//
// Fix (unsafe: a missing key or a config without get() yields the default instead of an exception):
// one helper method `_config_get(self, key, default=None, container=None)` per class that reads
// defensively, and the flagged read rewritten to call it. The helper is added once and reused.
import type { PyClass, PyFile } from '../../python/model';
import { methodsWithInherited } from '../../python/model';
import { quoted } from '../../python/edits';
import { type Node, children, field } from '../../python/syntax';
import type { Fix, RawFinding, TextEdit } from '../../types';
import { meta } from './meta';
import type { PythonRule } from '../rule';
import { type ConfigRead, type ConfigReadKind, ConfigGuards, configReadsIn, memberMethodOf } from './configReads';
import { insertMethod } from '../lineInsertion';
import { insideErrorNode, parameterNames } from '../pythonScope';

export const CONFIG_HELPER = '_config_get';

export interface Onex006Data {
  kind: ConfigReadKind;
  /** The container expression (`container`, `self.container`). */
  container: string;
  className: string;
}

function label(read: ConfigRead): string {
  const config = read.config.text.replace(/\s+/g, '');
  if (read.kind === 'get') return `${config}.get(...)`;
  if (read.kind === 'subscript') return `${config}[...]`;
  return `${config}.${field(read.node, 'attribute')?.text ?? ''}`;
}

/** Unguarded configuration reads of one node class. */
function unguardedReads(cls: PyClass): ConfigRead[] {
  const guards = new ConfigGuards(cls);
  return configReadsIn(cls).filter((read) => {
    if (read.node.hasError || insideErrorNode(read.node, cls.node)) return false;
    const fn = memberMethodOf(cls, read.node);
    if (fn?.node.hasError) return false; // guards may be hidden in the part the parser could not read
    return !guards.isGuarded(read);
  });
}

export const onex006: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const findings: RawFinding[] = [];
    for (const cls of file.nodeClasses) {
      for (const read of unguardedReads(cls)) {
        const data: Onex006Data = { kind: read.kind, container: read.container, className: cls.name };
        findings.push({
          ruleId: 'ONEX006',
          message: `${label(read)} reads configuration without a defensive guard (try/except or hasattr(config, "get")) in ${cls.name}`,
          span: { start: read.node.startIndex, end: read.node.endIndex },
          data,
        });
      }
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    for (const cls of file.nodeClasses) {
      if (finding.span.start < cls.node.startIndex || finding.span.end > cls.node.endIndex) continue;
      const read = configReadsIn(cls).find((r) => r.node.startIndex === finding.span.start && r.node.endIndex === finding.span.end);
      if (!read) return [];
      const edits = defensiveReadEdits(file, cls, read);
      if (!edits) return [];
      return [{
        id: 'config-helper',
        title: `Read the configuration through ${CONFIG_HELPER}() (defensive)`,
        safety: 'unsafe',
        edits,
        preferred: true,
      }];
    }
    return [];
  },
};

/** The helper method, written at depth 0 with 4-space indentation and '\n'. */
function helperSource(file: PyFile): string {
  const q = (s: string) => quoted(file, s);
  return [
    `def ${CONFIG_HELPER}(self, key, default=None, container=None):`,
    '    """Read a configuration value defensively: the config may lack get() or raise."""',
    '    try:',
    '        config = (self.container if container is None else container).config',
    `        if hasattr(config, ${q('get')}) and callable(config.get):`,
    '            return config.get(key, default)',
    '        return getattr(config, key, default)',
    '    except Exception:',
    '        return default',
  ].join('\n');
}

/** Whether the decorators of a method make its first parameter something other than the instance. */
function isStaticOrClassMethod(cls: PyClass, name: string): boolean {
  const m = cls.methods.get(name);
  if (!m || m.outer.type !== 'decorated_definition') return false;
  return children(m.outer).some((d) => d.type === 'decorator' && /\b(staticmethod|classmethod)\b/.test(d.text));
}

/** Whether a function or lambda between `node` and `method` rebinds `name`. */
function rebindsBetween(node: Node, method: Node, name: string): boolean {
  for (let p = node.parent; p && p.id !== method.id; p = p.parent) {
    if ((p.type === 'function_definition' || p.type === 'lambda') && parameterNames(p).includes(name)) return true;
  }
  return false;
}

/** The parameters an existing helper accepts, or null when its signature is not (self, key, default, ...). */
function existingHelperParams(file: PyFile, cls: PyClass): string[] | null {
  const helper = methodsWithInherited(file, cls).get(CONFIG_HELPER);
  if (!helper) return null;
  return parameterNames(helper.node);
}

function defensiveReadEdits(file: PyFile, cls: PyClass, read: ConfigRead): TextEdit[] | null {
  const method = memberMethodOf(cls, read.node);
  // Never rewrite the helper's own read into a call of itself.
  if (!method || method.name === CONFIG_HELPER || isStaticOrClassMethod(cls, method.name)) return null;
  const self = parameterNames(method.node)[0];
  if (!self || rebindsBetween(read.node, method.node, self)) return null;

  const existing = existingHelperParams(file, cls);
  if (existing && (existing.length < 3 || existing[1] !== 'key')) return null; // a helper of another shape
  const container = read.container.replace(/^self\./, `${self}.`);
  const needsContainer = read.container !== 'self.container';
  if (needsContainer && existing && !existing.includes('container')) return null;
  const containerArg = needsContainer ? `container=${container}` : null;

  const edits: TextEdit[] = [];
  const callee = `${self}.${CONFIG_HELPER}`;
  if (read.kind === 'get') {
    const func = field(read.node, 'function')!;
    const args = field(read.node, 'arguments');
    if (!args || args.type !== 'argument_list') return null;
    const argNodes = children(args).filter((a) => a.type !== 'comment');
    if (argNodes.length < 1 || argNodes.length > 2 ||
      argNodes.some((a) => ['keyword_argument', 'list_splat', 'dictionary_splat'].includes(a.type))) return null;
    edits.push({ start: func.startIndex, end: func.endIndex, newText: callee });
    if (containerArg) {
      const last = argNodes[argNodes.length - 1];
      edits.push({ start: last.endIndex, end: last.endIndex, newText: `, ${containerArg}` });
    }
  } else if (read.kind === 'subscript') {
    const keys = read.node.childrenForFieldName('subscript').filter((k): k is Node => !!k);
    if (keys.length !== 1 || keys[0].type === 'slice') return null;
    const key = keys[0].text;
    edits.push({ start: read.node.startIndex, end: read.node.endIndex, newText: `${callee}(${key}${containerArg ? `, ${containerArg}` : ''})` });
  } else {
    const attr = field(read.node, 'attribute')!.text;
    edits.push({ start: read.node.startIndex, end: read.node.endIndex, newText: `${callee}(${quoted(file, attr)}${containerArg ? `, ${containerArg}` : ''})` });
  }

  if (!existing) {
    const init = cls.methods.get('__init__');
    const insert = insertMethod(file, cls, helperSource(file), init ? init.outer : null);
    if (!insert) return null;
    edits.push(insert);
  }
  return edits;
}
