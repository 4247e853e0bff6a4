// The TypeScript example workspace (examples/typescript) type-checks with the repository's own
// `tsc --noEmit --strict`, so the editor's TypeScript shows no error there and the only problems are
// the ONEX findings the example exists to show. Its runtime module is the one the scaffold writes.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../src/core/engine';
import { renderRuntimeModule } from '../../src/core/scaffold/typescript/runtime';

const REPO = join(__dirname, '..', '..');
const EXAMPLE = join(REPO, 'examples', 'typescript');
const NODE = join(EXAMPLE, 'nodes', 'payment_gateway', 'node.ts');

describe('TypeScript example workspace', function () {
  this.timeout(120_000);

  it('passes tsc --noEmit --strict with its tsconfig.json (no "Cannot find module", no other error)', () => {
    let output = '';
    let status = 0;
    try {
      output = execFileSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--pretty', 'false', '-p', EXAMPLE], { encoding: 'utf8' });
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      status = failed.status;
      output = `${failed.stdout}${failed.stderr}`;
    }
    assert.deepEqual({ status, output: output.trim() }, { status: 0, output: '' });
  });

  it('maps @omninode/onex-runtime to the runtime module the scaffold writes, unchanged', () => {
    assert.match(readFileSync(NODE, 'utf8'), /from '@omninode\/onex-runtime';/);
    assert.equal(readFileSync(join(EXAMPLE, 'runtime', 'onex-runtime.ts'), 'utf8'), renderRuntimeModule('@omninode/onex-runtime'),
      'examples/typescript/runtime/onex-runtime.ts is out of date: write renderRuntimeModule("@omninode/onex-runtime") over it');
  });

  it('still shows the ONEX findings it exists to show', async () => {
    const result = await analyzeText(readFileSync(NODE, 'utf8'), { language: 'typescript', fileName: NODE });
    assert.equal(result.syntaxErrors, 0);
    assert.deepEqual([...new Set(result.findings.map((f) => f.ruleId))].sort(),
      ['ONEX001', 'ONEX002', 'ONEX003', 'ONEX004', 'ONEX005', 'ONEX006', 'ONEX009', 'ONEX010']);
  });
});
