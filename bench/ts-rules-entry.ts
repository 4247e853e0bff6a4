// The TypeScript front end's pieces, for the benchmark's per-rule timing (bench/profile.mjs): the model
// builder and the rules, run over a standalone parse of the file.
export { buildTsFile } from '../src/core/typescript/model';
export { parseStandalone } from '../src/core/typescript/parse';
export { TYPESCRIPT_RULES } from '../src/core/rules/typescript';
