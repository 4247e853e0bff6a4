// The checked-in schemas are what the generator writes from the framework environments now: a
// framework upgrade (or an edit of the generator) without regenerating them fails here.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractSchema } from '../../src/core/contract/schema';
import { frameworkAvailable, runFramework, type FrameworkEra } from '../helpers/framework';

const ROOT = join(__dirname, '..', '..');
const GENERATOR = join(ROOT, 'scripts', 'contract-schema', 'generate.py');

for (const era of ['today', 'bridge'] as FrameworkEra[]) {
  describe(`contract schema (${era}): generated from the framework, checked in`, function () {
    this.timeout(120_000);

    it(`src/core/contract/schema/${era}.json is what scripts/contract-schema/generate.py writes in the ${era} environment`, () => {
      frameworkAvailable(era);
      const r = runFramework(era, ['python', GENERATOR], { cwd: ROOT });
      assert.equal(r.status, 0, r.stderr);
      const checkedIn = readFileSync(join(ROOT, 'src', 'core', 'contract', 'schema', `${era}.json`), 'utf8');
      assert.equal(checkedIn, r.stdout, `stale: regenerate with \`node scripts/python-env/runner.cjs ${era} python scripts/contract-schema/generate.py > src/core/contract/schema/${era}.json\``);
    });

    it('records the framework versions it came from', () => {
      const schema = contractSchema(era);
      const from = schema['x-onex'].generatedFrom;
      assert.match(from['omnibase-core'], era === 'today' ? /^0\.46\./ : /^0\.1\./);
      assert.equal(schema['x-onex'].era, era);
      if (era === 'today') assert.match(from['omnibase-infra'], /^0\.38\./);
    });
  });
}
