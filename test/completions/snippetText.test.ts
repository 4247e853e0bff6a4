// The core's reading of snippet text (src/core/completions/snippetText.ts) agrees with VS Code's
// grammar as the independent test expander implements it: the helper methods an item adds as plain
// code are exactly what the user gets by tabbing through the same body as a snippet.
import { strict as assert } from 'node:assert';
import { BRIDGE_HELPERS, BRIDGE_PATTERNS } from '../../src/core/completions/python/bridge';
import { TS_HELPERS, TS_PATTERNS } from '../../src/core/completions/typescript/patterns';
import { ITEM_LABELS, mayMatchAnItem } from '../../src/core/completions/labels';
import { missingHelpers, snippetDefaults, substituteTokens, tokensOf } from '../../src/core/completions/snippetText';
import { TS_PATTERNS as TS } from '../../src/core/completions/typescript/patterns';
import { expandSnippet } from '../scaffold/snippetExpander';

describe('completions: snippet text', () => {
  it('snippetDefaults is what VS Code inserts with every tab stop at its default, for every body', () => {
    const bodies = [...Object.values(BRIDGE_HELPERS), ...BRIDGE_PATTERNS.map((p) => p.body), ...Object.values(TS_HELPERS), ...TS_PATTERNS.map((p) => p.body)];
    for (const body of bodies) assert.equal(snippetDefaults(body), expandSnippet(body), body.slice(0, 60));
    assert.equal(snippetDefaults('a ${1:x} $1 ${2|p,q|} $2 \\$3 \\} ${3:${4:n}} $0'), expandSnippet('a ${1:x} $1 ${2|p,q|} $2 \\$3 \\} ${3:${4:n}} $0'));
  });

  it('tokens: found once each, replaced per occurrence, names escaped and snippet text kept', () => {
    assert.deepEqual(tokensOf('«A».x(«@b», «A»)'), ['A', '@b']);
    let n = 0;
    assert.equal(substituteTokens('«A» «@b» «A»', (t) => (t === 'A' ? `$A${n++}` : '${1:x}'), (t) => t.startsWith('@')), '\\$A0 ${1:x} \\$A1');
  });

  it('missingHelpers follows helpers into helpers, once each, skipping what the place has', () => {
    const bodies: Record<string, string> = { a: 'uses b c', b: 'uses c', c: '' };
    const used = (text: string) => [...text.matchAll(/\b[abc]\b/g)].map((m) => m[0]).filter((n) => text.startsWith('uses') || n !== text);
    assert.deepEqual(missingHelpers('uses a', (t) => used(t).filter((x) => t.includes(` ${x}`)), (n) => bodies[n], () => false), ['a', 'b', 'c']);
    assert.deepEqual(missingHelpers('uses a', (t) => used(t).filter((x) => t.includes(` ${x}`)), (n) => bodies[n], (n) => n === 'b'), ['a', 'c']);
  });
});

describe('completions: labels', () => {
  it('a typed word is analysed only when some label can match it, as VS Code filters', () => {
    for (const word of ['', 'onex', 'onex-he', 'oh', 'ONEX-NODE', 'infra', 'handler']) assert.ok(mayMatchAnItem(word), word);
    for (const word of ['self', 'return', 'async', 'zz', 'onex-healthy']) assert.ok(!mayMatchAnItem(word), word);
  });

  it('knows every label the catalogues have', () => {
    for (const prefix of [...BRIDGE_PATTERNS, ...TS].map((p) => p.prefix)) assert.ok(ITEM_LABELS.includes(prefix), prefix);
  });
});
