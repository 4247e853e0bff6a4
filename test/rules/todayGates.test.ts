// Today's rules agree with the framework gates they mirror. A fixture project of node packages in the shape of
// omnibase_infra's and omnibase_core's (./todayGates.fixtures.ts) goes through the real gates in today's
// environment (./today_gates.py) and through today's rules (as the CLI runs them); for each rule, the lines it
// reports and the lines its gate reports must be the same, file by file, except for the differences listed
// here — each one a deliberate choice its docs page states. A difference that is not listed, or a listed one
// that no longer happens, fails the test.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { ENV_BOOTSTRAP_ALLOWLIST } from '../../src/core/framework';
import type { Finding, RuleId } from '../../src/core/types';
import { frameworkAvailable } from '../helpers/framework';
import { type GateReport, gateReport, ourFindings, writeFixtureProject } from './todayGates';

const P = 'src/acme_nodes/nodes';

/** `file:line` keys (detail appended when given); a key reported twice is kept twice (`#2`). */
type Keys = Set<string>;

function addCounted(keys: Keys, key: string): void {
  let n = 1;
  while (keys.has(n === 1 ? key : `${key}#${n}`)) n++;
  keys.add(n === 1 ? key : `${key}#${n}`);
}

interface Divergence {
  /** `file:line` */
  at: string;
  /** Who reports it: only today's rule, or only the gate. */
  side: 'rule only' | 'gate only';
  why: string;
}

function gateKeys(report: GateReport, gate: string, keep: (detail: string) => boolean = () => true, withDetail = false): Keys {
  const out: Keys = new Set();
  for (const [file, hits] of Object.entries((report[gate] ?? {}) as Record<string, [number, string][]>)) {
    for (const [line, detail] of hits) if (keep(detail)) addCounted(out, withDetail ? `${file}:${line}:${detail}` : `${file}:${line}`);
  }
  return out;
}

function ruleKeys(ours: Map<string, Finding[]>, rule: RuleId, keep: (f: Finding) => boolean = () => true, detail?: (f: Finding) => string): Keys {
  const out: Keys = new Set();
  for (const [file, findings] of ours) {
    for (const f of findings) {
      if (f.ruleId === rule && keep(f)) addCounted(out, `${file}:${f.range.start.line + 1}${detail ? `:${detail(f)}` : ''}`);
    }
  }
  return out;
}

/** Asserts that the rule's keys and the gate's differ exactly by the listed divergences; returns the agreement. */
function compare(name: string, rule: Keys, gate: Keys, divergences: Divergence[]): { agreed: number; rule: number; gate: number } {
  const ruleOnly = [...rule].filter((k) => !gate.has(k)).sort();
  const gateOnly = [...gate].filter((k) => !rule.has(k)).sort();
  assert.deepEqual(
    { 'rule only': ruleOnly, 'gate only': gateOnly },
    {
      'rule only': divergences.filter((d) => d.side === 'rule only').map((d) => d.at).sort(),
      'gate only': divergences.filter((d) => d.side === 'gate only').map((d) => d.at).sort(),
    },
    `${name}: the rule and its gate differ other than as listed`,
  );
  const agreed = [...rule].filter((k) => gate.has(k)).length;
  assert.ok(agreed > 0, `${name}: the fixtures exercise the gate`);
  return { agreed, rule: rule.size, gate: gate.size };
}

