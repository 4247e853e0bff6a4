// Loads the contract checks on the first contract.yaml (the extension and the CLI): from the bundles, the
// contract bundle beside them (dist/contract.js, built from ./contract/service.ts); from the sources (tests),
// the module itself. They get the Python side from here, so that there is one tree-sitter parser per process.
import { loadPythonSource } from './contract/python';
import type { ContractService } from './contract/service';
import { resolveEra } from './era';
import type { EngineConfig } from './types';

interface ContractModule {
  createContractService: typeof import('./contract/service').createContractService;
}

let loading: Promise<ContractService> | undefined;

export function getContractService(): Promise<ContractService> {
  loading ??= loadPythonSource().then((python) => {
    // In the bundles this require points at dist/contract.js, a bundle of its own (scripts/build.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('./contract/service') as ContractModule;
    return mod.createContractService(python);
  });
  return loading;
}

/**
 * Whether a package's contract, under this configuration, makes findings in its Python files: the node ↔
 * contract checks run in today's era only (a contract's era is its project's: contract/frontend.ts). A Python
 * file of a bridge-era package then does not load the contract checks.
 */
export function contractChecksPackage(config: EngineConfig): boolean {
  return resolveEra({ setting: config.frameworkTarget, pin: config.projectPin }).era === 'current';
}

/** Whether the contract checks have been loaded in this process. */
export function isContractServiceLoaded(): boolean {
  return loading !== undefined;
}

export type { ContractService };
