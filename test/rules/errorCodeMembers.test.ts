// ONEX011 unknown-error-code against the framework's real list of EnumCoreErrorCode members
// (onex-facts.md, error-codes.txt); the rule's table of cases is src/core/rules/onex011/python.cases.ts.
import { strict as assert } from 'node:assert';
import { BRIDGE_ERROR_CODES, ERROR_CODES } from '../../src/core/framework';
import { TODAY_PROJECT } from '../../src/core/rules/cases';
import { findingsOf } from '../helpers/ruleTester';

describe('ONEX011 (python) against the real member list', () => {
  it('reports none of the 129 real members and every name onex-facts says never existed', async () => {
    const real = [...ERROR_CODES].map((m, i) => `c${i} = EnumCoreErrorCode.${m}`).join('\n');
    assert.equal(ERROR_CODES.size, 129);
    assert.deepEqual(await findingsOf(real, 'ONEX011', 'python', TODAY_PROJECT), []);
    const never = ['CONNECTION_ERROR', 'EXECUTION_ERROR', 'DATABASE_ERROR', 'STARTUP_ERROR', 'SERVICE_UNAVAILABLE_ERROR', 'UNAVAILABLE', 'RESOURCE_EXHAUSTED'];
    const findings = await findingsOf(never.map((m) => `x = EnumCoreErrorCode.${m}`).join('\n'), 'ONEX011');
    assert.deepEqual(findings.map((f) => (f.data as { member: string }).member), never);
  });

  it('in the bridge era the members are omnibase_core 0.1.0\'s 78: the 51 added since are reported, and no fix writes one', async () => {
    assert.equal(BRIDGE_ERROR_CODES.size, 78);
    const real = [...ERROR_CODES].map((m, i) => `c${i} = EnumCoreErrorCode.${m}`).join('\n');
    const reported = (await findingsOf(real, 'ONEX011')).map((f) => (f.data as { member: string }).member);
    assert.deepEqual(reported, [...ERROR_CODES].filter((m) => !BRIDGE_ERROR_CODES.has(m)));
    assert.equal(reported.length, 51);
    // KAFKA_ERROR's replacement, EVENT_BUS_ERROR, came after 0.1.0: no fix there; today it is offered.
    const kafka = 'x = EnumCoreErrorCode.KAFKA_ERROR\n';
    assert.equal(((await findingsOf(kafka, 'ONEX011'))[0].data as { replacement: string | null }).replacement, null);
    assert.equal(((await findingsOf(kafka, 'ONEX011', 'python', TODAY_PROJECT))[0].data as { replacement: string | null }).replacement, 'EVENT_BUS_ERROR');
  });
});
