// ONEX011 unknown-error-code against the framework's real list of EnumCoreErrorCode members
// (onex-facts.md, error-codes.txt); the rule's table of cases is src/core/rules/onex011/python.cases.ts.
import { strict as assert } from 'node:assert';
import { ERROR_CODES } from '../../src/core/framework';
import { findingsOf } from '../helpers/ruleTester';

describe('ONEX011 (python) against the real member list', () => {
  it('reports none of the 129 real members and every name onex-facts says never existed', async () => {
    const real = [...ERROR_CODES].map((m, i) => `c${i} = EnumCoreErrorCode.${m}`).join('\n');
    assert.equal(ERROR_CODES.size, 129);
    assert.deepEqual(await findingsOf(real, 'ONEX011'), []);
    const never = ['CONNECTION_ERROR', 'EXECUTION_ERROR', 'DATABASE_ERROR', 'STARTUP_ERROR', 'SERVICE_UNAVAILABLE_ERROR', 'UNAVAILABLE', 'RESOURCE_EXHAUSTED'];
    const findings = await findingsOf(never.map((m) => `x = EnumCoreErrorCode.${m}`).join('\n'), 'ONEX011');
    assert.deepEqual(findings.map((f) => (f.data as { member: string }).member), never);
  });
});
