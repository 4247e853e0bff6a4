// How production-ready a node is, for its era (pure functions over what the index and the analysis know).
// - Bridge era: how many of the ten patterns of production-vs-template.md it has ("7/10"): pattern N is
//   the rule ONEX00N (ONEX010 for the tenth), present when that rule reports nothing on the node.
// - Today: the checklist of current-era.md §11 as issue 22 words it: a declarative node, a valid contract,
//   a bound def-B handler, tests, none of the banned constructs.
// Production-ready: every item holds and no warning or error is left open on the node.
import type { Era } from '../era';
import { appliesIn } from '../rules/eras';
import { RULE_META } from '../rules/meta';
import type { Finding, RuleId, Severity } from '../types';
import type { ClassFacts, HandleFacts } from './facts';

/** `pass`: holds; `fail`: does not; `unknown`: nothing can tell yet (a rule switched off, no contract checks). */
export type CheckState = 'pass' | 'fail' | 'unknown';

export interface ReadinessItem {
  /** `ONEX001`…`ONEX010` in the bridge era; `declarative`, `contract`, `handler`, `tests`, `banned` today. */
  id: string;
  label: string;
  state: CheckState;
  /** Why, in a few words (the finding's message, the missing file). */
  detail?: string;
}

export interface Readiness {
  era: Era;
  /** Items that hold, out of `total`. */
  score: number;
  total: number;
  /** "7/10" in the bridge era; "3/5" today. */
  label: string;
  items: ReadinessItem[];
  /** Open warnings and errors on the node beyond the items (ONEX011, today's statement-level rules). */
  otherProblems: number;
  ready: boolean;
}

/** The ten patterns (production-vs-template.md, "Top 10 Production Patterns Missing from Templates"). */
export const BRIDGE_PATTERNS: readonly { ruleId: RuleId; label: string }[] = [
  { ruleId: 'ONEX001', label: 'Health check mode detection' },
  { ruleId: 'ONEX002', label: 'Consul service discovery' },
  { ruleId: 'ONEX003', label: 'OnexEnvelopeV1 event wrapping' },
  { ruleId: 'ONEX004', label: 'Comprehensive error handling' },
  { ruleId: 'ONEX005', label: 'Lifecycle methods' },
  { ruleId: 'ONEX006', label: 'Defensive configuration' },
  { ruleId: 'ONEX007', label: 'Service resolution' },
  { ruleId: 'ONEX008', label: 'Event metadata' },
  { ruleId: 'ONEX009', label: 'Comprehensive metrics' },
  { ruleId: 'ONEX010', label: 'High-precision timing' },
];

const BLOCKING: ReadonlySet<Severity> = new Set(['warning', 'error']);

/** The part of a finding readiness reads. */
export type NodeFinding = Pick<Finding, 'ruleId' | 'message' | 'severity' | 'span'>;

/**
 * The findings that belong to each class of a file: those inside the class, and those of the file
 * outside every class (a module-level `time.time()` helper is the node's module's). Findings inside other
 * classes of the file (helpers, handlers) are theirs. One pass over the findings, a binary search each
 * (module-level classes do not overlap): a generated file with hundreds of nodes stays cheap.
 */
