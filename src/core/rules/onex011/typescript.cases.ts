// ONEX011 unknown-error-code in TypeScript files (anywhere in the file).
import type { RuleTable } from '../cases';
import { BROKEN_TAIL, at, nodeModule } from '../typescriptCaseSources';

const unknownCodes = nodeModule({
  members: `
  async process(input: Item): Promise<Item> {
    try {
      return await withRetries(async () => input);
    } catch (error) {
      if (error instanceof OnexError) throw error;
      if (String(error).includes('ECONNREFUSED')) {
        throw new OnexError('network', CoreErrorCode.CONNECTION_ERROR, { cause: error });
      }
      throw new OnexError('failed', onex.EnumCoreErrorCode.EXECUTION_ERROR, { cause: error });
    }
  }
`,
  after: BROKEN_TAIL,
});

const elementAccess = `${nodeModule()}
export const STARTUP_CODE = CoreErrorCode['STARTUP_ERROR'];
export const VALID = CoreErrorCode.SERVICE_START_FAILED;
`;

const noReplacement = 'import { EnumCoreErrorCode } from "@omninode/onex-runtime";\nexport const Z = EnumCoreErrorCode.QUANTUM_FLUX_CAPACITOR_MELTDOWN;\n';

export const ONEX011_TYPESCRIPT_CASES: RuleTable = {
  valid: [
    {
      name: 'real members through an alias and a namespace',
      code: `${nodeModule()}
export const CODES = [CoreErrorCode.NETWORK_ERROR, onex.EnumCoreErrorCode.OPERATION_FAILED, CoreErrorCode.TIMEOUT];
`,
    },
    {
      name: 'a file that declares its own EnumCoreErrorCode',
      code: `export enum EnumCoreErrorCode { CUSTOM_FAILURE = 'CUSTOM_FAILURE' }
export const X = EnumCoreErrorCode.CUSTOM_FAILURE;
`,
    },
    {
      name: 'other enums with the same member names',
      code: `${nodeModule()}
enum LocalCodes { CONNECTION_ERROR = 1 }
export const Y = LocalCodes.CONNECTION_ERROR;
`,
    },
  ],
  invalid: [
    {
      name: 'CONNECTION_ERROR through an alias and EXECUTION_ERROR through a namespace (fixed)',
      code: unknownCodes,
      errors: [
        { ...at(unknownCodes, 'CONNECTION_ERROR'), message: 'CoreErrorCode.CONNECTION_ERROR (EnumCoreErrorCode) does not exist in the framework' },
        { ...at(unknownCodes, 'EXECUTION_ERROR'), message: 'use OPERATION_FAILED' },
      ],
      output: unknownCodes.replace('CoreErrorCode.CONNECTION_ERROR', 'CoreErrorCode.NETWORK_ERROR').replace('EnumCoreErrorCode.EXECUTION_ERROR', 'EnumCoreErrorCode.OPERATION_FAILED'),
    },
    {
      name: 'element access with a string member (fixed)',
      code: elementAccess,
      errors: [{ ...at(elementAccess, 'STARTUP_ERROR'), message: 'use SERVICE_START_FAILED' }],
      output: elementAccess.replace("CoreErrorCode['STARTUP_ERROR']", "CoreErrorCode['SERVICE_START_FAILED']"),
    },
    {
      name: 'a member with no close replacement: reported without a fix',
      code: noReplacement,
      errors: [{ ...at(noReplacement, 'QUANTUM_FLUX'), message: 'does not exist in the framework' }],
      output: noReplacement,
    },
  ],
};
