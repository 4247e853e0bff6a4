// The imports of a Python file, read from its syntax tree, as the era resolver (../era.ts) reads them.
import type { ImportSignal } from '../era';
import { dottedName, field, type Node } from './syntax';

function importedName(node: Node): string | null {
  const name = node.type === 'aliased_import' ? field(node, 'name') : node;
  return dottedName(name) ?? name?.text ?? null;
}

/** Every import statement of the file, at any depth (imports inside functions and `if TYPE_CHECKING:` too). */
export function importsOf(root: Node): ImportSignal[] {
  const out: ImportSignal[] = [];
  for (const statement of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    const line = statement.startPosition.row;
    if (statement.type === 'import_statement') {
      for (const name of statement.childrenForFieldName('name')) {
        const module = importedName(name);
        if (module) out.push({ module, names: [], line });
      }
      continue;
    }
    const moduleNode = field(statement, 'module_name');
    // Relative imports (`from .models import X`) are the project's own: they say nothing about the era.
    if (!moduleNode || moduleNode.type === 'relative_import') continue;
    const module = dottedName(moduleNode) ?? moduleNode.text;
    const names = statement.childrenForFieldName('name').map(importedName).filter((n): n is string => n !== null);
    out.push({ module, names, line });
  }
  return out;
}
