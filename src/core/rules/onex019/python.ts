// ONEX019 canonical-handler — see ./ONEX019.md. Today's era only.
// Mirrors core's canonical handler-shape classifier (scripts/ci/canonical_handler_shape.py, OMN-14355; infra's
// CI "Canonical handler-shape ratchet" hard-fails a new non-canonical node). For each class of this file that
// the package's contract.yaml binds (handler_routing entries, a top-level handler, default_handler; the
// binding's module must be this file's), it reports what makes the classifier call the node non-canonical:
//   - no `handle` method in the class (op_method: only operations such as execute(); empty: nothing);
//   - a `handle` that is not def-B-adaptable (nonadaptable): its positional parameters (after self, as the
//     classifier counts them) are not exactly one named request/payload/event/input_model/command/input/cmd/
//     msg or annotated with a model-looking type (Model…, …Command, …Request, …Event, …Input; never dict,
//     object, Any, a dict or a list), nor none at all, nor **kwargs;
//   - the module names ModelEventEnvelope anywhere (envelope_in_core): the envelope is the runtime's boundary.
// No fix: the handler's entry point is a design choice; the message shows the def-B shape.
import type { PyClass, PyFile } from '../../python/model';
import { type Node, children, field } from '../../python/syntax';
import type { RawFinding } from '../../types';
import type { PythonRule } from '../rule';
import { baseName, folderParts, inTestFile, inTodaysEra } from '../todayScope';
import { meta } from './meta';

/** The classifier's MAGIC_PARAM_NAMES. */
const MAGIC_PARAM_NAMES = new Set(['request', 'payload', 'event', 'input_model', 'command', 'input', 'cmd', 'msg']);
const NOT_OPERATIONS = new Set(['handle', 'initialize', 'is_initialized']);
const DEF_B = 'async def handle(self, request: Model…) -> ModelHandlerOutput[…]';

/** Whether the binding's module is this file (`pkg.nodes.n.handlers.handler_x` for handlers/handler_x.py, or its package). */
function moduleIsThisFile(file: PyFile, module: string | undefined): boolean {
  if (!module) return true;
  const last = module.split('.').pop();
  const own = baseName(file).replace(/\.py$/, '');
  if (own === '__init__') return last === folderParts(file).pop();
  return last === own;
}

/** The classes of this file the contract binds. */
function boundClasses(file: PyFile): PyClass[] {
  const handlers = file.config.packageFacts?.handlers ?? [];
  return file.classes.filter((cls) => handlers.some((h) => h.name === cls.name && moduleIsThisFile(file, h.module)));
}

interface Param {
  name: string;
  annotation: string | null;
}

/** The parameters the classifier counts (ast `args.args`): positional-or-keyword ones, `self` aside; and whether there is **kwargs. */
function positionalParams(fn: Node): { params: Param[]; kwargs: boolean } {
  const list = field(fn, 'parameters');
  const all = list ? children(list).filter((c) => c.type !== 'comment') : [];
  // Positional-only ones (before `/`) are not args.args.
  const slash = all.findIndex((p) => p.type === 'positional_separator');
  const params: Param[] = [];
  let kwargs = false;
  let keywordOnly = false;
  all.forEach((p, i) => {
    if (p.type === 'dictionary_splat_pattern') kwargs = true;
    if (p.type === 'list_splat_pattern' || p.type === 'keyword_separator') keywordOnly = true;
    if (keywordOnly || i <= slash) return;
    let name: string | null = null;
    let annotation: string | null = null;
    if (p.type === 'identifier') name = p.text;
    else if (p.type === 'default_parameter') name = field(p, 'name')?.text ?? null;
    else if (p.type === 'typed_parameter') {
      name = children(p).find((c) => c.type === 'identifier')?.text ?? null;
      annotation = field(p, 'type')?.text ?? null;
    } else if (p.type === 'typed_default_parameter') {
      name = field(p, 'name')?.text ?? null;
      annotation = field(p, 'type')?.text ?? null;
    }
    if (name && name !== 'self') params.push({ name, annotation });
  });
  return { params, kwargs };
}

