// Node names: what validateNodeName accepts and how it explains a rejection; derived class names.
import { strict as assert } from 'node:assert';
import { classNameFor, domainNameFor, MAX_NODE_NAME_LENGTH, rootFor, validateNodeName } from '../../src/core/scaffold';

describe('scaffold: node names', () => {
  it('accepts snake_case package names', () => {
    for (const name of ['payment_gateway', 'a', 'x1', 'llm_v2_client', 'orders', 'db2_sync_effect', 'match', 'type']) {
      assert.equal(validateNodeName(name), null, name);
    }
    assert.equal(validateNodeName('a'.repeat(MAX_NODE_NAME_LENGTH)), null);
  });

  const rejected: [string, RegExp][] = [
    ['', /Enter a node name/],
    ['PaymentGateway', /upper-case/],
    ['payment-gateway', /hyphens, spaces or dots/],
    ['payment gateway', /hyphens, spaces or dots/],
    ['payment.gateway', /hyphens, spaces or dots/],
    [' payment', /leading or trailing spaces/],
    ['2fa_service', /does not start with a letter/],
    ['_private', /does not start with a letter/],
    ['payment_', /ends with an underscore/],
    ['payment__gateway', /double underscore/],
    ['class', /Python keyword/],
    ['async', /Python keyword/],
    ['café', /characters other than/],
    ['a'.repeat(MAX_NODE_NAME_LENGTH + 1), /limit is 64/],
  ];
  for (const [name, reason] of rejected) {
    it(`rejects ${JSON.stringify(name.length > 20 ? `${name.slice(0, 10)}…` : name)} and says why`, () => {
      const message = validateNodeName(name);
      assert.ok(message, 'rejected');
      assert.match(message, reason);
    });
  }

  it('every rejection except the length limit says what a valid name is', () => {
    for (const [name] of rejected.filter(([n]) => n.length <= MAX_NODE_NAME_LENGTH)) {
      assert.match(validateNodeName(name)!, /snake_case Python package name: lower-case letters, digits and single underscores, starting with a letter/);
    }
  });

  it('derives class names: payment_gateway + effect → NodePaymentGatewayEffect', () => {
    assert.equal(classNameFor('payment_gateway', 'effect'), 'NodePaymentGatewayEffect');
    assert.equal(classNameFor('payment_gateway', 'compute'), 'NodePaymentGatewayCompute');
    assert.equal(classNameFor('metrics', 'reducer'), 'NodeMetricsReducer');
    assert.equal(classNameFor('codegen', 'orchestrator'), 'NodeCodegenOrchestrator');
    assert.equal(classNameFor('llm_v2_client', 'effect'), 'NodeLlmV2ClientEffect');
  });

  it('does not repeat the kind or the Node prefix the name already has', () => {
    assert.equal(classNameFor('database_adapter_effect', 'effect'), 'NodeDatabaseAdapterEffect');
    assert.equal(classNameFor('node_registry_reducer', 'reducer'), 'NodeRegistryReducer');
    assert.equal(classNameFor('effect', 'effect'), 'NodeEffectEffect', 'a bare kind keeps its word: NodeEffect is the base class');
    assert.equal(classNameFor('compute_effect', 'compute'), 'NodeComputeEffectCompute', 'another kind\'s suffix stays');
    assert.equal(domainNameFor('payment_gateway', 'effect'), 'PaymentGateway');
  });

  it('places the node in <name>/ or <name>/v1_0_0/', () => {
    assert.equal(rootFor('payment_gateway', 'flat'), 'payment_gateway');
    assert.equal(rootFor('payment_gateway', 'versioned'), 'payment_gateway/v1_0_0');
  });
});
