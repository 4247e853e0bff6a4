// scripts/open-examples.sh opens examples/ without a Workspace Trust prompt: both of the profiles it
// uses (code-server's, and the desktop VS Code's of its own) get WORKBENCH_SETTINGS, which turn
// Workspace Trust off (checked by hand in code-server 4.100.3: without them the first screen is the
// trust prompt and Restricted Mode; with them, neither), and a profile's user keeps their own values.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');

interface Lib {
  WORKBENCH_SETTINGS: Record<string, unknown>;
  ensureProfileSettings(userDataDir: string, settings?: Record<string, unknown>): string;
}

/** Parses a VS Code settings file (comments and trailing commas allowed) the simple way these tests need. */
function settingsOf(text: string): Record<string, unknown> {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1')) as Record<string, unknown>;
}

describe('open-examples.sh: the example workspace opens trusted', () => {
  let lib: Lib;
  let tmp = '';

  before(async () => {
    lib = (await import(join(REPO, 'scripts', 'code-server', 'lib.mjs'))) as Lib;
    tmp = mkdtempSync(join(tmpdir(), 'onex-profile-'));
  });

  after(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('a new profile gets the workbench settings, Workspace Trust off among them', () => {
    const file = lib.ensureProfileSettings(join(tmp, 'new'));
    const settings = settingsOf(readFileSync(file, 'utf8'));
    assert.deepEqual(settings, lib.WORKBENCH_SETTINGS);
    assert.equal(settings['security.workspace.trust.enabled'], false);
  });

  it('an edited profile gets only what it lacks and keeps its values and comments', () => {
    const dir = join(tmp, 'edited');
    mkdirSync(join(dir, 'User'), { recursive: true });
    writeFileSync(join(dir, 'User', 'settings.json'), '{\n  // my theme\n  "workbench.colorTheme": "Solarized Light",\n  "workbench.startupEditor": "welcomePage",\n}\n');
    const text = readFileSync(lib.ensureProfileSettings(dir), 'utf8');
    assert.match(text, /\/\/ my theme/);
    const settings = settingsOf(text);
    assert.equal(settings['workbench.colorTheme'], 'Solarized Light');
    assert.equal(settings['workbench.startupEditor'], 'welcomePage', 'a value the user set is kept');
    assert.equal(settings['security.workspace.trust.enabled'], false);
    assert.equal(readFileSync(lib.ensureProfileSettings(dir), 'utf8'), text, 'a second run changes nothing');
  });

  it('open-examples.sh writes them into both profiles it opens', () => {
    const script = readFileSync(join(REPO, 'scripts', 'open-examples.sh'), 'utf8');
    assert.match(script, /profile_settings "\$PROFILE\/desktop\/user-data"[\s\S]*code "\$\{DESKTOP\[@\]\}" "\$ROOT\/examples"/);
    assert.match(script, /profile_settings "\$PROFILE\/user-data"[\s\S]*--user-data-dir "\$PROFILE\/user-data"/);
  });
});
