import { strict as assert } from 'node:assert';
import { LineIndex, adaptBlock, applyEdits, detectEol, indentationAt } from '../../src/core/text';

describe('text utilities', () => {
  it('maps offsets and positions over LF, CRLF and lone CR line endings', () => {
    const text = 'ab\r\ncd\nef\rg';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
    assert.equal(idx.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(idx.lineEnd(0), 2);
    assert.deepEqual(idx.positionAt(999), { line: 3, character: 1 });
  });

  it('counts columns in UTF-16 code units, as VS Code does', () => {
    const idx = new LineIndex('x = "😀"\ny');
    assert.deepEqual(idx.positionAt(8), { line: 0, character: 8 });
  });

  it('detects the dominant line ending', () => {
    assert.equal(detectEol('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectEol('a\nb'), '\n');
    assert.equal(detectEol('abc'), '\n');
  });

  it('adapts a 4-space block to tabs and CRLF, leaving blank lines empty', () => {
    assert.equal(adaptBlock('if x:\n    y()\n\nz()', '\t', '\t', '\r\n'), '\tif x:\r\n\t\ty()\r\n\r\n\tz()');
    assert.equal(indentationAt('a\n  \tb', 5), '  \t');
  });

  it('applies edits in any order and rejects overlapping ones', () => {
    assert.equal(applyEdits('hello world', [{ start: 6, end: 11, newText: 'there' }, { start: 0, end: 0, newText: '> ' }]), '> hello there');
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), /overlapping/);
  });
});
