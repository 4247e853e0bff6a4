// The contract checks as the CLI and the extension use them: the entry point of the contract bundle
// (dist/contract.js), which the host loads on the first contract.yaml it meets (../contracts.ts), so that
// activation and Python files do not pay for the yaml package, the schemas and the rules. The host hands it
// the Python side (its tree-sitter parser) rather than letting this bundle load a second one.
import type { EngineConfig } from '../types';
import { contractCompletions, contractHover, type ContractCompletionItem, type ContractHover } from './complete';
import { ContractFrontEnd, contractEraOf } from './frontend';
import { CachedReader, diskReader, overlayReader, type PackageReader } from './package';
import type { PythonSource } from './python';

export interface ContractService {
  /** The front end over a reader of the workspace (the engine's analyzeWith, fixesWith and fixAllWith take it). */
  frontEnd(reader: PackageReader): ContractFrontEnd;
  /** Completion items at `offset`, from the schema of the contract's era. */
  completions(text: string, offset: number, config: EngineConfig): ContractCompletionItem[];
  hover(text: string, offset: number, config: EngineConfig): ContractHover | null;
  /** A reader of the disk that keeps what it read until told a file changed. */
  cachedReader(inner?: PackageReader): CachedReader;
  overlayReader(texts: (path: string) => string | undefined, inner: PackageReader): PackageReader;
  readonly diskReader: PackageReader;
}

export function createContractService(python: PythonSource): ContractService {
  return {
    frontEnd: (reader) => new ContractFrontEnd(reader, python),
    completions: (text, offset, config) => contractCompletions(text, offset, contractEraOf(config).era),
    hover: (text, offset, config) => contractHover(text, offset, contractEraOf(config).era),
    cachedReader: (inner) => new CachedReader(inner),
    overlayReader,
    diskReader,
  };
}

export type { ContractCompletionItem, ContractHover, PackageReader, CachedReader, ContractFrontEnd };
