// The ONEX completion items for TypeScript (src/core/completions/typescript): the ten patterns in the
// bridge idiom where each belongs in a node class, the runtime names each needs added to the file's
// runtime import (or a new import of the configured module), the members it uses added to the class;
// every item accepted with its defaults into a node that imports nothing else type-checks under
// --strict and gains no ONEX finding, and accepting twice adds nothing twice. In an empty node.ts, the
// scaffold's node file.
import { strict as assert } from 'node:assert';
import { analyzeText, getFrontEnd, resolveConfig } from '../../src/core/engine';
import { TS_PATTERNS } from '../../src/core/completions/typescript/patterns';
import { NodeTypeChecker } from '../typescript/typecheck';
import { CURSOR, accept, acceptWithSpans, completeAt, itemOf, labels } from './helpers';

/** A node with only the names it uses itself imported; {CTOR}, {METHOD}, {MEMBERS} are cursor places. */
const NODE = `import { ModelContainer, NodeEffect } from '@omninode/onex-runtime';

export class NodeDemoEffect extends NodeEffect {
  constructor(container: ModelContainer) {
    super(container);
    {CTOR}
  }

  async run(): Promise<number | void> {
    {METHOD}
  }

  {MEMBERS}
}
`;

const PLACES = ['{CTOR}', '{METHOD}', '{MEMBERS}'];

function at(text: string, place: string): string {
  let out = text.split(place).join(CURSOR);
  for (const other of PLACES) out = out.split(other).join('');
  return out;
}

const FILE = '/ws/nodes/demo/node.ts';

