// The Settings editor's headings read "ONEX Forge", not "Onex Forge". VS Code heads a setting with its
// key's prefix spelled out ("onexForge.lifecycle" → "Onex Forge › Lifecycle"), minus whatever the
// group it is listed in already says: the group's id, compared with the prefix ignoring case. So
// package.json contributes its settings as sections whose id is exactly their keys' prefix (the
// general ones under "onexForge", headed by the extension's own entry, "ONEX Forge"; the others
// under sections titled "Lifecycle", "Code Actions", "Scaffolding", "TypeScript").
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Section { id?: string; title?: string; order?: number; properties: Record<string, unknown> }

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  displayName: string;
  contributes: { configuration: Section | Section[] };
};

describe('package.json: the Settings editor\'s headings', () => {
  const sections = manifest.contributes.configuration;

  it('settings come in titled sections whose id is their keys\' common prefix', () => {
    assert.ok(Array.isArray(sections), 'configuration is an array of sections');
    for (const section of sections) {
      assert.ok(section.title, `section ${section.id} has a title`);
      const keys = Object.keys(section.properties);
      assert.ok(keys.length > 0);
      for (const key of keys) assert.ok(key.startsWith(`${section.id}.`), `${key} is in section ${section.id}`);
      // Its keys' prefix (all but the last name) starts with the id: VS Code drops the id from the heading.
      for (const key of keys.filter((k) => k.split('.').length === section.id!.split('.').length + 1)) {
        assert.equal(key.slice(0, key.lastIndexOf('.')), section.id, `${key} is headed by its section only`);
      }
    }
  });

  it('the general settings are headed "ONEX Forge", the extension\'s name, and each setting is in one section', () => {
    const [general, ...others] = sections as Section[];
    assert.equal(manifest.displayName, 'ONEX Forge');
    assert.equal(general.id, 'onexForge');
    assert.equal(general.title, 'ONEX Forge');
    assert.ok('onexForge.enable' in general.properties);
    assert.deepEqual(others.map((s) => s.title), ['Lifecycle', 'Code Actions', 'Scaffolding', 'TypeScript']);
    const keys = (sections as Section[]).flatMap((s) => Object.keys(s.properties));
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(keys.includes('onexForge.typescript.runtimeModule') && keys.includes('onexForge.lifecycle.startMethods'));
  });
});
