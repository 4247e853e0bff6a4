// Set-up says only what a newcomer can act on: the build reports bundle sizes as information (the
// TypeScript front end is meant to be 13 MB), and the code-server set-up installs Debian packages
// without their recommended packages and hands npm no setting it does not know.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

describe('a quiet set-up', function () {
  this.timeout(180_000);

  it('npm run build prints each bundle\'s size as information, with no warning sign', () => {
    const output = execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.doesNotMatch(output, /⚠|warning/i);
    assert.match(output, /^ {2}dist\/typescript-frontend\.js +\d+\.\d MB {2}\(ts-morph and the TypeScript compiler, loaded only when a TypeScript file is analysed\)$/m);
    for (const bundle of ['extension', 'worker', 'cli']) assert.match(output, new RegExp(`^ {2}dist/${bundle}\\.js +\\d+\\.\\d [KM]B`, 'm'));
  });

  describe('scripts/code-server/setup.sh', () => {
    const lines = readFileSync(join(REPO, 'scripts', 'code-server', 'setup.sh'), 'utf8').split('\n').filter((l) => !/^\s*#/.test(l));

    it('installs Debian packages without recommended ones (33 packages rather than 124, no systemd upgrade)', () => {
      const installs = lines.filter((l) => /apt-get install/.test(l));
      assert.ok(installs.length > 0);
      for (const line of installs) assert.match(line, /--no-install-recommends/, line);
    });

    it('gives npm no setting npm does not know (build-from-source reaches the install scripts through their shell)', () => {
      // A line that runs npm: npm as the command word, after any VAR=value assignments.
      const npmCommands = lines.filter((l) => /(?:^|&&|\(|;|\|)\s*(?:\w+=\S*\s+)*npm\s/.test(l));
      assert.ok(npmCommands.length > 0);
      for (const line of npmCommands) assert.doesNotMatch(line, /npm_config_build_from_source|--build-from-source/, line);
      assert.ok(lines.some((l) => /npm rebuild.*--script-shell=/.test(l)), 'the native modules still build from source');
    });
  });

  it('the set-up scripts refer only to what the repository holds (no guide beside the clone)', () => {
    for (const file of ['scripts/code-server/setup.sh', 'scripts/code-server/harness.mjs', 'scripts/code-server/lib.mjs', 'scripts/open-examples.sh']) {
      assert.doesNotMatch(readFileSync(join(REPO, file), 'utf8'), /\.\.\/shared\/|real-vscode\.md/, file);
    }
  });
});