export function findingsByClass<F extends Pick<Finding, 'span'>, C extends Pick<ClassFacts, 'start' | 'end'>>(findings: readonly F[], classesOfFile: readonly C[]): (cls: C) => F[] {
  const sorted = [...classesOfFile].sort((a, b) => a.start - b.start);
  const inside = new Map<C, F[]>();
  const outside: F[] = [];
  for (const f of findings) {
    let lo = 0;
    let hi = sorted.length - 1;
    let owner: C | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start <= f.span.start) {
        owner = sorted[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (owner && f.span.start < owner.end) {
      const list = inside.get(owner);
      if (list) list.push(f);
      else inside.set(owner, [f]);
    } else outside.push(f);
  }
  // Keep the findings in their order in the file.
  return (cls) => [...(inside.get(cls) ?? []), ...outside].sort((a, b) => a.span.start - b.span.start);
}

function summarise(era: Era, items: ReadinessItem[], otherProblems: number): Readiness {
  const score = items.filter((i) => i.state === 'pass').length;
  return {
    era, score, total: items.length, label: `${score}/${items.length}`, items, otherProblems,
    ready: score === items.length && otherProblems === 0,
  };
}

/**
 * Bridge era: pattern N holds when rule N reports nothing on the node; a rule switched off (`off` in
 * `severities`) cannot tell, so its pattern is unknown and the node cannot be called ready.
 */
export function bridgeReadiness(findings: readonly NodeFinding[], severities: Partial<Record<RuleId, Severity>> = {}): Readiness {
  const items = BRIDGE_PATTERNS.map(({ ruleId, label }): ReadinessItem => {
    const found = findings.find((f) => f.ruleId === ruleId);
    if (found) return { id: ruleId, label, state: 'fail', detail: found.message };
    if (severities[ruleId] === 'off') return { id: ruleId, label, state: 'unknown', detail: `${ruleId} is switched off` };
    return { id: ruleId, label, state: 'pass' };
  });
  const patterns = new Set<string>(BRIDGE_PATTERNS.map((p) => p.ruleId));
  const otherProblems = findings.filter((f) => !patterns.has(f.ruleId) && BLOCKING.has(f.severity)).length;
  return summarise('bridge', items, otherProblems);
}

/**
 * Today's rules for the constructs today's gates ban (rules.md, "banned constructs"): Consul references,
 * env reads and env-default fallbacks, localhost endpoint defaults, I/O in a node's or handler's
 * `__init__`, I/O outside effect packages, `datetime.utcnow()`.
 */
export const BANNED_CONSTRUCT_RULES: readonly string[] = ['ONEX013', 'ONEX014', 'ONEX015', 'ONEX016', 'ONEX017', 'ONEX018'];
/** Today's declarative-node rule (DECL-001…005) and canonical-handler rule. */
export const DECLARATIVE_NODE_RULE = 'ONEX012';
export const CANONICAL_HANDLER_RULE = 'ONEX019';

/** What today's checklist is judged on; each check that is not the node's own class comes from outside. */
export interface TodayChecks {
  /** The node class's body as today's declarative-node gate reads it (ClassFacts.declarative). */
  declarative: boolean;
  /** The package's contract.yaml: pass when valid, fail when missing or invalid, unknown while nothing validates it. */
  contract: { state: CheckState; detail?: string };
  /** The handler the contract binds, with its `handle` method (null: the contract binds no handler or it was not found). */
  handler: { state: CheckState; detail?: string };
  /** The node's test files. */
  tests: string[];
  /**
   * The rules that report today's banned constructs (Consul, env reads, I/O in `__init__`, `utcnow`…),
   * enabled for this file; none known means the item is unknown.
   */
  bannedRules: readonly string[];
}

/**
 * Today's era: current-era.md §11, as issue 22 lists it. Findings of rules that do not apply in today's
 * era (each rule's era table: the runtime owns health, lifecycle, metadata and metrics; Consul is banned),
 * wherever they come from, say nothing about a today's node's readiness.
 */
export function todayReadiness(allFindings: readonly NodeFinding[], checks: TodayChecks): Readiness {
  const findings = allFindings.filter((f) => !(f.ruleId in RULE_META) || appliesIn(RULE_META[f.ruleId as keyof typeof RULE_META], 'current'));
  const banned = findings.filter((f) => checks.bannedRules.includes(f.ruleId));
  // Today's own rules, where they report on the node or its package, say why an item fails.
  const declarativeFinding = findings.find((f) => f.ruleId === DECLARATIVE_NODE_RULE);
  const handlerFinding = findings.find((f) => f.ruleId === CANONICAL_HANDLER_RULE);
  const items: ReadinessItem[] = [
    checks.declarative && !declarativeFinding
      ? { id: 'declarative', label: 'Declarative node', state: 'pass' }
      : { id: 'declarative', label: 'Declarative node', state: 'fail', detail: declarativeFinding?.message ?? 'node.py holds logic: move it to a handler' },
    { id: 'contract', label: 'Valid contract', ...checks.contract },
    handlerFinding && checks.handler.state !== 'fail'
      ? { id: 'handler', label: 'Bound def-B handler', state: 'fail', detail: handlerFinding.message }
      : { id: 'handler', label: 'Bound def-B handler', ...checks.handler },
    checks.tests.length > 0
      ? { id: 'tests', label: 'Tests', state: 'pass', detail: `${checks.tests.length} test file${checks.tests.length === 1 ? '' : 's'}` }
      : { id: 'tests', label: 'Tests', state: 'fail', detail: 'no test file imports the node\'s package' },
    banned.length > 0
      ? { id: 'banned', label: 'No banned constructs', state: 'fail', detail: banned[0].message }
      : checks.bannedRules.length === 0
        ? { id: 'banned', label: 'No banned constructs', state: 'unknown', detail: 'no enabled rule checks them yet' }
        : { id: 'banned', label: 'No banned constructs', state: 'pass' },
  ];
  const itemRules = new Set([...checks.bannedRules, DECLARATIVE_NODE_RULE, CANONICAL_HANDLER_RULE]);
  const otherProblems = findings.filter((f) => !itemRules.has(f.ruleId) && BLOCKING.has(f.severity)).length;
  return summarise('current', items, otherProblems);
}

/** Parameter names of a def-B `handle` (rules.md, canonical handler), besides any annotated parameter. */
const HANDLE_PARAMETERS = new Set(['request', 'payload', 'event', 'command', 'message', 'intent']);

/** Whether a `handle` method has today's def-B shape: `async def handle(self, request: Model…)`. */
export function isDefBHandle(handle: HandleFacts | null): boolean {
  return !!handle && handle.isAsync && !!handle.parameter && (handle.annotated || HANDLE_PARAMETERS.has(handle.parameter));
}
