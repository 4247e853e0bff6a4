// The fuzz test (issue 8): seeded, bounded in time. Mutants of the example node and of the corpus
// (tree-sitter tokens deleted, duplicated, swapped or inserted; lines cut, deleted or duplicated;
// indentation broken; files truncated or cut to a window of lines). For every mutant, analysis
// returns without throwing within the budget, and every fix it offers (for a sample of its findings)
// has sane edits, keeps the bytes outside them and parses no worse than the mutant; on mutants
// python3 compiles, the full fix invariants hold and python3 compiles every fix's output. Fixes the
// engine refused are counted and printed (rule bugs worth reporting), not failed. Half the mutants are analysed
// as files of a bridge-era project (the class-level rules apply there). On a sample of the mutants python3
// compiles, every node class is constructed before and after each fix, in the real framework of the mutant's
// era (./behaviour.ts): a fix after which a constructor that worked raises fails the run (issue 19).
//
//   ONEX_FUZZ_SECONDS=600    run longer (default 20 s)
//   ONEX_FUZZ_SEED=n         another run (default 20251126); mutant i of a seed is always the same
//   ONEX_FUZZ_ONLY=i         only mutant i (to reproduce a failure)
//   ONEX_FUZZ_RECORD=1       write each distinct failure, minimised, to test/fixtures/regressions/
//                            (then read them: a case may need its description edited into a bug report)
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/core/types';
import {
  type Mutant, type PythonFrontEnd, type RegressionCase, REGRESSIONS_DIR, Rng, ROBUST_CONFIG, analyzeWith, checkText, corpusSources,
  makeMutant, pythonFrontEnd, resolveConfig, REPO,
} from './support';
import { type ConstructJob, behaviourViolations, constructAll, constructedClasses } from './behaviour';
import { readFileSync, readdirSync } from 'node:fs';
import { BRIDGE_PROJECT } from '../../src/core/rules/cases';

const SECONDS = Number(process.env.ONEX_FUZZ_SECONDS ?? 20);
const BASE_SEED = Number(process.env.ONEX_FUZZ_SEED ?? 20251126);
const ONLY = process.env.ONEX_FUZZ_ONLY === undefined ? null : Number(process.env.ONEX_FUZZ_ONLY);
const RECORD = process.env.ONEX_FUZZ_RECORD === '1';
/** Findings whose fixes are checked per mutant (all findings are analysed). */
const FIXES_PER_MUTANT = 3;
/** Mutants whose classes are constructed before and after their fixes (the rest get the other checks only). */
const CONSTRUCTED_MUTANTS = Number(process.env.ONEX_FUZZ_CONSTRUCTED ?? 60);
const BRIDGE_CONFIG = resolveConfig({ ...ROBUST_CONFIG, ...BRIDGE_PROJECT });

