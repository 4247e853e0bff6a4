// Readiness per era (src/core/workspace/readiness.ts): the bridge era's ten patterns ("7/10") and today's
// checklist (current-era.md §11); production-ready when every item holds and no warning is left.
import { strict as assert } from 'node:assert';
import { BRIDGE_PATTERNS, bridgeReadiness, findingsByClass, isDefBHandle, todayReadiness, type NodeFinding, type TodayChecks } from '../../src/core/workspace/readiness';
import type { RuleId } from '../../src/core/types';

const finding = (ruleId: RuleId, start = 10, severity: NodeFinding['severity'] = 'warning'): NodeFinding =>
  ({ ruleId, message: `${ruleId} message`, severity, span: { start, end: start + 1 } });

const READY_TODAY: TodayChecks = {
  declarative: true,
  contract: { state: 'pass' },
  handler: { state: 'pass' },
  tests: ['/ws/tests/unit/nodes/node_x/test_handler.py'],
  bannedRules: ['ONEX013'],
};

describe('readiness: bridge era (the ten patterns)', () => {
  it('counts the patterns whose rule reports nothing: three missing is 7/10', () => {
    const r = bridgeReadiness([finding('ONEX001'), finding('ONEX005'), finding('ONEX009'), finding('ONEX009', 40)]);
    assert.equal(r.label, '7/10');
    assert.equal(r.score, 7);
    assert.equal(r.ready, false);
    assert.deepEqual(r.items.filter((i) => i.state === 'fail').map((i) => i.id), ['ONEX001', 'ONEX005', 'ONEX009']);
    assert.equal(r.items.find((i) => i.id === 'ONEX005')?.detail, 'ONEX005 message');
    assert.deepEqual(r.items.map((i) => i.label), BRIDGE_PATTERNS.map((p) => p.label));
  });

  it('no findings: 10/10, production-ready', () => {
    const r = bridgeReadiness([]);
    assert.equal(r.label, '10/10');
    assert.equal(r.ready, true);
  });

  it('a rule switched off cannot vouch for its pattern', () => {
    const r = bridgeReadiness([], { ONEX002: 'off' });
    assert.equal(r.label, '9/10');
    assert.equal(r.items.find((i) => i.id === 'ONEX002')?.state, 'unknown');
    assert.equal(r.ready, false);
  });

  it('all ten patterns but an unknown error code left open: not ready; an information finding does not block', () => {
    const open = bridgeReadiness([finding('ONEX011')]);
    assert.equal(open.label, '10/10');
    assert.equal(open.otherProblems, 1);
    assert.equal(open.ready, false);
    assert.equal(bridgeReadiness([finding('ONEX011', 10, 'information')]).ready, true);
  });
});

describe('readiness: today (current-era.md §11)', () => {
  it('all five hold: 5/5, production-ready', () => {
    const r = todayReadiness([], READY_TODAY);
    assert.equal(r.label, '5/5');
    assert.equal(r.ready, true);
    assert.deepEqual(r.items.map((i) => i.id), ['declarative', 'contract', 'handler', 'tests', 'banned']);
  });

  it('logic in node.py, no tests: 3/5', () => {
    const r = todayReadiness([], { ...READY_TODAY, declarative: false, tests: [] });
    assert.equal(r.label, '3/5');
    assert.equal(r.ready, false);
    assert.deepEqual(r.items.filter((i) => i.state === 'fail').map((i) => i.id), ['declarative', 'tests']);
  });

  it('a banned construct reported by its rule fails the item with the finding\'s message', () => {
    const r = todayReadiness([finding('ONEX013' as RuleId)], READY_TODAY);
    const banned = r.items.find((i) => i.id === 'banned');
    assert.equal(banned?.state, 'fail');
    assert.equal(banned?.detail, 'ONEX013 message');
    assert.equal(r.label, '4/5');
  });

  it('nothing that checks the contract or banned constructs yet: unknown, never ready', () => {
    const r = todayReadiness([], { ...READY_TODAY, contract: { state: 'unknown', detail: 'not validated' }, bannedRules: [] });
    assert.equal(r.label, '3/5');
    assert.deepEqual(r.items.filter((i) => i.state === 'unknown').map((i) => i.id), ['contract', 'banned']);
    assert.equal(r.ready, false);
  });

  it('today\'s declarative-node and canonical-handler rules fail their items with their messages, and are no other problem', () => {
    const r = todayReadiness([finding('ONEX012' as RuleId), finding('ONEX019' as RuleId, 20, 'error')], READY_TODAY);
    assert.deepEqual(r.items.filter((i) => i.state === 'fail').map((i) => `${i.id}: ${i.detail}`), ['declarative: ONEX012 message', 'handler: ONEX019 message']);
    assert.equal(r.otherProblems, 0);
    assert.equal(r.label, '3/5');
  });

  it('bridge-era rules that do not apply today say nothing; today\'s warnings still block', () => {
    assert.equal(todayReadiness([finding('ONEX005'), finding('ONEX009'), finding('ONEX002')], READY_TODAY).ready, true);
    const r = todayReadiness([finding('ONEX004')], READY_TODAY);
    assert.equal(r.label, '5/5');
    assert.equal(r.otherProblems, 1);
    assert.equal(r.ready, false);
  });
});

describe('readiness: which findings are a node\'s, and the def-B shape', () => {
  it('a node has the findings inside its class and those outside every class, not a helper class\'s', () => {
    const node = { start: 100, end: 200 };
    const helper = { start: 300, end: 400 };
    const ofClass = findingsByClass([finding('ONEX001', 150), finding('ONEX010', 20), finding('ONEX004', 350), finding('ONEX010', 450), finding('ONEX003', 250)], [helper, node]);
    assert.deepEqual(ofClass(node).map((f) => f.span.start), [20, 150, 250, 450]);
    assert.deepEqual(ofClass(helper).map((f) => f.span.start), [20, 250, 350, 450]);
  });

  it('def-B: async handle with a request-like or annotated parameter', () => {
    assert.equal(isDefBHandle({ isAsync: true, parameter: 'request', annotated: false }), true);
    assert.equal(isDefBHandle({ isAsync: true, parameter: 'cmd', annotated: true }), true);
    assert.equal(isDefBHandle({ isAsync: true, parameter: 'cmd', annotated: false }), false);
    assert.equal(isDefBHandle({ isAsync: false, parameter: 'request', annotated: true }), false);
    assert.equal(isDefBHandle(null), false);
  });
});