describe("today's rules agree with the framework's gates (fixture node packages, today's environment)", function () {
  this.timeout(300_000);
  let root: string;
  let report: GateReport;
  let ours: Map<string, Finding[]>;
  const summary: string[] = [];

  before(async () => {
    frameworkAvailable('today');
    root = writeFixtureProject();
    ours = await ourFindings(root);
    report = gateReport(root);
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    if (summary.length > 0) console.log(`      agreement: ${summary.join('; ')}`);
  });

  it('ONEX012 = infra\'s declarative-node gate: the same violations (DECL id and line) in every node.py', () => {
    const decl = (f: Finding) => (f.data as { decl: string }).decl;
    const r = compare('ONEX012', ruleKeys(ours, 'ONEX012', () => true, decl), gateKeys(report, 'declarative', (d) => d !== 'DECL-007', true), []);
    summary.push(`ONEX012 ${r.agreed}/${r.gate} DECL violations`);
  });

  it("ONEX013 = infra's no-consul-references pygrep (lines) and its test_no_consul_imports (files)", () => {
    // The pygrep reports a line once, however many names, strings and comments on it hold the words.
    const tokens = new Set([...ruleKeys(ours, 'ONEX013', (f) => !f.message.startsWith('imports '))].map((k) => k.replace(/#\d+$/, '')));
    const lines = compare('ONEX013 (names, strings, comments)', tokens, gateKeys(report, 'consul_pygrep'), []);
    const files = (keys: Keys) => new Set([...keys].map((k) => `${k.slice(0, k.lastIndexOf(':'))}:0`));
    const imports = compare('ONEX013 (imports)', files(ruleKeys(ours, 'ONEX013', (f) => f.message.startsWith('imports '))), gateKeys(report, 'consul_imports'), []);
    summary.push(`ONEX013 ${lines.agreed}/${lines.gate} lines, ${imports.agreed}/${imports.gate} files importing consul`);
  });

  it("ONEX014 = core's contract_config_compliance (undeclared reads in handlers/) + substrate env_silent_fallback (defaults), ONEX015 taking the local-host defaults", () => {
    const gate = new Set([...gateKeys(report, 'env_contract', (d) => d === 'missing_contract_config'), ...gateKeys(report, 'env_fallback')]);
    // A default naming a local host is ONEX015's finding on the same read.
    const rule = new Set([...ruleKeys(ours, 'ONEX014'), ...[...ruleKeys(ours, 'ONEX015', (f) => f.message.includes('fallback of an environment read'))].filter((k) => gate.has(k))]);
    const r = compare('ONEX014', rule, gate, [
      { at: `${P}/node_tally_reducer/reducer.py:12`, side: 'rule only', why: "an undeclared read outside handlers/: core's gate scans handlers/ only (infra's check-env-reads blocks it as a new read)" },
      { at: `${P}/node_route_orchestrator/dispatcher.py:11`, side: 'rule only', why: 'the same, in a dispatcher module' },
    ]);
    // bare_env_read reports every read in handlers/, declared or not (LEDGER_DSN is declared): not this rule's question.
    assert.ok(gateKeys(report, 'env_contract', (d) => d === 'bare_env_read').has(`${P}/node_ledger_write_effect/handlers/handler_ledger_append.py:20`));
    summary.push(`ONEX014 ${r.agreed}/${r.gate} reads`);
  });

  it("ONEX015 = infra's validate_no_env_fallbacks.py (local and private hosts as defaults)", () => {
    const r = compare('ONEX015', ruleKeys(ours, 'ONEX015'), gateKeys(report, 'endpoint_fallback'), [
      { at: `${P}/node_ledger_write_effect/models/model_ledger_settings.py:14`, side: 'rule only', why: 'an env read spread over two lines: the gate reads one line at a time' },
    ]);
    summary.push(`ONEX015 ${r.agreed}/${r.gate} lines`);
  });

  it("ONEX016 reports a subset of core's handler-di-gate: I/O only, never a lock or a plain value", () => {
    const rule = ruleKeys(ours, 'ONEX016');
    const gate = gateKeys(report, 'handler_di');
    const r = compare('ONEX016', rule, gate, [
      { at: `${P}/node_ledger_write_effect/handlers/handler_ledger_append.py:21`, side: 'gate only', why: 'self._table = os.getenv(...): an env read (ONEX014), not I/O' },
      { at: `${P}/node_ledger_write_effect/handlers/handler_ledger_append.py:22`, side: 'gate only', why: 'self._lock = asyncio.Lock(): no I/O' },
      { at: `${P}/node_ledger_write_effect/node.py:23`, side: 'gate only', why: "a node of node.py: ONEX012's DECL-003/004 report its __init__" },
    ]);
    summary.push(`ONEX016 ${r.agreed}/${r.gate} (gate's direct constructions)`);
  });

  it("ONEX017 = core's check-no-io-outside-effects (the .py files beside a non-effect contract)", () => {
    const r = compare('ONEX017', ruleKeys(ours, 'ONEX017'), gateKeys(report, 'io_outside'), [
      { at: `${P}/node_drift_score_compute/handler.py:31`, side: 'rule only', why: '_os.remove() after import os as _os: the rule follows imports' },
      { at: `${P}/node_drift_score_compute/handler.py:32`, side: 'gate only', why: "pydantic's TypeAdapter(...) is validation, not an infra adapter" },
      { at: `${P}/node_legacy_sync_effect/sync.py:3`, side: 'gate only', why: 'node_type EFFECT_GENERIC without a descriptor: the gate reads no archetype there and scans (fail-closed); it is an effect' },
    ]);
    summary.push(`ONEX017 ${r.agreed}/${r.gate} I/O sites`);
  });

  it("ONEX018 = core's check-no-utcnow on the datetime class, and its calls = ruff DTZ003", () => {
    const r = compare('ONEX018', ruleKeys(ours, 'ONEX018'), gateKeys(report, 'utcnow'), [
      { at: `${P}/node_tally_reducer/reducer.py:21`, side: 'gate only', why: "clock.utcnow(): the project's own method, not datetime's" },
    ]);
    const calls = compare('ONEX018 (calls)', ruleKeys(ours, 'ONEX018', (f) => f.message.includes('.utcnow() returns')), gateKeys(report, 'utcnow_ruff'), []);
    summary.push(`ONEX018 ${r.agreed}/${r.gate} (core), ${calls.agreed}/${calls.gate} (ruff DTZ003)`);
  });

  it("ONEX019 = core's canonical_handler_shape: a package is non-canonical exactly when the rule reports its handler, for the classifier's reason", () => {
    const categories = new Map<string, Set<string>>();
    for (const [file, findings] of ours) {
      for (const f of findings) {
        if (f.ruleId !== 'ONEX019') continue;
        const pkg = file.split('/').slice(0, 4).join('/');
        const category = /canonical_handler_shape: (\w+)\)/.exec(f.message)![1];
        categories.set(pkg, (categories.get(pkg) ?? new Set()).add(category));
      }
    }
    const verdicts = report.canonical as Record<string, [string, string]>;
    assert.equal(Object.keys(verdicts).length, 7);
    let agreed = 0;
    for (const [pkg, [category, detail]] of Object.entries(verdicts)) {
      if (category === 'canonical') assert.equal(categories.get(pkg), undefined, `${pkg} is canonical (${detail}) but the rule reports ${[...(categories.get(pkg) ?? [])]}`);
      else assert.ok(categories.get(pkg)?.has(category), `${pkg} is ${category} (${detail}); the rule reports ${[...(categories.get(pkg) ?? [])].join(', ') || 'nothing'}`);
      agreed++;
    }
    summary.push(`ONEX019 ${agreed}/${Object.keys(verdicts).length} packages`);
  });

  it("the canonical package stays silent under every rule; the bootstrap names ONEX014 allows are core's INFRA_ALLOWLIST", () => {
    for (const [file, findings] of ours) {
      if (file.includes('node_clean_compute')) assert.deepEqual(findings.map((f) => f.message), [], file);
    }
    const constants = report.constants as Record<string, string[]>;
    assert.deepEqual([...ENV_BOOTSTRAP_ALLOWLIST].sort(), constants.INFRA_ALLOWLIST);
  });
});
