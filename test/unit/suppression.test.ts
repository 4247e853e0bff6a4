import { strict as assert } from 'node:assert';
import { isSuppressed, readSuppressions } from '../../src/core/suppression';

describe('suppression comments', () => {
  it('silences the listed rules on the comment line only', () => {
    const s = readSuppressions([{ body: ' onex: ignore[ONEX003, onex004]', line: 4 }]);
    assert.ok(isSuppressed(s, 'ONEX003', 4));
    assert.ok(isSuppressed(s, 'ONEX004', 4));
    assert.ok(!isSuppressed(s, 'ONEX005', 4));
    assert.ok(!isSuppressed(s, 'ONEX003', 5));
  });

  it('without a list silences every rule on the line', () => {
    const s = readSuppressions([{ body: ' onex: ignore', line: 2 }]);
    assert.ok(isSuppressed(s, 'ONEX011', 2));
    assert.ok(!isSuppressed(s, 'ONEX011', 3));
  });

  it('ignore-file applies to the whole file, wherever the comment is', () => {
    const s = readSuppressions([{ body: ' onex: ignore-file[ONEX002]', line: 120 }]);
    assert.ok(isSuppressed(s, 'ONEX002', 0));
    assert.ok(isSuppressed(s, 'ONEX002', 500));
    assert.ok(!isSuppressed(s, 'ONEX001', 0));
  });

  it('accepts other text before the directive and ignores malformed ones', () => {
    const s = readSuppressions([
      { body: ' noqa: E501  onex: ignore[ONEX010]', line: 1 },
      { body: ' onex: ignored[ONEX001]', line: 2 },
      { body: ' see onex docs', line: 3 },
    ]);
    assert.ok(isSuppressed(s, 'ONEX010', 1));
    assert.ok(!isSuppressed(s, 'ONEX001', 2));
    assert.equal(s.lines.size, 1);
  });

  it('merges several directives for one line and unknown ids are dropped', () => {
    const s = readSuppressions([
      { body: ' onex: ignore[ONEX001]', line: 7 },
      { body: ' onex: ignore[ONEX002, ONEX999]', line: 7 },
    ]);
    assert.ok(isSuppressed(s, 'ONEX001', 7) && isSuppressed(s, 'ONEX002', 7));
    assert.ok(!isSuppressed(s, 'ONEX003', 7));
  });
});
