// What a scaffolded TypeScript node needs from the folder it is created in, decided the same way
// by the CLI (from --out) and the editor (from the folder chosen):
//   - its runtime module: the configured module when it resolves from the folder as TypeScript
//     would resolve it (src/core/moduleResolution.ts), else the small runtime module the plan
//     writes next to the node (typescript/runtime.ts);
//   - a tsconfig.json: none when one already governs the folder, else the plan writes one in the
//     node's folder, so the node type-checks with `tsc --strict` and in the editor.
import { nearestTsconfig, resolveModuleFrom, type ResolutionHost } from '../moduleResolution';

export const DEFAULT_RUNTIME_MODULE = '@omninode/onex-runtime';

export interface TypeScriptTarget {
  runtimeModule: string;
  runtimeResolves: boolean;
  tsconfigFound: boolean;
}

/** The scaffold options (runtimeModule, runtimeResolves, tsconfigFound) of a TypeScript node created in `folder`. */
export async function typeScriptTargetFor(folder: string, runtimeModule?: string, host?: ResolutionHost): Promise<TypeScriptTarget> {
  const module = runtimeModule?.trim() || DEFAULT_RUNTIME_MODULE;
  const [resolved, tsconfig] = await Promise.all([resolveModuleFrom(module, folder, host), nearestTsconfig(folder, host)]);
  return { runtimeModule: module, runtimeResolves: resolved !== null, tsconfigFound: tsconfig !== null };
}
