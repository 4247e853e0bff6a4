// "Make <Class> production-ready" (src/core/fixAll.ts makeProductionReady): every fix the engine offers
// for the findings inside one class, applied as one new text; findings outside the class are left alone.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWith, getFrontEnd, resolveConfig } from '../../src/core/engine';
import { fixAllWith, makeProductionReady, productionClassAt, spanAfterEdits } from '../../src/core/fixAll';
import type { Finding, LanguageId } from '../../src/core/types';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const read = (rel: string) => readFileSync(join(EXAMPLES, rel), 'utf8');
/** The examples' bridge project (examples/pyproject.toml pins omnibase-core 0.1.0). */
const BRIDGE = resolveConfig({ projectPin: { version: '0.1.0', spec: 'omnibase-core==0.1.0', file: join(EXAMPLES, 'pyproject.toml') } });
const TODAY = resolveConfig({ projectPin: { version: '0.46.8', spec: 'omnibase-core==0.46.8', file: join(EXAMPLES, 'today', 'pyproject.toml') } });
const CLASS_LEVEL: readonly string[] = ['ONEX001', 'ONEX002', 'ONEX005', 'ONEX009'];

const where = (findings: readonly Finding[]) => findings.map((f) => `${f.ruleId} ${f.message}`).sort();

async function analyse(language: LanguageId, text: string, config = BRIDGE, fileName?: string) {
  return analyzeWith(await getFrontEnd(language), text, config, fileName);
}

