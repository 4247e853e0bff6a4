// The VS Code snippet expander the completion tests accept items with (./snippetExpander.ts): written
// from VS Code's snippet grammar, independent of the core's own handling of snippet text.
import { strict as assert } from 'node:assert';
import { applyTransform, expandSnippet, indentInserted } from './snippetExpander';

describe('scaffold: snippet expander (VS Code snippet syntax)', () => {
  it('expands tab stops, placeholders, mirrors and choices with their defaults', () => {
    assert.equal(expandSnippet('a ${1:x} b $1 c ${2|p,q|} d ${2} $0'), 'a x b x c p d p ');
    assert.equal(expandSnippet('${1:outer ${2:inner}} $2'), 'outer inner inner');
    assert.equal(expandSnippet('$1 then ${1:late}'), 'late then late', 'the first placeholder with a value defines a mirror before it');
    assert.equal(expandSnippet('${1:x}', { values: { 1: 'typed' } }), 'typed');
  });

  it('expands variables, unknown ones to their name, with defaults', () => {
    assert.equal(expandSnippet('$TM_FILENAME_BASE ${TM_FILENAME_BASE} ${UNKNOWN_VAR} ${EMPTY:fallback}', {
      variables: { TM_FILENAME_BASE: 'node', EMPTY: '' },
    }), 'node node UNKNOWN_VAR fallback');
  });

  it('applies transforms with case shorthands and conditionals', () => {
    assert.equal(expandSnippet('${1:payment_gateway} ${1/(.*)/${1:/pascalcase}/}'), 'payment_gateway PaymentGateway');
    assert.equal(expandSnippet('${1:Effect} ${1/(.*)/${1:/downcase}/} ${1/(.*)/${1:/upcase}/}'), 'Effect effect EFFECT');
    assert.equal(expandSnippet('${1:my_node} ${1/(.*)/${1:/camelcase}/} ${1/(.*)/${1:/capitalize}/}'), 'my_node myNode My_node');
    assert.equal(applyTransform('abc', { regex: '(x)?', flags: '', format: [{ group: 1, ifValue: 'yes', elseValue: 'no' }] }), 'noabc');
    assert.equal(expandSnippet('${1:a-b} ${1/-/_/g}'), 'a-b a_b');
    assert.equal(expandSnippet('${TM_FILENAME/(.*)\\.py/${1:/upcase}/}', { variables: { TM_FILENAME: 'node.py' } }), 'NODE');
  });

  it('honours escapes and keeps text that starts nothing as text', () => {
    assert.equal(expandSnippet('\\$1 \\} \\\\ ${1:a\\}b} $ 5 {x} }'), '$1 } \\ a}b $ 5 {x} }');
    assert.equal(expandSnippet('${1|a\\,b,c\\|d|}'), 'a,b');
    assert.equal(expandSnippet('${1:unclosed'), '${1:unclosed', 'an unclosed placeholder is text');
  });

  it('indents inserted lines as VS Code does (tabs become the indentation unit)', () => {
    assert.equal(indentInserted('a\n\tb\n\n\t\tc', '    '), 'a\n        b\n\n            c');
  });
});
