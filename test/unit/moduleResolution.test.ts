// resolveModuleFrom: a bare module name resolves from a folder as TypeScript resolves it — tsconfig
// paths and baseUrl (with extends), then node_modules walking up with @types — to a typed file only.
import { strict as assert } from 'node:assert';
import { nearestTsconfig, parseJsonc, resolveModuleFrom, type ResolutionHost } from '../../src/core/moduleResolution';
import { typeScriptTargetFor } from '../../src/core/scaffold';

/** A file system held in a map of absolute POSIX paths to texts. */
function memoryHost(files: Record<string, string>): ResolutionHost {
  return {
    async fileExists(path) {
      return Object.prototype.hasOwnProperty.call(files, path);
    },
    async readFile(path) {
      return files[path];
    },
  };
}

const MODULE = '@omninode/onex-runtime';

describe('module resolution (resolveModuleFrom)', () => {
  it('finds a typed package in a node_modules folder above, and not one without types', async () => {
    const host = memoryHost({
      '/repo/node_modules/@omninode/onex-runtime/package.json': '{"name":"@omninode/onex-runtime","types":"dist/index.d.ts"}',
      '/repo/node_modules/@omninode/onex-runtime/dist/index.d.ts': 'export declare const x: number;',
      '/repo/node_modules/untyped/package.json': '{"main":"index.js"}',
      '/repo/node_modules/untyped/index.js': 'module.exports = 1;',
    });
    assert.deepEqual(await resolveModuleFrom(MODULE, '/repo/packages/nodes/src', host), {
      file: '/repo/node_modules/@omninode/onex-runtime/dist/index.d.ts', via: { kind: 'node_modules' },
    });
    assert.equal(await resolveModuleFrom('untyped', '/repo/src', host), null, 'TypeScript reports a missing declaration file');
    assert.equal(await resolveModuleFrom(MODULE, '/elsewhere', host), null);
  });

  it('takes main with its .d.ts, index.d.ts, and the @types package', async () => {
    const host = memoryHost({
      '/p/node_modules/a/package.json': '{"main":"lib/a.js"}',
      '/p/node_modules/a/lib/a.d.ts': '',
      '/p/node_modules/b/index.d.ts': '',
      '/p/node_modules/@scope/c/package.json': '{"main":"c.js"}',
      '/p/node_modules/@types/scope__c/index.d.ts': '',
      '/p/node_modules/d.ts': '',
    });
    assert.equal((await resolveModuleFrom('a', '/p', host))?.file, '/p/node_modules/a/lib/a.d.ts');
    assert.equal((await resolveModuleFrom('b', '/p', host))?.file, '/p/node_modules/b/index.d.ts');
    assert.equal((await resolveModuleFrom('@scope/c', '/p', host))?.file, '/p/node_modules/@types/scope__c/index.d.ts');
    assert.equal((await resolveModuleFrom('d', '/p', host))?.file, '/p/node_modules/d.ts');
  });

  it('does not look in node_modules/node_modules', async () => {
    const host = memoryHost({ '/p/node_modules/node_modules/x/index.d.ts': '' });
    assert.equal(await resolveModuleFrom('x', '/p/node_modules/y', host), null);
  });

  it('follows the nearest tsconfig.json\'s paths (exact, then the longest wildcard), relative to baseUrl or the config', async () => {
    const host = memoryHost({
      '/ws/tsconfig.json': `{
        // comments and trailing commas, as tsconfig.json allows
        "compilerOptions": {
          "paths": { "${MODULE}": ["./runtime/onex-runtime.ts"], "@lib/*": ["./libs/*/src", "./fallback/*"], "@lib/special/*": ["./special/*"], },
        },
      }`,
      '/ws/runtime/onex-runtime.ts': '',
      '/ws/fallback/thing/index.ts': '',
      '/ws/special/one.ts': '',
      '/ws/sub/tsconfig.json': '{ "compilerOptions": { "baseUrl": "..", "paths": { "@lib/*": ["fallback/*"] } } }',
    });
    assert.deepEqual(await resolveModuleFrom(MODULE, '/ws/nodes', host), {
      file: '/ws/runtime/onex-runtime.ts', via: { kind: 'paths', tsconfig: '/ws/tsconfig.json' },
    });
    assert.equal((await resolveModuleFrom('@lib/thing', '/ws/nodes', host))?.file, '/ws/fallback/thing/index.ts', 'the second substitution');
    assert.equal((await resolveModuleFrom('@lib/special/one', '/ws', host))?.file, '/ws/special/one.ts', 'the longest prefix wins');
    assert.equal(await resolveModuleFrom('@lib/missing', '/ws', host), null);
    // The nearest tsconfig.json governs: /ws/sub's maps @lib/* from its baseUrl (/ws) and has no runtime mapping.
    assert.equal((await resolveModuleFrom('@lib/thing', '/ws/sub/deeper', host))?.file, '/ws/fallback/thing/index.ts');
    assert.equal(await resolveModuleFrom(MODULE, '/ws/sub', host), null);
  });

  it('reads paths and baseUrl from what a tsconfig.json extends, its own options winning', async () => {
    const host = memoryHost({
      '/mono/tsconfig.base.json': `{ "compilerOptions": { "baseUrl": ".", "paths": { "${MODULE}": ["shared/runtime.ts"] } } }`,
      '/mono/shared/runtime.ts': '',
      '/mono/app/tsconfig.json': '{ "extends": "../tsconfig.base.json", "compilerOptions": { "strict": true } }',
      '/mono/node_modules/@acme/tsconfig/tsconfig.json': '{ "compilerOptions": { "baseUrl": "/mono/vendor" } }',
      '/mono/vendor/widget.ts': '',
      '/mono/pkg/tsconfig.json': '{ "extends": ["@acme/tsconfig", "../tsconfig.base.json"] }',
      '/mono/pkg2/tsconfig.json': '{ "extends": "@acme/tsconfig" }',
      '/mono/loop/tsconfig.json': '{ "extends": "./tsconfig.json" }',
    });
    assert.deepEqual(await resolveModuleFrom(MODULE, '/mono/app/src', host), {
      file: '/mono/shared/runtime.ts', via: { kind: 'paths', tsconfig: '/mono/tsconfig.base.json' },
    });
    assert.deepEqual(await resolveModuleFrom('widget', '/mono/pkg2', host), {
      file: '/mono/vendor/widget.ts', via: { kind: 'baseUrl', tsconfig: '/mono/node_modules/@acme/tsconfig/tsconfig.json' },
    }, 'a package named by extends');
    assert.equal((await resolveModuleFrom(MODULE, '/mono/pkg', host))?.file, '/mono/shared/runtime.ts', 'the later entry of an extends array wins');
    assert.equal(await resolveModuleFrom(MODULE, '/mono/loop', host), null, 'a config extending itself ends');
  });

  it('resolves a baseUrl-relative module name', async () => {
    const host = memoryHost({
      '/b/tsconfig.json': '{ "compilerOptions": { "baseUrl": "./src" } }',
      '/b/src/@omninode/onex-runtime/index.ts': '',
    });
    assert.deepEqual(await resolveModuleFrom(MODULE, '/b/src/nodes', host), {
      file: '/b/src/@omninode/onex-runtime/index.ts', via: { kind: 'baseUrl', tsconfig: '/b/tsconfig.json' },
    });
  });

  it('a broken tsconfig.json or package.json resolves nothing through it, and never throws', async () => {
    const host = memoryHost({
      '/x/tsconfig.json': '{ "compilerOptions": { "paths": ',
      '/x/node_modules/y/package.json': '{ not json',
      '/x/node_modules/y/index.d.ts': '',
    });
    assert.equal(await resolveModuleFrom(MODULE, '/x', host), null);
    assert.equal((await resolveModuleFrom('y', '/x', host))?.file, '/x/node_modules/y/index.d.ts');
  });

  it('parseJsonc keeps comment-like text inside strings', () => {
    assert.deepEqual(parseJsonc('{"a": "http://x/*y*/", /* c */ "b": [1, 2,], // end\n}'), { a: 'http://x/*y*/', b: [1, 2] });
    assert.deepEqual(parseJsonc('{"q": "say \\"hi\\", // not a comment"}'), { q: 'say "hi", // not a comment' });
    assert.equal(parseJsonc('{'), undefined);
  });

  it('nearestTsconfig and typeScriptTargetFor decide what a scaffolded node needs', async () => {
    const host = memoryHost({
      '/proj/tsconfig.json': `{ "compilerOptions": { "paths": { "${MODULE}": ["./rt.ts"] } } }`,
      '/proj/rt.ts': '',
    });
    assert.equal(await nearestTsconfig('/proj/a/b', host), '/proj/tsconfig.json');
    assert.equal(await nearestTsconfig('/other', host), null);
    assert.deepEqual(await typeScriptTargetFor('/proj/nodes', undefined, host), { runtimeModule: MODULE, runtimeResolves: true, tsconfigFound: true });
    assert.deepEqual(await typeScriptTargetFor('/proj/nodes', ' my-runtime ', host), { runtimeModule: 'my-runtime', runtimeResolves: false, tsconfigFound: true });
    assert.deepEqual(await typeScriptTargetFor('/empty', undefined, host), { runtimeModule: MODULE, runtimeResolves: false, tsconfigFound: false });
  });
});
