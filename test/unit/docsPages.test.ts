// Each rule's docs page lives in its folder (src/core/rules/onexNNN/ONEXnnn.md); the build copies the
// pages to dist/docs/rules/, where diagnostics link to them, and the public docs URL points at the page
// in the repository.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { RULE_META, docsUrl } from '../../src/core/rules/meta';
import { eraTableMarkdown } from '../../src/core/rules/eras';
import { ALL_RULE_IDS } from '../../src/core/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { copyDocsPages, docsPages } = require('../../scripts/docsPages.cjs') as {
  docsPages(rulesDir: string): { id: string; source: string }[];
  copyDocsPages(rulesDir: string, outDir: string): { id: string; source: string }[];
};

const REPO = join(__dirname, '..', '..');
const RULES = join(REPO, 'src', 'core', 'rules');

describe('docs pages', () => {
  it('every rule has one page, in its folder, whose title names the rule', () => {
    const pages = docsPages(RULES);
    assert.deepEqual(pages.map((p) => p.id), [...ALL_RULE_IDS]);
    for (const id of ALL_RULE_IDS) {
      const page = pages.find((p) => p.id === id)!;
      assert.equal(page.source, join(RULES, id.toLowerCase(), `${id}.md`));
      const title = readFileSync(page.source, 'utf8').split('\n')[0];
      assert.equal(title, `# ${id}: ${RULE_META[id].name}`, `${id}'s page title`);
    }
  });

  it('every page\'s Era section holds its rule\'s era table from meta.ts (in which era it applies, in which form, why, at which severity)', () => {
    for (const id of ALL_RULE_IDS) {
      const page = readFileSync(join(RULES, id.toLowerCase(), `${id}.md`), 'utf8');
      const era = /^## Era\n([^]*?)\n## /m.exec(page)?.[1] ?? '';
      assert.ok(era.includes(eraTableMarkdown(RULE_META[id])), `${id}'s page lacks its era table`);
    }
  });

  it('the public docs URL of each rule is its page in the repository', () => {
    for (const id of ALL_RULE_IDS) {
      const path = relative(REPO, join(RULES, id.toLowerCase(), `${id}.md`)).split(sep).join('/');
      assert.ok(docsUrl(id).endsWith(`/blob/main/${path}`), docsUrl(id));
    }
  });

  it('the build copies exactly the pages, as ONEXnnn.md, and drops stale ones', () => {
    const out = mkdtempSync(join(tmpdir(), 'onex-docs-'));
    try {
      writeFileSync(join(out, 'ONEX999.md'), '# stale\n');
      copyDocsPages(RULES, out);
      assert.deepEqual(readdirSync(out).sort(), ALL_RULE_IDS.map((id) => `${id}.md`));
      for (const id of ALL_RULE_IDS) {
        assert.equal(readFileSync(join(out, `${id}.md`), 'utf8'), readFileSync(join(RULES, id.toLowerCase(), `${id}.md`), 'utf8'));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