describe('completions (TypeScript)', function () {
  this.timeout(300_000);
  const checker = new NodeTypeChecker();

  it('offers each pattern where it belongs in a node class, nowhere else', async () => {
    assert.deepEqual(labels(await completeAt('typescript', at(NODE, '{CTOR}'), { fileName: FILE })), ['onex-health', 'onex-service']);
    assert.deepEqual(labels(await completeAt('typescript', at(NODE, '{METHOD}'), { fileName: FILE })), ['onex-errors', 'onex-metadata', 'onex-timing']);
    assert.deepEqual(labels(await completeAt('typescript', at(NODE, '{MEMBERS}'), { fileName: FILE })),
      ['onex-consul', 'onex-publish', 'onex-lifecycle', 'onex-config', 'onex-metrics']);
    const elsewhere = [
      NODE.replace('export class NodeDemoEffect extends NodeEffect', 'export class Helper'),
      NODE.replace('  async run()', '  run()'),
      NODE.replace('    {METHOD}', `    const inner = async () => {\n      ${CURSOR}\n    };\n    await inner();`),
      `${NODE}\n${CURSOR}\n`,
      NODE.replace('    {CTOR}', `    const x = ${CURSOR}`),
    ];
    for (const text of elsewhere) {
      const marked = text.includes(CURSOR) ? text : at(text, '{METHOD}');
      assert.deepEqual(labels(await completeAt('typescript', PLACES.reduce((t, p) => t.split(p).join(''), marked), { fileName: FILE })), [], marked);
    }
  });

  it('never throws on odd input: anywhere in a broken, CRLF or binary text, at its ends, past them', async () => {
    const frontEnd = await getFrontEnd('typescript');
    for (const text of [NODE, 'class X extends {\n  constructor( {\n', '\r\n\r\n', '\tonex-', 'x\u0000y']) {
      for (let offset = -1; offset <= text.length + 1; offset += Math.max(1, Math.floor(text.length / 40))) {
        const result = frontEnd.completions({ text, offset, fileName: FILE, config: resolveConfig({}) });
        for (const item of result.items) assert.ok(item.replace.start >= 0 && item.replace.end <= text.length);
      }
    }
  });

  it('takes the bridge idiom; under an explicit `current` setting only error handling and timing remain', async () => {
    const bridge = await completeAt('typescript', at(NODE, '{METHOD}'), { fileName: FILE });
    assert.equal(bridge.era?.step, 'language');
    const current = await completeAt('typescript', at(NODE, '{METHOD}'), { fileName: FILE, config: { frameworkTarget: 'current' } });
    assert.deepEqual(labels(current), ['onex-errors', 'onex-timing']);
    assert.deepEqual(labels(await completeAt('typescript', at(NODE, '{MEMBERS}'), { fileName: FILE, config: { frameworkTarget: 'current' } })), []);
  });

  const accepted: { label: string; text: string; lines: Set<number> }[] = [];
  before(async () => {
    for (const place of PLACES) {
      const result = await completeAt('typescript', at(NODE, place), { fileName: FILE });
      for (const item of result.items) accepted.push({ label: item.label, ...acceptWithSpans(result.text, item) });
    }
  });

  it('covers the ten patterns', () => {
    assert.deepEqual(accepted.map((a) => a.label).sort(), TS_PATTERNS.map((p) => p.prefix).sort());
  });

  for (const pattern of TS_PATTERNS) {
    it(`${pattern.prefix}, accepted with its defaults, type-checks under --strict and nothing it writes has an ONEX finding`, async () => {
      const a = accepted.find((x) => x.label === pattern.prefix)!;
      assert.deepEqual(checker.check(a.text), [], a.text);
      const result = await analyzeText(a.text, { language: 'typescript', fileName: FILE });
      assert.equal(result.syntaxErrors, 0);
      const inside = result.findings.filter((f) => a.lines.has(f.range.start.line));
      assert.deepEqual(inside.map((f) => `${f.ruleId} line ${f.range.start.line + 1}: ${f.message}`), [], a.text);
    });
  }

  it('adds the runtime names to the runtime import, the members to the class, each once', async () => {
    const result = await completeAt('typescript', at(NODE, '{CTOR}'), { fileName: FILE });
    const once = accept(result.text, itemOf(result, 'onex-service'));
    assert.match(once, /^import \{ ModelContainer, NodeEffect, KafkaClient, emitLogEvent, LogLevel \} from '@omninode\/onex-runtime';$/m);
    assert.equal(once.split('private readConfig<T>(').length - 1, 1);
    const again = await completeAt('typescript', once.replace('    let kafkaClient', `    ${CURSOR}\n    let kafkaClient`).replace(/let kafkaClient/g, 'let client'), { fileName: FILE });
    assert.deepEqual(itemOf(again, 'onex-service').additionalTextEdits, []);
    // A namespace import is used as it is; a file without a runtime import gets one of the configured module.
    const namespaced = NODE.replace("import { ModelContainer, NodeEffect } from '@omninode/onex-runtime';", "import * as onex from '@omninode/onex-runtime';")
      .replace('extends NodeEffect', 'extends onex.NodeEffect').replace('container: ModelContainer', 'container: onex.ModelContainer');
    const timing = itemOf(await completeAt('typescript', at(namespaced, '{METHOD}'), { fileName: FILE }), 'onex-timing');
    assert.match(timing.snippet, /^onex\.emitLogEvent\(onex\.LogLevel\.INFO/m);
    assert.deepEqual(timing.additionalTextEdits, []);
    const bare = `import { randomUUID } from 'node:crypto';\n\nexport class NodeDemoEffect extends Base {\n  async run(): Promise<string> {\n    ${CURSOR}\n    return randomUUID();\n  }\n}\n`;
    const own = itemOf(await completeAt('typescript', bare, { fileName: FILE, runtimeModule: './onex-runtime', config: { nodeBaseClasses: ['Base'] } }), 'onex-timing');
    assert.deepEqual(own.additionalTextEdits.map((e) => e.newText), ["\nimport { emitLogEvent, LogLevel } from './onex-runtime';"]);
  });

  it('an empty node.ts gets the scaffold\'s node file, which type-checks and every rule is silent on', async () => {
    const result = await completeAt('typescript', CURSOR, { fileName: '/ws/nodes/payment_gateway/node.ts' });
    assert.deepEqual(labels(result), ['onex-node-effect', 'onex-node-compute', 'onex-node-reducer', 'onex-node-orchestrator']);
    for (const item of result.items) {
      const text = accept(result.text, item);
      assert.match(text, /^export class NodePaymentGateway(Effect|Compute|Reducer|Orchestrator) extends Node\1 \{$/m);
      assert.deepEqual(checker.check(text), [], item.label);
      const analysis = await analyzeText(text, { language: 'typescript', fileName: '/ws/nodes/payment_gateway/node.ts' });
      assert.deepEqual(analysis.findings.map((f) => `${f.ruleId} ${f.message}`), [], item.label);
    }
    assert.deepEqual(labels(await completeAt('typescript', CURSOR, { fileName: '/ws/nodes/payment_gateway/util.ts' })), []);
  });
});
