// What the contract benchmark (bench/contract.mjs) needs, bundled by bench/run.mjs with the product's
// esbuild settings: the contract checks as dist/contract.js has them, the host's Python side and engine,
// and the yaml package the contract is parsed with (for the bare parse it is compared to).
export { analyzeWith, resolveConfig } from '../src/core/engine';
export { createContractService } from '../src/core/contract/service';
export { loadPythonSource } from '../src/core/contract/python';
export { parseDocument } from 'yaml';