/** Why a handle() is not def-B-adaptable, or null when it is (the classifier's _handle_is_adaptable). */
function notAdaptable(fn: Node): string | null {
  const { params, kwargs } = positionalParams(fn);
  if (kwargs || params.length === 0) return null;
  if (params.length > 1) return `it takes ${params.length} positional parameters (${params.map((p) => p.name).join(', ')})`;
  const [{ name, annotation }] = params;
  if (MAGIC_PARAM_NAMES.has(name)) return null;
  const ann = (annotation ?? '').replace(/\s+/g, '');
  const looksModel = ann !== '' && !['dict', 'object', 'Any', 'None'].includes(ann) && !ann.includes('dict') && !ann.includes('list') &&
    (ann.startsWith('Model') || ann.includes('Model') || /(Command|Request|Event|Input)$/.test(ann));
  if (looksModel) return null;
  return `its parameter ${name}${annotation ? `: ${annotation}` : ''} is neither named as a payload (request, payload, event, command, …) nor annotated with a model`;
}

/** Methods the classifier counts as operations: public, with a parameter beyond self or **kwargs. */
function operations(cls: PyClass): string[] {
  const out: string[] = [];
  for (const [name, m] of cls.methods) {
    if (name.startsWith('_') || NOT_OPERATIONS.has(name)) continue;
    const { params, kwargs } = positionalParams(m.node);
    if (params.length > 0 || kwargs) out.push(name);
  }
  return out;
}

/** The first token of the file naming ModelEventEnvelope (an import, a name, a string or a comment). */
function envelopeMention(file: PyFile): Node | null {
  if (!file.textIncludes('ModelEventEnvelope')) return null;
  for (const token of file.root.descendantsOfType(['identifier', 'string_content', 'comment'])) {
    if (token.textMatches((t) => t.includes('ModelEventEnvelope'))) return token;
  }
  return null;
}

export const onex019: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (!inTodaysEra(file) || inTestFile(file)) return [];
    const bound = boundClasses(file);
    if (bound.length === 0) return [];
    const findings: RawFinding[] = [];
    for (const cls of bound) {
      if (cls.node.hasError) continue;
      const handle = cls.methods.get('handle');
      if (!handle) {
        const ops = operations(cls);
        const async = cls.methods.has('handle_async') ? ' (handle_async() is not the canonical entry point)' : '';
        findings.push({
          ruleId: 'ONEX019',
          message: `${cls.name}, which contract.yaml binds, has no handle()${async}` +
            (ops.length > 0 ? `: its operations (${ops.slice(0, 4).join(', ')}) are not the def-B entry point` : '') +
            `; a canonical handler defines ${DEF_B} (core's canonical_handler_shape: ${ops.length > 0 ? 'op_method' : 'empty'})`,
          span: { start: cls.nameNode.startIndex, end: cls.nameNode.endIndex },
        });
        continue;
      }
      const why = notAdaptable(handle.node);
      if (why) {
        const params = field(handle.node, 'parameters') ?? handle.node;
        findings.push({
          ruleId: 'ONEX019',
          message: `${cls.name}.handle is not def-B: ${why}; the runtime hands handle() the payload model, as in ${DEF_B} (core's canonical_handler_shape: nonadaptable)`,
          span: { start: params.startIndex, end: params.endIndex },
        });
      }
    }
    const envelope = envelopeMention(file);
    if (envelope) {
      findings.push({
        ruleId: 'ONEX019',
        message: `this module of ${bound.map((c) => c.name).join(', ')} names ModelEventEnvelope: the envelope is the runtime's boundary; ` +
          "a def-B handler takes the payload model and returns ModelHandlerOutput, the runtime wraps its events (core's canonical_handler_shape: envelope_in_core)",
        span: { start: envelope.startIndex, end: envelope.endIndex },
      });
    }
    return findings;
  },
};
