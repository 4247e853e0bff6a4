// The layout of the TypeScript ONEX006 fix (issue 21, item 12): a guarded read that would make its line
// longer than the file's lines (the longest, within 100 to 120 columns) is broken before ? and :, as
// Prettier breaks a conditional, in the file's indentation and line endings; a short one stays on one line.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, fixesFor } from '../../src/core/engine';
import { applyEdits } from '../../src/core/text';

async function fixed(text: string, fileName = '/workspace/nodes/node.ts'): Promise<string> {
  const result = await analyzeText(text, { language: 'typescript', fileName });
  const finding = result.findings.find((f) => f.ruleId === 'ONEX006');
  assert.ok(finding, 'no ONEX006 finding');
  const { fixes } = await fixesFor(text, finding, { language: 'typescript', fileName });
  assert.equal(fixes.length, 1);
  const out = applyEdits(text, fixes[0].edits);
  const after = await analyzeText(out, { language: 'typescript', fileName });
  assert.equal(after.syntaxErrors, 0);
  assert.ok(!after.findings.some((f) => f.ruleId === 'ONEX006'), 'the finding is still there');
  return out;
}

const node = (ctor: string, eol = '\n') => [
  "import { NodeEffect, type ModelContainer } from '@omninode/onex-runtime';",
  '',
  'export class NodePaymentGatewayEffect extends NodeEffect {',
  '  private readonly providerUrl: string;',
  '',
  '  constructor(container: ModelContainer) {',
  '    super(container);',
  ctor,
  '  }',
  '}',
  '',
].join(eol);

describe('TypeScript ONEX006 fix layout', () => {
  it('the example node\'s read becomes the conditional Prettier writes, no line over 100 columns', async () => {
    const fileName = join(__dirname, '..', '..', 'examples', 'typescript', 'nodes', 'payment_gateway', 'node.ts');
    const text = readFileSync(fileName, 'utf8');
    const out = await fixed(text, fileName);
    assert.ok(out.includes([
      '    this.providerUrl = (',
      "      typeof container.config.get === 'function'",
      "        ? container.config.get('provider_url')",
      '        : undefined',
      '    ) as string;',
    ].join('\n')), out);
    const widest = Math.max(...out.split('\n').map((l) => l.length));
    assert.ok(widest <= 100, `a line of ${widest} columns`);
  });

  it('a read that fits stays on one line', async () => {
    const out = await fixed(node("    const u = container.config.get('u');"));
    assert.ok(out.includes("    const u = typeof container.config.get === 'function' ? container.config.get('u') : undefined;\n"), out);
  });

  it('breaks a bare conditional before ? and :, in the file\'s indentation unit and line endings', async () => {
    const text = node("\t\tthis.providerUrl = container.config.get('payment_provider_base_url', 'https://payments.example.com');", '\r\n')
      .replace(/^ {2}/gm, '\t').replace(/\t {2}/g, '\t\t');
    const out = await fixed(text);
    assert.ok(out.includes([
      "\t\tthis.providerUrl = typeof container.config.get === 'function'",
      "\t\t\t? container.config.get('payment_provider_base_url', 'https://payments.example.com')",
      "\t\t\t: 'https://payments.example.com';",
    ].join('\r\n')), JSON.stringify(out));
  });

  it('a file whose lines are already longer keeps a conditional as long on one line (up to 120 columns)', async () => {
    const read = "    this.providerUrl = container.config.get('payment_url');";
    const oneLine = "    this.providerUrl = typeof container.config.get === 'function' ? container.config.get('payment_url') : undefined;\n";
    assert.ok(!(await fixed(node(read))).includes(oneLine), 'broken in a file of short lines');
    const long = `    // ${'x'.repeat(111)}`;
    const out = await fixed(node(`${long}\n${read}`));
    assert.ok(out.includes(oneLine), out);
  });
});
