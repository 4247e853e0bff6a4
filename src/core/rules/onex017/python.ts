// ONEX017 io-outside-effect — see ./ONEX017.md. Today's era only.
// Mirrors omnibase_core's archetype-purity check (nodes/node_no_io_outside_effects_check_compute, hook
// check-no-io-outside-effects, OMN-14662): only EFFECT nodes may perform I/O. Scoped as the check scopes it:
// the .py files in the same folder as a contract.yaml (not its handlers/ or models/ sub-folders) whose
// archetype (descriptor.node_archetype, else node_type) is not effect. Reported: each import of an I/O
// library and each call opening an I/O surface (../ioSurfaces.ts), unless `# io-ok: <reason>` sits on its
// first or last line or the line above.
// One difference, for precision: the check reads node_type only as a bare archetype (`effect`), so a contract
// in infra's dialect (`node_type: EFFECT_GENERIC`) without a descriptor counts as non-effect there and its
// package is scanned; here EFFECT_GENERIC is an effect (packageFacts.archetype), and a contract naming no
// archetype at all is not judged.
import type { PyFile } from '../../python/model';
import type { Node } from '../../python/syntax';
import type { RawFinding } from '../../types';
import { SURFACE_LABEL, type Surface, callSurface, importSurface, ioOk } from '../ioSurfaces';
import type { PythonRule } from '../rule';
import { allImports, importedNames } from '../pythonScope';
import { besideContract, inTestFile, inTodaysEra } from '../todayScope';
import { field } from '../../python/syntax';
import { meta } from './meta';

function importHit(stmt: Node): { surface: Surface; detail: string } | null {
  if (stmt.type === 'import_from_statement') {
    const module = field(stmt, 'module_name');
    if (!module || module.type === 'relative_import') return null;
    const surface = importSurface(module.text);
    return surface ? { surface, detail: `from ${module.text} import ...` } : null;
  }
  for (const imported of importedNames(stmt)) {
    const surface = importSurface(imported.module);
    if (surface) return { surface, detail: `import ${imported.module}` };
  }
  return null;
}

export const onex017: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    const archetype = file.config.packageFacts?.archetype;
    if (!inTodaysEra(file) || !archetype || archetype === 'effect' || !besideContract(file) || inTestFile(file)) return [];
    const findings: RawFinding[] = [];
    const report = (node: Node, surface: Surface, detail: string) => {
      if (node.hasError || ioOk(file, node)) return;
      findings.push({
        ruleId: 'ONEX017',
        message: `${SURFACE_LABEL[surface]} (${detail}) in ${archetype === 'orchestrator' ? 'an' : 'a'} ${archetype} package: only effect nodes may perform I/O; move it into an effect node ` +
          "and inject adapters and buses through the container (core's check-no-io-outside-effects); `# io-ok: <reason>` marks a proven exception",
        span: { start: node.startIndex, end: node.endIndex },
      });
    };
    for (const stmt of allImports(file.root)) {
      const hit = importHit(stmt);
      if (hit) report(stmt, hit.surface, hit.detail);
    }
    for (const call of file.root.descendantsOfType('call')) {
      const hit = callSurface(file, call);
      if (hit) report(call, hit.surface, hit.detail);
    }
    findings.sort((a, b) => a.span.start - b.span.start);
    return findings;
  },
};