/** The long files written to construct on the real framework (behaviour_*.py, today's handlers): mutated too. */
function constructibleSources(): { rel: string; text: string }[] {
  const dir = join(REPO, 'test', 'fixtures', 'python');
  return readdirSync(dir).filter((f) => /^(behaviour_|today_handler_)\w+\.py$/.test(f)).sort()
    .map((f) => ({ rel: `test/fixtures/python/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

interface Failure {
  mutant: Mutant;
  violations: string[];
}

/** A violation without its numbers: two failures with the same signature are the same bug. */
function signature(violation: string): string {
  return violation.replace(/\(finding at [^)]*\)/g, '').replace(/\d+(\.\d+)?/g, 'N').replace(/"[^"]*"$/, '').slice(0, 160);
}

/** Line-wise, then character-wise delta debugging: the smallest text that still shows `sig`. */
function minimise(fe: PythonFrontEnd, text: string, sig: string, budgetMs: number): string {
  const deadline = performance.now() + budgetMs;
  const fails = (t: string) => checkText(fe, t).violations.some((v) => signature(v) === sig);
  const shrink = (units: string[], join: string): string[] => {
    let current = units;
    let chunk = Math.max(1, Math.floor(current.length / 2));
    while (chunk >= 1 && performance.now() < deadline) {
      let removed = false;
      for (let i = 0; i + chunk <= current.length && performance.now() < deadline; ) {
        const candidate = [...current.slice(0, i), ...current.slice(i + chunk)];
        if (candidate.length > 0 && fails(candidate.join(join))) {
          current = candidate;
          removed = true;
        } else {
          i += chunk;
        }
      }
      if (!removed) chunk = Math.floor(chunk / 2);
    }
    return current;
  };
  const lines = shrink(text.split(/(?<=\n)/), '');
  return lines.join('');
}

function record(fe: PythonFrontEnd, failure: Failure, sig: string): string {
  const minimal = minimise(fe, failure.mutant.text, sig, 20_000);
  const violation = failure.violations.find((v) => signature(v) === sig) ?? sig;
  const rule = /^(ONEX\d{3})\b/.exec(violation)?.[1];
  const kind = sig.startsWith('hang') ? 'hang' : sig.startsWith('crash') ? 'crash' : /python3/.test(sig) ? 'py-compile' : 'invariant';
  const fix = /fix "([^"]+)"/.exec(violation)?.[1];
  const id = `fuzz-${BASE_SEED}-${failure.mutant.index}-${(rule ?? 'engine').toLowerCase()}${fix ? `-${fix}` : ''}`;
  const entry: RegressionCase = {
    id,
    origin: 'fuzz',
    kind,
    ...(rule ? { rule: rule as RegressionCase['rule'] } : {}),
    description: violation,
    provenance: { seed: BASE_SEED, mutant: failure.mutant.index, mutantSeed: failure.mutant.seed, source: failure.mutant.source, mutations: failure.mutant.notes },
    text: minimal,
  };
  mkdirSync(REGRESSIONS_DIR, { recursive: true });
  writeFileSync(join(REGRESSIONS_DIR, `${id}.json`), JSON.stringify(entry, null, 2) + '\n');
  return id;
}

describe('robustness: fuzz (seeded, bounded in time)', function () {
  this.timeout(SECONDS * 1000 + 240_000);

  it(`mutants of the example node and the corpus: no throw, within budget, fixes parse no worse (${SECONDS} s, seed ${BASE_SEED})`, async () => {
    const fe = await pythonFrontEnd();
    const sources = [...corpusSources(), ...constructibleSources()];
    assert.ok(sources.length > 0, 'there are node files to mutate');
    // Mutants whose node classes are constructed before and after their fixes, batched per era at the end.
    const constructed: { mutant: Mutant; id: string; outputs: { id: string; label: string }[] }[] = [];
    const jobs: ConstructJob[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    const failures: Failure[] = [];
    const refusedByRule = new Map<string, { count: number; cleanInput: number; example: string }>();
    let mutants = 0;
    let cleanMutants = 0;
    let compiling = 0;
    let findings = 0;
    let fixes = 0;
    let slowest = 0;

    for (let index = ONLY ?? 0; ONLY !== null ? index === ONLY : performance.now() < deadline; index++) {
      const mutant = makeMutant(fe, sources, BASE_SEED, index);
      const pick = new Rng(mutant.seed ^ 0x5bd1e995);
      const sample = (all: Finding[]) => {
        const pool = [...all];
        const out: Finding[] = [];
        while (pool.length > 0 && out.length < FIXES_PER_MUTANT) out.push(pool.splice(pick.int(pool.length), 1)[0]);
        return out;
      };
      const config = index % 2 === 1 ? BRIDGE_CONFIG : undefined;
      const check = checkText(fe, mutant.text, { sample, config });
      mutants++;
      if (check.compiles && check.outputs.length > 0 && constructed.length < CONSTRUCTED_MUTANTS) {
        const analysis = analyzeWith(fe, mutant.text, config ?? ROBUST_CONFIG);
        const classes = constructedClasses(analysis);
        if (classes.length > 0 && analysis.era) {
          const id = `m${index}`;
          const outputs = check.outputs.map((o, k) => ({ id: `${id}.${k}`, label: o.label }));
          jobs.push({ id, era: analysis.era.era, text: mutant.text, classes });
          check.outputs.forEach((o, k) => jobs.push({ id: `${id}.${k}`, era: analysis.era!.era, text: o.text, classes }));
          constructed.push({ mutant, id, outputs });
        }
      }
      findings += check.findings;
      fixes += check.fixes;
      slowest = Math.max(slowest, check.analysisMs);
      if (check.syntaxErrors === 0) cleanMutants++;
      if (check.compiles) compiling++;
      for (const r of check.refusals) {
        const entry = refusedByRule.get(r.rule) ?? { count: 0, cleanInput: 0, example: `mutant ${index}: ${r.reason}` };
        entry.count++;
        if (check.compiles) entry.cleanInput++;
        refusedByRule.set(r.rule, entry);
      }
      if (check.violations.length > 0) failures.push({ mutant, violations: check.violations });
    }

    // The behaviour invariant, one framework process per era for all the sampled mutants.
    const results = constructAll(jobs);
    let working = 0;
    for (const c of constructed) {
      const before = results.get(c.id)!;
      working += Object.values(before.classes).filter((x) => x.ok).length;
      const violations = c.outputs.flatMap((o) => behaviourViolations(before, results.get(o.id)!).map((v) => `behaviour: ${o.label}: ${v}`));
      if (violations.length > 0) failures.push({ mutant: c.mutant, violations });
    }
    console.log(`      behaviour: ${constructed.length} mutants constructed before and after ${jobs.length - constructed.length} fixes, ${working} constructors that worked`);

    const refusals = [...refusedByRule].map(([rule, r]) => `${rule} ×${r.count} (${r.cleanInput} on code python3 compiles), e.g. ${r.example.slice(0, 200)}`);
    console.log(`      fuzz: ${mutants} mutants (${cleanMutants} parse cleanly, ${compiling} of those with findings compile), ${findings} findings, ${fixes} fixes checked, slowest analysis ${slowest.toFixed(0)} ms, ${failures.length} failing`);
    if (refusals.length > 0) console.log(`      fixes the engine refused:\n        ${refusals.join('\n        ')}`);

    const seen = new Map<string, Failure>();
    for (const f of failures) for (const v of f.violations) if (!seen.has(signature(v))) seen.set(signature(v), f);
    if (RECORD) for (const [sig, f] of seen) console.log(`      recorded ${record(fe, f, sig)}`);

    if (ONLY === null) assert.ok(mutants >= 20, `only ${mutants} mutants in ${SECONDS} s`);
    const report = [...seen].slice(0, 8).map(([sig, f]) =>
      `mutant ${f.mutant.index} of seed ${BASE_SEED} (${f.mutant.source}; ${f.mutant.notes.join('; ')}): ${f.violations.find((v) => signature(v) === sig)}`
      + `\n    reproduce: ONEX_FUZZ_SEED=${BASE_SEED} ONEX_FUZZ_ONLY=${f.mutant.index} npx mocha test/robustness/fuzz.test.ts`);
    assert.equal(failures.length, 0, `${failures.length} failing mutants, ${seen.size} distinct problems:\n${report.join('\n')}`);
  });
});
