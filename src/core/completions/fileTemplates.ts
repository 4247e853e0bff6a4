// When an empty file gets the whole-node templates, for both languages: a file named node.py or
// node.ts, or a new module beside its package's contract.yaml (the package the file starts).
import { basename, dirname } from 'node:path';
import type { NodeKind } from '../scaffold/naming';
import type { EngineConfig } from '../types';

/** The kinds, in the order items list them (effect first, as the scaffold's default). */
export const KIND_ORDER: readonly NodeKind[] = ['effect', 'compute', 'reducer', 'orchestrator'];

/** Whether an empty file gets the whole-node templates: it is a node.py, or it sits beside its package's contract.yaml. */
export function wantsFileTemplate(fileName: string | undefined, config: EngineConfig): boolean {
  if (!fileName) return false;
  const name = basename(fileName);
  if (name === 'node.py' || name === 'node.ts') return true;
  const contract = config.packageFacts?.contract;
  return !!contract && dirname(contract) === dirname(fileName) && name !== '__init__.py' && name !== 'index.ts';
}

/** The node's name: its package folder (above a bridge-era `v1_0_0/`), snake_case, when that makes a Python identifier. */
export function nodeNameOf(fileName: string | undefined): string {
  if (!fileName) return 'my_node';
  const parts = fileName.split(/[\\/]/);
  let folder = parts[parts.length - 2] ?? '';
  if (/^v\d+_\d+_\d+$/.test(folder)) folder = parts[parts.length - 3] ?? '';
  const name = folder.toLowerCase().replace(/-/g, '_');
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : 'my_node';
}
