// Loading a bundle through a V8 code cache must behave like require, and a bad cache must never matter.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir, lastCodeCacheOutcome, requireWithCodeCache } from '../../src/core/codeCache';

describe('code cache for bundles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onex-code-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A small CommonJS bundle: a relative require, a builtin, its own file name, a function that throws on its line 6. */
  function writeBundle(version: string): string {
    writeFileSync(join(dir, 'helper.js'), 'module.exports = { twice: (n) => 2 * n };\n');
    const file = join(dir, 'bundle.js');
    writeFileSync(file, [
      "'use strict';",
      "const { twice } = require('./helper');",
      "const path = require('node:path');",
      `exports.version = '${version}';`,
      'exports.where = () => [path.basename(__filename), path.basename(__dirname), module.exports === exports];',
      "exports.fail = () => { throw new Error('from line 6'); };",
      'exports.twice = twice;',
      '',
    ].join('\n'));
    return file;
  }

  /**
   * Loads the bundle in a fresh process, as the CLI and the extension do: within one process V8's own
   * compilation cache answers for a source it has compiled, and the code cache is not even read.
   */
  function loadInChild(file: string, cacheDir: string): { outcome: ReturnType<typeof lastCodeCacheOutcome>; version: string; warmed: boolean } {
    const script = `const c = require(${JSON.stringify(join(__dirname, '../../src/core/codeCache.ts'))});
      let warmed = false;
      const mod = c.requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheDir)}, () => { warmed = true; });
      process.stdout.write(JSON.stringify({ outcome: c.lastCodeCacheOutcome(), version: mod.version, warmed }));`;
    return JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { encoding: 'utf8' }));
  }

  const cacheFiles = (cacheDir: string) => readdirSync(cacheDir).filter((n) => n.endsWith('.v8cache')).sort();

  it('runs the file like require: its exports, require, __filename, __dirname and line numbers', () => {
    const file = writeBundle('1');
    const mod = requireWithCodeCache(file, undefined) as { version: string; where(): unknown[]; fail(): never; twice(n: number): number };
    assert.equal(mod.version, '1');
    assert.equal(mod.twice(21), 42);
    assert.deepEqual(mod.where(), ['bundle.js', dir.split(/[\\/]/).pop(), true]);
    assert.throws(() => mod.fail(), (error: Error) => error.stack!.includes(`${file}:6:`));
    assert.deepEqual(lastCodeCacheOutcome(), { file: undefined, used: false, written: false });
    // A shebang line, as in an executable bundle, is skipped the way require skips it.
    writeFileSync(file, `#!/usr/bin/env node\n${readFileSync(file, 'utf8')}`);
    const withShebang = requireWithCodeCache(file, undefined) as typeof mod;
    assert.equal(withShebang.version, '1');
    assert.throws(() => withShebang.fail(), (error: Error) => error.stack!.includes(`${file}:7:`));
  });

  it('writes the cache after warming once; the next process compiles from it', () => {
    const file = writeBundle('1');
    const cacheDir = join(dir, 'cache');
    const first = loadInChild(file, cacheDir);
    assert.equal(first.version, '1');
    assert.equal(first.warmed, true, 'warmed before the cache is written');
    assert.equal(first.outcome!.used, false);
    assert.equal(first.outcome!.written, true);
    assert.match(first.outcome!.file!, new RegExp(`bundle-v8-.*-${process.arch}-[0-9a-f]{16}\\.v8cache$`));
    assert.deepEqual(cacheFiles(cacheDir), [first.outcome!.file!.split(/[\\/]/).pop()]);

    const second = loadInChild(file, cacheDir);
    assert.deepEqual(second, { outcome: { file: first.outcome!.file, used: true, written: false }, version: '1', warmed: false });
  });

  it('ignores a corrupt cache, loads the file and writes a good cache over it', () => {
    const file = writeBundle('1');
    const cacheDir = join(dir, 'cache');
    const cacheFile = loadInChild(file, cacheDir).outcome!.file!;
    writeFileSync(cacheFile, Buffer.from('not a V8 code cache at all'));
    const again = loadInChild(file, cacheDir);
    assert.deepEqual(again, { outcome: { file: cacheFile, used: false, written: true }, version: '1', warmed: true });
    assert.notEqual(readFileSync(cacheFile).toString(), 'not a V8 code cache at all');
    assert.equal(loadInChild(file, cacheDir).outcome!.used, true);
  });

  it('loads the file when the cache folder cannot be made, and says nothing', () => {
    const file = writeBundle('1');
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const mod = requireWithCodeCache(file, join(blocker, 'cache')) as { version: string };
    assert.equal(mod.version, '1');
    assert.equal(lastCodeCacheOutcome()!.written, false);
  });

  it('keeps one cache per runtime: a new version of the bundle replaces its own runtime\'s, not another\'s', () => {
    const cacheDir = join(dir, 'cache');
    requireWithCodeCache(writeBundle('1'), cacheDir);
    const old = lastCodeCacheOutcome()!.file!.split(/[\\/]/).pop()!;
    const otherRuntime = 'bundle-v8-0.0.0-other-0123456789abcdef.v8cache';
    writeFileSync(join(cacheDir, otherRuntime), 'another runtime');
    const mod = requireWithCodeCache(writeBundle('2'), cacheDir) as { version: string };
    assert.equal(mod.version, '2');
    const current = lastCodeCacheOutcome()!;
    assert.equal(current.used, false);
    assert.notEqual(current.file!.split(/[\\/]/).pop(), old);
    assert.deepEqual(cacheFiles(cacheDir), [current.file!.split(/[\\/]/).pop()!, otherRuntime].sort());
  });

  it('puts the cache folder where each platform keeps caches', () => {
    const home = homedir();
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux'), join('/xdg', 'onex-forge'));
    assert.equal(defaultCacheDir({}, 'linux'), join(home, '.cache', 'onex-forge'));
    assert.equal(defaultCacheDir({}, 'darwin'), join(home, 'Library', 'Caches', 'onex-forge'));
    assert.equal(defaultCacheDir({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32'), join('C:\\Users\\me\\AppData\\Local', 'onex-forge', 'Cache'));
  });

  it('takes its folder from ONEX_FORGE_CACHE_DIR, and none when ONEX_FORGE_DISABLE_CODE_CACHE is set', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      assert.equal(defaultCacheDir({ ONEX_FORGE_CACHE_DIR: '/ci/cache', XDG_CACHE_HOME: '/xdg' }, platform), '/ci/cache');
      assert.equal(defaultCacheDir({ ONEX_FORGE_DISABLE_CODE_CACHE: '1', ONEX_FORGE_CACHE_DIR: '/ci/cache' }, platform), undefined);
      assert.equal(defaultCacheDir({ ONEX_FORGE_DISABLE_CODE_CACHE: 'true' }, platform), undefined);
    }
    // Empty or "0" leaves the cache on.
    assert.equal(defaultCacheDir({ ONEX_FORGE_DISABLE_CODE_CACHE: '0', XDG_CACHE_HOME: '/xdg' }, 'linux'), join('/xdg', 'onex-forge'));
    assert.equal(defaultCacheDir({ ONEX_FORGE_DISABLE_CODE_CACHE: '', ONEX_FORGE_CACHE_DIR: '' }, 'darwin'), join(homedir(), 'Library', 'Caches', 'onex-forge'));
  });
});
