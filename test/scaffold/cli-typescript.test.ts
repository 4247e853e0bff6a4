// `onex-forge new --language typescript` compiles: every kind, for both framework targets, scaffolded
// through the CLI into a temporary folder and type-checked with the repository's own `tsc --noEmit
// --strict` (kafkajs, consul and the @types packages come from the repository's node_modules, linked
// into the folder as a project's would be installed). The CLI decides about the runtime module and
// the tsconfig.json from --out, as the editor does from the folder chosen.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { runNew } from '../../src/cli/commands/new';
import { NODE_KINDS } from '../../src/core/scaffold';

const REPO = join(__dirname, '..', '..');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

async function cliNew(args: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await runNew(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  assert.equal(code, 0, stderr);
  return stdout;
}

/** `tsc --noEmit --strict -p project`: its exit status and output (empty when there is no error). */
function tsc(project: string): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, '--noEmit', '--strict', '--pretty', 'false', '-p', project], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('scaffold: onex-forge new --language typescript compiles', function () {
  this.timeout(180_000);
  let tmp = '';

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'onex-new-ts-'));
    symlinkSync(join(REPO, 'node_modules'), join(tmp, 'node_modules'), 'dir');
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('in a folder with no runtime module and no tsconfig.json: writes both, and every kind passes tsc --strict', async () => {
    const roots: string[] = [];
    for (const kind of NODE_KINDS) {
      for (const [target, layout, root] of [['current', 'flat', `${kind}_node`], ['bridge', 'versioned', `${kind}_node/v1_0_0`]] as const) {
        const out = join(tmp, `plain-${target}`);
        const stdout = await cliNew(['--language', 'typescript', '--kind', kind, '--name', `${kind}_node`, '--out', out, '--target', target, '--layout', layout]);
        assert.match(stdout, new RegExp(`^ {2}${root}/onex-runtime\\.ts$`, 'm'), stdout);
        assert.match(stdout, new RegExp(`^ {2}${root}/tsconfig\\.json$`, 'm'), stdout);
        assert.match(readFileSync(join(out, ...root.split('/'), 'node.ts'), 'utf8'), /from '\.\/onex-runtime';/);
        roots.push(join(out, ...root.split('/')));
      }
    }
    // Every node got the same tsconfig.json: one tsc run extends it over all of them (a run per node
    // would load the compiler and its libraries eight times).
    const configs = new Set(roots.map((root) => readFileSync(join(root, 'tsconfig.json'), 'utf8')));
    assert.equal(configs.size, 1);
    writeFileSync(join(tmp, 'tsconfig.json'), JSON.stringify({
      extends: `./${relative(tmp, roots[0]).split(sep).join('/')}/tsconfig.json`, include: ['plain-*/**/*.ts'],
    }));
    const result = await tsc(tmp);
    assert.deepEqual({ status: result.status, output: result.output.trim() }, { status: 0, output: '' });
    rmSync(join(tmp, 'tsconfig.json'));
  });

  it('in a project whose tsconfig.json maps the runtime module: imports it by name and writes neither', async () => {
    const project = join(tmp, 'project');
    mkdirSync(join(project, 'runtime'), { recursive: true });
    // The runtime module, as a team would keep it, mapped by the project's paths.
    const seed = join(tmp, 'seed');
    await cliNew(['--language', 'typescript', '--kind', 'effect', '--name', 'seed', '--out', seed]);
    writeFileSync(join(project, 'runtime', 'onex-runtime.ts'), readFileSync(join(seed, 'seed', 'onex-runtime.ts')));
    writeFileSync(join(project, 'tsconfig.json'), `{
  // a project of its own: strict, with the runtime module mapped
  "compilerOptions": {
    "target": "ES2022", "module": "commonjs", "esModuleInterop": true, "skipLibCheck": true, "noEmit": true,
    "paths": { "@omninode/onex-runtime": ["./runtime/onex-runtime.ts"] },
  },
}
`);
    const stdout = await cliNew(['--language', 'typescript', '--kind', 'orchestrator', '--name', 'workflow', '--out', join(project, 'nodes')]);
    assert.doesNotMatch(stdout, /onex-runtime\.ts|tsconfig\.json/);
    assert.ok(!existsSync(join(project, 'nodes', 'workflow', 'onex-runtime.ts')));
    assert.match(readFileSync(join(project, 'nodes', 'workflow', 'node.ts'), 'utf8'), /from '@omninode\/onex-runtime';/);
    const result = await tsc(project);
    assert.deepEqual({ status: result.status, output: result.output.trim() }, { status: 0, output: '' });
  });
});