describe('make production-ready', () => {
  it('brings the bridge-era template node to no finding in its class, in one text; a second run changes nothing', async () => {
    const fe = await getFrontEnd('python');
    const text = read('nodes/payment_gateway/v1_0_0/node.py');
    const before = (await analyse('python', text)).findings;
    for (const id of CLASS_LEVEL) assert.ok(before.some((f) => f.ruleId === id), `the example lacks ${id}`);
    const cls = productionClassAt(fe, text, BRIDGE, text.indexOf('NodePaymentGatewayEffect') + 3);
    assert.equal(cls?.name, 'NodePaymentGatewayEffect');
    assert.equal(text.slice(cls.nameSpan.start, cls.nameSpan.end), 'NodePaymentGatewayEffect');

    const result = makeProductionReady(fe, text, BRIDGE, { span: cls.span });
    assert.deepEqual(result.left, []);
    const after = await analyse('python', result.text);
    assert.equal(after.syntaxErrors, 0);
    assert.deepEqual(after.findings, [], 'the class still has findings');
    // Every rule that reported in the class was fixed, the code-generating (unsafe) ones included.
    assert.deepEqual(Object.keys(result.perRule).sort(), [...new Set(before.map((f) => f.ruleId))].sort());
    assert.equal(result.within && result.text.slice(result.within.start, result.within.start + 30), text.slice(cls.span.start, cls.span.start + 30));
    const again = makeProductionReady(fe, result.text, BRIDGE, { span: result.within! });
    assert.equal(again.applied, 0);
    assert.equal(again.text, result.text);
  });

  it('touches no finding outside the class: the other node class of the file keeps its findings', async () => {
    const fe = await getFrontEnd('python');
    const template = read('nodes/payment_gateway/v1_0_0/node.py');
    const other = template.slice(template.indexOf('class NodePaymentGatewayEffect'))
      .replaceAll('NodePaymentGatewayEffect', 'NodeRefundGatewayEffect');
    const text = `${template}\n\n${other}`;
    const split = text.indexOf('class NodeRefundGatewayEffect');
    const otherBefore = (await analyse('python', text)).findings.filter((f) => f.span.start >= split);
    assert.ok(otherBefore.length >= 8, `${otherBefore.length} findings in the second class`);

    const cls = productionClassAt(fe, text, BRIDGE, text.indexOf('NodePaymentGatewayEffect'))!;
    assert.ok(cls.span.end <= split);
    const result = makeProductionReady(fe, text, BRIDGE, { span: cls.span });
    assert.ok(result.applied >= 9);
    const after = (await analyse('python', result.text)).findings;
    const newSplit = result.text.indexOf('class NodeRefundGatewayEffect');
    assert.deepEqual(after.filter((f) => f.span.start < newSplit), [], 'the first class still has findings');
    assert.deepEqual(where(after.filter((f) => f.span.start >= newSplit)), where(otherBefore), 'the second class changed');
    // The second class's text is as it was: only the file's imports (above both classes) and the first class changed.
    assert.equal(result.text.slice(newSplit), text.slice(split));
  });

  it('safeOnly applies only the safe fixes of the class (no generated code)', async () => {
    const fe = await getFrontEnd('python');
    const text = read('nodes/payment_gateway/v1_0_0/node.py');
    const cls = productionClassAt(fe, text, BRIDGE, text.indexOf('NodePaymentGatewayEffect'))!;
    const result = makeProductionReady(fe, text, BRIDGE, { span: cls.span, safeOnly: true });
    assert.ok(result.applied > 0);
    assert.ok(!/async def startup/.test(result.text), 'a code-generating fix ran');
    const left = new Set<string>(result.left.map((f) => f.ruleId));
    for (const id of CLASS_LEVEL) assert.ok(left.has(id), `${id} was fixed by a safe-only run`);
    assert.ok(!left.has('ONEX010') && !left.has('ONEX011'));
    assert.deepEqual(result.text, fixAllWith(fe, text, BRIDGE, { ruleIds: null, safeOnly: true, within: cls.span }).text);
  });

  it('TypeScript: the template node class gets every fix the engine offers in it', async () => {
    const fe = await getFrontEnd('typescript');
    const fileName = join(EXAMPLES, 'typescript/nodes/payment_gateway/node.ts');
    const text = readFileSync(fileName, 'utf8');
    const cls = productionClassAt(fe, text, BRIDGE, text.indexOf('class NodePaymentGatewayEffect') + 6, fileName);
    assert.equal(cls?.name, 'NodePaymentGatewayEffect');
    const before = (await analyse('typescript', text, BRIDGE, fileName)).findings;
    assert.ok(before.filter((f) => CLASS_LEVEL.includes(f.ruleId)).length >= 2);
    const result = makeProductionReady(fe, text, BRIDGE, { span: cls.span, fileName });
    assert.deepEqual(result.left, []);
    const after = await analyse('typescript', result.text, BRIDGE, fileName);
    assert.equal(after.syntaxErrors, 0);
    assert.deepEqual(after.findings, []);
  });

  it("today's era: a handler class gets the fixes today's rules offer in it", async () => {
    const fe = await getFrontEnd('python');
    const rel = 'today/src/acme_billing/nodes/node_invoice_send_effect/handlers/handler_invoice_send.py';
    const fileName = join(EXAMPLES, rel);
    const text = read(rel);
    const cls = productionClassAt(fe, text, TODAY, text.indexOf('class Handler') + 7, fileName);
    assert.equal(cls?.role, 'handler');
    const before = (await analyse('python', text, TODAY, fileName)).findings.filter((f) => f.span.start >= cls.span.start && f.span.end <= cls.span.end);
    assert.ok(before.length > 0, 'the handler has no finding to fix');
    const result = makeProductionReady(fe, text, TODAY, { span: cls.span, fileName });
    assert.ok(result.applied > 0);
    assert.equal((await analyse('python', result.text, TODAY, fileName)).syntaxErrors, 0);
    assert.ok(before.some((f) => f.ruleId === 'ONEX010'));
    assert.deepEqual(result.left.filter((f) => f.ruleId === 'ONEX010'), [], "today's ONEX010 fix did not run in the handler");
  });

  it('no class at an offset outside every node class', async () => {
    const fe = await getFrontEnd('python');
    const text = read('nodes/payment_gateway/v1_0_0/node.py');
    assert.equal(productionClassAt(fe, text, BRIDGE, text.indexOf('import time')), null);
  });

  it('follows a span through edits: before it moves it, inside or at its end resizes it, after it leaves it', () => {
    const span = { start: 10, end: 20 };
    assert.deepEqual(spanAfterEdits(span, [{ start: 0, end: 2, newText: 'abcd' }]), { start: 12, end: 22 });
    assert.deepEqual(spanAfterEdits(span, [{ start: 10, end: 10, newText: 'xx' }]), { start: 12, end: 22 }, 'an insertion at its start is before it');
    assert.deepEqual(spanAfterEdits(span, [{ start: 20, end: 20, newText: 'method' }]), { start: 10, end: 26 }, 'an insertion at its end is inside');
    assert.deepEqual(spanAfterEdits(span, [{ start: 12, end: 15, newText: '' }]), { start: 10, end: 17 });
    assert.deepEqual(spanAfterEdits(span, [{ start: 25, end: 30, newText: 'long text' }]), span);
    assert.deepEqual(spanAfterEdits(span, [{ start: 0, end: 0, newText: 'import x\n' }, { start: 15, end: 16, newText: 'yyy' }, { start: 30, end: 31, newText: '' }]),
      { start: 19, end: 31 });
    assert.deepEqual(spanAfterEdits(span, [{ start: 5, end: 12, newText: '' }]), { start: 5, end: 13 }, 'an edit across its start widens it');
  });
});
