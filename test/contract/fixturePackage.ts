// A complete EFFECT node package in today's form (current-era.md §2.4, verified there against every
// loader and gate), written to a temporary folder the framework environment can import from. The
// package is called `omnimarket`, a producer infra's topic linter knows, so the topics are clean
// under both topic checks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ContractCheckOptions } from '../../src/core/contract/check';
import { checkContractPackage, diskReader, type PackageCheckResult, type PackageReader } from '../../src/core/contract/package';
import { loadPythonSource } from '../../src/core/contract/python';
import { tempFolder } from '../helpers/temp';
import { CONTRACT, CONTRACT_PATH, HANDLER_PY, NODE, NODE_PY, PACKAGE, edit, packageFiles, type PackageFiles } from './fixtureTexts';

export { CONTRACT, CONTRACT_PATH, HANDLER_PY, NODE, NODE_PY, PACKAGE, edit, type PackageFiles };

/** Writes the package under a fresh folder; returns the contract's path. */
export function writePackage(base: string, files: PackageFiles = {}): string {
  for (const [path, text] of Object.entries(packageFiles(files))) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  return join(base, CONTRACT_PATH);
}

/** A temporary folder under /tmp (the framework environment sees /tmp), removed at exit. */
export function tempRoot(prefix: string): string {
  return tempFolder(prefix, tmpdir().startsWith('/tmp') ? tmpdir() : '/tmp');
}


/** checkContractPackage over the project's Python parser (the host's PythonSource), reading from disk by default. */
export async function checkPackage(path: string, text: string, options: ContractCheckOptions, reader: PackageReader = diskReader): Promise<PackageCheckResult> {
  return checkContractPackage(path, text, options, reader, await loadPythonSource());
}
