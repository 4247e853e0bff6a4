// Rules that look for calls by their callee's name start from the names, not from every call: the
// calls found that way must be exactly the calls of that name.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../../src/core/engine';
import { buildPyFile } from '../../src/core/python/model';
import { getPythonParser, parsePython } from '../../src/core/python/parser';
import { callInfo } from '../../src/core/python/syntax';
import { callsNamedInNodeClasses, nodesInNodeClasses } from '../../src/core/rules/pythonNodeClasses';

const FIXTURES = join(__dirname, '..', 'fixtures', 'python');
const NESTED = [
  'class NodeBusEffect(NodeEffect):',
  '    async def run(self, publish):',
  '        publish(x).publish(y)',
  '        self.kafka.publish(self.bus.publish_with_envelope(e))',
  '        (self.kafka.send)(value)',
  '        self.kafka . send (value)',
  '        send = self.kafka.send',
  '',
].join('\n');

describe('calls found by their callee name', () => {
  it('are the calls of the node classes whose callInfo name is one of the names, in document order', async () => {
    const parser = await getPythonParser();
    const sources = [NESTED, ...readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).map((f) => readFileSync(join(FIXTURES, f), 'utf8'))];
    const nameSets = [new Set(['publish', 'send', 'publish_with_envelope']), new Set(['publish_with_envelope']), new Set(['get_service', 'time'])];
    let found = 0;
    for (const source of sources) {
      const tree = parsePython(parser, source);
      const file = buildPyFile(source, tree, resolveConfig({}));
      for (const names of nameSets) {
        const expected = nodesInNodeClasses(file, new Set(['call'])).filter(({ node }) => names.has(callInfo(node)?.name ?? ''));
        const actual = callsNamedInNodeClasses(file, names);
        assert.deepEqual(actual.map(({ cls, node }) => `${cls.name}:${node.id}`), expected.map(({ cls, node }) => `${cls.name}:${node.id}`), [...names].join());
        found += actual.length;
      }
      tree.delete();
    }
    assert.ok(found > 20, `only ${found} calls found`);
  });
});
