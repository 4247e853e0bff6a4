// The rules' docs pages: each kept in its rule's folder (src/core/rules/onexNNN/ONEXnnn.md) and
// copied by the build (scripts/build.mjs) to dist/docs/rules/, where the extension opens them and from
// where the .vsix ships them. CommonJS so that the build and the unit tests both load it.
const { copyFileSync, mkdirSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

/** Each rule's page: its id and where it lives. */
function docsPages(rulesDir) {
  const pages = [];
  for (const folder of readdirSync(rulesDir).filter((name) => /^onex\d{3}$/.test(name)).sort()) {
    for (const page of readdirSync(join(rulesDir, folder)).filter((name) => /^ONEX\d{3}\.md$/.test(name))) {
      pages.push({ id: page.slice(0, -3), source: join(rulesDir, folder, page) });
    }
  }
  return pages;
}

/** Replaces outDir's content with a copy of every rule's page, named ONEXnnn.md. */
function copyDocsPages(rulesDir, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const pages = docsPages(rulesDir);
  for (const { id, source } of pages) copyFileSync(source, join(outDir, `${id}.md`));
  return pages;
}

module.exports = { docsPages, copyDocsPages };
