// ONEX016 io-in-init — see ./ONEX016.md. Today's era only.
// Today's runtime builds every handler when it boots (ServiceHandlerResolver: `Handler(container)`) and never
// calls initialize() on it; a node is only an anchor for its contract. So construction must do no I/O: a
// handler connects lazily inside handle(). Reports, in the __init__ of a handler class or a node class (not a
// test double), each call that performs I/O when __init__ runs (nested functions and lambdas aside):
//   - the surfaces of core's archetype-purity check (../ioSurfaces.ts): file writes, subprocesses, git,
//     a bus or adapter built by hand, Linear URLs;
//   - opening or reading a file: `open(...)` in any mode, `.read_text()` / `.read_bytes()`;
//   - a function of a database, network, git or Linear library (`sqlite3.connect`, `psycopg.connect`,
//     `requests.get`, `socket.create_connection`, `urllib.request.urlopen`); building one of their client
//     classes (`httpx.AsyncClient(...)`) is not I/O and is left alone;
//   - running an event loop (`asyncio.run(...)`, `loop.run_until_complete(...)`).
// The gate it refines is core's handler-di-gate (direct construction in __init__, which also counts building
// plain objects). A node class of node.py that ONEX012 judges is left to ONEX012 (DECL-003/004 cover its
// __init__). `# io-ok` or `# handler-di-ok:` on the line silences a finding. No fix: lazy connection is a
// design change.
import type { PyClass, PyFile } from '../../python/model';
import { type Node, field } from '../../python/syntax';
import type { RawFinding } from '../../types';
import { SURFACE_LABEL, callSurface, importSurface, ioOk } from '../ioSurfaces';
import { exemptFromDeclarativeGate, isGateNodeClass } from '../onex012/python';
import type { PythonRule } from '../rule';
import { nodesInScope } from '../pythonScope';
import { roleOf } from '../classRoles';
import { baseName, inTestFile, inTodaysEra, markerOnRow, qualifiedName } from '../todayScope';
import { meta } from './meta';

const CALLS = new Set(['call']);
const READ_METHODS = new Set(['read_text', 'read_bytes']);

/** What a call in __init__ does that is I/O, or null. */
function ioOf(file: PyFile, call: Node): string | null {
  const surface = callSurface(file, call);
  if (surface) return `${SURFACE_LABEL[surface.surface]} (${surface.detail})`;
  const func = field(call, 'function');
  if (!func) return null;
  const qualified = qualifiedName(file, func);
  if (func.type === 'identifier' && func.text === 'open' && (!qualified || qualified === 'builtins.open')) return 'opens a file (open(...))';
  if (func.type === 'attribute') {
    const name = field(func, 'attribute')?.text ?? '';
    if (READ_METHODS.has(name)) return `reads a file (.${name}())`;
    if (name === 'run_until_complete') return `runs an event loop (.${name}(...))`;
  }
  if (qualified === 'asyncio.run') return 'runs an event loop (asyncio.run(...))';
  if (qualified && qualified.includes('.')) {
    const called = qualified.slice(qualified.lastIndexOf('.') + 1);
    const module = qualified.slice(0, qualified.lastIndexOf('.'));
    const surface = importSurface(module);
    // A function of an I/O library does its I/O when called; building a client object does not.
    if (surface && called[0] !== called[0].toUpperCase()) return `${SURFACE_LABEL[surface]} (${qualified}(...))`;
  }
  return null;
}

/** The classes whose __init__ the rule judges, with what they are for messages. */
function judgedClasses(file: PyFile): { cls: PyClass; what: 'handler' | 'node' }[] {
  const out: { cls: PyClass; what: 'handler' | 'node' }[] = [];
  const nodePy = baseName(file) === 'node.py';
  for (const cls of file.classes) {
    const role = roleOf(file, cls).role;
    if (role === 'handler') out.push({ cls, what: 'handler' });
    else if (role === 'production-node' || role === 'declarative-node' || role === 'base') {
      // ONEX012 reports everything in the __init__ of the node classes it judges.
      if (nodePy && isGateNodeClass(cls.node) && !exemptFromDeclarativeGate(file, cls.node)) continue;
      out.push({ cls, what: 'node' });
    }
  }
  return out;
}

export const onex016: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (!inTodaysEra(file) || inTestFile(file)) return [];
    const findings: RawFinding[] = [];
    for (const { cls, what } of judgedClasses(file)) {
      const init = cls.methods.get('__init__');
      if (!init || init.node.hasError) continue;
      for (const call of nodesInScope(init.node, CALLS)) {
        const io = ioOf(file, call);
        if (!io || call.hasError || ioOk(file, call) || markerOnRow(file, call.startPosition.row, ['handler-di-ok:'])) continue;
        const when = what === 'handler'
          ? "the runtime builds handlers when it boots and never calls their initialize(): connect lazily inside handle(), behind an asyncio.Lock"
          : "today's runtime builds nodes as anchors for their contract and does no I/O there: move this into a handler and connect lazily inside handle()";
        findings.push({
          ruleId: 'ONEX016',
          message: `${cls.name}.__init__ does I/O: ${io}; ${when} (core's handler-di-gate)`,
          span: { start: call.startIndex, end: call.endIndex },
        });
      }
    }
    return findings;
  },
};
