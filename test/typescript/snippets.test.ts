// snippets/typescript.json: up to date with its generator, the same prefixes as the Python snippets,
// and every snippet expands (placeholders at their defaults) to code that parses and type-checks in
// the place it is meant for; the whole-node template is a node every rule is silent on.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { analyzeText } from '../../src/core/engine';
import { PATTERN_SNIPPETS, type SnippetHost, typeScriptSnippetsJson } from '../../src/core/scaffold/typescript/snippets';
import { NodeTypeChecker } from './typecheck';

const SNIPPETS_DIR = join(__dirname, '..', '..', 'snippets');

/** Expands a snippet body the way VS Code does with every placeholder left at its default. */
export function expandSnippet(body: string[]): string {
  const text = body.join('\n');
  const values = new Map<string, string>();
  let out = '';
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && '$\\}'.includes(text[i + 1])) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '$') {
      const rest = text.slice(i);
      const placeholder = /^\$\{(\d+):([^}]*)\}/.exec(rest);
      const choice = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest);
      const tabstop = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest);
      if (placeholder) {
        values.set(placeholder[1], placeholder[2]);
        out += placeholder[2];
        i += placeholder[0].length;
        continue;
      }
      if (choice) {
        const first = choice[2].split(',')[0];
        values.set(choice[1], first);
        out += first;
        i += choice[0].length;
        continue;
      }
      if (tabstop) {
        out += values.get(tabstop[1] ?? tabstop[2]) ?? '';
        i += tabstop[0].length;
        continue;
      }
      throw new Error(`unescaped $ in snippet at ${JSON.stringify(rest.slice(0, 30))}`);
    }
    out += c;
    i++;
  }
  return out;
}

const IMPORTS = `import { EnumCoreErrorCode, KafkaClient, LogLevel, ModelContainer, NodeEffect, OnexError, emitLogEvent, type ConsulClient } from '@omninode/onex-runtime';
void EnumCoreErrorCode; void OnexError; void LogLevel; void emitLogEvent; void KafkaClient;
export type UsedConsul = ConsulClient;
`;

function indent(code: string, prefix: string): string {
  return code.split('\n').map((l) => (l.trim() ? prefix + l.replace(/\t/g, '  ') : '')).join('\n');
}

function hosted(host: SnippetHost, code: string): string {
  const fields = '  private kafkaClient: KafkaClient | undefined;\n';
  switch (host) {
    case 'class-body':
      return `${IMPORTS}
export class NodeSnippetHostEffect extends NodeEffect {
${fields}
  constructor(container: ModelContainer) {
    super(container);
  }

${indent(code, '  ')}
}
`;
    case 'constructor-body': {
      const locals = `${code.includes('let healthCheckMode') ? '' : '    const healthCheckMode = false;\n'}    const brokers: string[] = [];\n    void brokers;\n`;
      return `${IMPORTS}
export class NodeSnippetHostEffect extends NodeEffect {
${fields}
  constructor(container: ModelContainer) {
    super(container);
${locals}${indent(code, '    ')}
  }
}
`;
    }
    case 'async-method-body':
      return `${IMPORTS}
export class NodeSnippetHostEffect extends NodeEffect {
${fields}
  constructor(container: ModelContainer) {
    super(container);
  }

  private async doWork(): Promise<number> {
    return 1;
  }

  async run(): Promise<number | void> {
${indent(code, '    ')}
  }
}
`;
  }
}

describe('TypeScript snippets', function () {
  this.timeout(300_000);
  const checker = new NodeTypeChecker();

  it('snippets/typescript.json is the generator output (regenerate with snippets.ts --write)', () => {
    assert.equal(readFileSync(join(SNIPPETS_DIR, 'typescript.json'), 'utf8'), typeScriptSnippetsJson());
  });

  it('has the same prefixes as the Python snippets', () => {
    const prefixes = (file: string) => Object.values(JSON.parse(readFileSync(join(SNIPPETS_DIR, file), 'utf8')) as Record<string, { prefix: string }>)
      .map((s) => s.prefix).sort();
    assert.deepEqual(prefixes('typescript.json'), prefixes('python.json'));
  });

  for (const [name, snippet] of Object.entries(PATTERN_SNIPPETS)) {
    it(`${snippet.prefix} expands to code that parses and type-checks in a ${snippet.host}`, () => {
      const code = hosted(snippet.host, expandSnippet(snippet.body));
      const sf = ts.createSourceFile('host.ts', code, ts.ScriptTarget.Latest, true);
      assert.deepEqual((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => d.messageText), [], name);
      assert.deepEqual(checker.check(code, 'host.ts'), [], `${name}:\n${code}`);
    });
  }

  it('the whole-node file template expands to a node that type-checks and every rule is silent on', async () => {
    const json = JSON.parse(typeScriptSnippetsJson()) as Record<string, { body: string[]; isFileTemplate?: boolean; prefix: string }>;
    const template = Object.values(json).find((s) => s.isFileTemplate);
    assert.ok(template);
    assert.equal(template.prefix, 'onex-node');
    const code = expandSnippet(template.body).replace(/\t/g, '  ');
    assert.match(code, /export class NodePaymentGatewayEffect extends NodeEffect/);
    const result = await analyzeText(code, { language: 'typescript', fileName: '/ws/node.ts' });
    assert.equal(result.syntaxErrors, 0);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.message}`), []);
    assert.deepEqual(checker.check(code), []);
  });
});
