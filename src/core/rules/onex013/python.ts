// ONEX013 consul-reference — see ./ONEX013.md. Today's era only.
// Consul is decommissioned in today's framework. Mirrors infra's three checks of it:
//   - the pre-commit hook no-consul-references (pygrep `CONSUL_HOST|consul\.connect\.io` over src/) and the CI
//     step "No Consul references": here every name, string and comment holding CONSUL_HOST or consul.connect.io;
//   - tests/unit/test_no_consul_imports.py (the import graph): every import of the consul library
//     (`consul`, `consul.*`), at any depth.
// Test files are left alone (the hook excludes tests/). No fix: the Consul code has to go, by hand.
import type { PyFile } from '../../python/model';
import { type Node, field } from '../../python/syntax';
import type { RawFinding } from '../../types';
import type { PythonRule } from '../rule';
import { allImports, importedNames } from '../pythonScope';
import { inTestFile, inTodaysEra } from '../todayScope';
import { meta } from './meta';

const MARKERS = ['CONSUL_HOST', 'consul.connect.io'];

const REPLACEMENT = 'discovery is the onex.nodes entry point plus contract.yaml: delete the Consul code and register the package under [project.entry-points."onex.nodes"]';

function consulModule(module: string): boolean {
  return module === 'consul' || module.startsWith('consul.');
}

/** The node naming the imported module in an import statement (`consul.aio` in `from consul.aio import Consul`). */
function moduleNodes(stmt: Node): { module: string; node: Node }[] {
  if (stmt.type === 'import_from_statement') {
    const moduleNode = field(stmt, 'module_name');
    if (!moduleNode || moduleNode.type === 'relative_import') return [];
    return [{ module: moduleNode.text, node: moduleNode }];
  }
  return importedNames(stmt).map((i) => ({ module: i.module, node: i.node.type === 'aliased_import' ? (field(i.node, 'name') ?? i.node) : i.node }));
}

export const onex013: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (!inTodaysEra(file) || inTestFile(file)) return [];
    const findings: RawFinding[] = [];
    if (file.textIncludes('consul')) {
      for (const stmt of allImports(file.root)) {
        for (const { module, node } of moduleNodes(stmt)) {
          if (!consulModule(module)) continue;
          findings.push({
            ruleId: 'ONEX013',
            message: `imports ${module}, the Consul client (python-consul): Consul is decommissioned in today's framework and the library is not installed; ${REPLACEMENT}`,
            span: { start: node.startIndex, end: node.endIndex },
          });
        }
      }
    }
    const present = MARKERS.filter((m) => file.textIncludes(m));
    if (present.length > 0) {
      for (const token of file.root.descendantsOfType(['identifier', 'string_content', 'comment'])) {
        const marker = present.find((m) => token.textMatches((t) => t.includes(m)));
        if (!marker) continue;
        const where = token.type === 'comment' ? 'a comment names' : token.type === 'identifier' ? 'the name' : 'a string names';
        findings.push({
          ruleId: 'ONEX013',
          message: `${where} ${marker}: Consul is decommissioned (infra's no-consul-references, OMN-4857); ${REPLACEMENT}`,
          span: { start: token.startIndex, end: token.endIndex },
        });
      }
    }
    return findings;
  },
};
