// contract.yaml checked with its package, warm, next to the bare `yaml` parse of the same text in the same
// process (issue 20: at most 2×). The package is generated (bench/gen/contract.mjs: a contract of about 300
// lines naming 60 Python files); the check reads it through the cached reader the extension and the CLI use,
// so a warm check parses only the contract. Every run gets a fresh copy of the text (another trailing comment).
// Usage: node bench/contract.mjs OUT.json [--quick]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BUILD, CORPUS, flatVariant, requireFromRoot, writeJson } from './lib/common.mjs';
import { measureCases, round } from './lib/stats.mjs';
import { generateContractPackage } from './gen/contract.mjs';

const outPath = process.argv[2];
const quick = process.argv.includes('--quick');
const log = (m) => process.stderr.write(`  ${m}\n`);

const bundle = requireFromRoot(join(BUILD, 'contract.js'));
const LINES = 300;

const root = join(CORPUS, 'contract');
rmSync(root, { recursive: true, force: true });
const pkg = generateContractPackage(LINES);
for (const [path, text] of Object.entries(pkg.files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
const contract = join(root, pkg.contract);
const text = pkg.files[pkg.contract];

const service = bundle.createContractService(await bundle.loadPythonSource());
const frontEnd = service.frontEnd(service.cachedReader(service.diskReader));
const config = bundle.resolveConfig({ timeBudgetMs: 600_000 });
const first = bundle.analyzeWith(frontEnd, text, config, contract);

const variant = (k) => flatVariant(text, `# run ${k}\n`);
const m = measureCases([
  { id: 'check', prepare: variant, run: (t) => bundle.analyzeWith(frontEnd, t, config, contract) },
  { id: 'yaml', prepare: variant, run: (t) => bundle.parseDocument(t) },
  { id: 'fileOnly', prepare: variant, run: (t) => bundle.analyzeWith(frontEnd, t, config) },
], { budgetMs: quick ? 1500 : 5000, maxRuns: 400, minRuns: 20 });

const result = {
  date: new Date().toISOString(),
  lines: text.split('\n').length - 1,
  bytes: Buffer.byteLength(text),
  packageFiles: Object.keys(pkg.files).length,
  operations: pkg.operations,
  findings: first.findings.length + Object.values(first.otherFiles ?? {}).flat().length,
  check: { ...m.check, results: undefined },
  yaml: { ...m.yaml, results: undefined },
  fileOnly: { ...m.fileOnly, results: undefined },
  ratio: round(m.check.medianMs / m.yaml.medianMs, 2),
};
log(`contract.yaml ${result.lines} lines with ${result.packageFiles} package files: check ${result.check.medianMs} ms, yaml parse ${result.yaml.medianMs} ms (${result.ratio}×), the file alone ${result.fileOnly.medianMs} ms; ${result.findings} findings`);
writeJson(outPath, result);
