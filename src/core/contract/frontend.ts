// contract.yaml as one more front end of the engine (../frontend.ts): the engine's analyzeWith, fixesWith
// and fixAllWith run the contract checks as they run the Python and TypeScript rules, and apply the same
// severities, `# onex: ignore[...]` comments and fix checks. The contract's era is its package's (rules.md
// "Eras": an explicit setting, the project's pin, today; a contract has no imports of its own).
import { basename, dirname } from 'node:path';
import { NO_COMPLETIONS, type CompletionResult } from '../completions/types';
import { resolveEra, type EraDecision } from '../era';
import type { FrontEnd, FrontEndAnalysis, ProductionClass } from '../frontend';
import type { EngineConfig, Finding, Fix, RawFinding } from '../types';
import { checkContractRaw, type ContractCheckOptions } from './check';
import { parseContract } from './document';
import { contractFixes } from './fixes';
import { isContractRuleId } from './meta';
import { defaultSeverityOf } from '../rules/meta';
import { checkPackageRaw, type PackageReader } from './package';
import type { PythonSource } from './python';
import { producerOf } from './rules';
import type { ContractEra } from './schema';

/** The era a contract is judged in: its package's (an explicit setting, else the project's pin, else today). */
export function contractEraOf(config: EngineConfig): { era: ContractEra; decision: EraDecision } {
  const decision = resolveEra({ setting: config.frameworkTarget, pin: config.projectPin });
  return { era: decision.era === 'bridge' ? 'bridge' : 'today', decision };
}

function optionsFor(config: EngineConfig, era: ContractEra): ContractCheckOptions {
  return { era, severities: config.rules };
}

/**
 * The findings in other files, less those another rule reports in the same place: a bound handler without
 * handle() is also today's canonical-handler rule's finding (ONEX019, from the handler's own analysis, at the
 * weight of the CI gate it mirrors), so ONEX030 steps aside unless ONEX019 is switched off. (The contract
 * checks themselves keep reporting it: they are compared with the framework's handler_dispatch_entrypoint.)
 */
function withoutDuplicates(found: ReadonlyMap<string, Finding[]>, config: EngineConfig): Record<string, Finding[]> | undefined {
  const canonicalRuleOn = (config.rules.ONEX019 ?? defaultSeverityOf('ONEX019')) !== 'off';
  const kept = [...found].map(([path, list]) => [path, list.filter((f) => !(f.ruleId === 'ONEX030' && canonicalRuleOn))] as const)
    .filter(([, list]) => list.length > 0);
  return kept.length ? Object.fromEntries(kept) : undefined;
}

/**
 * The contract front end. `fileName` is the contract's absolute path: the package beside it is read through
 * `reader` (the extension's reader answers from open documents first). Without a path only the file itself
 * is checked.
 */
export class ContractFrontEnd implements FrontEnd {
  readonly language = 'contract' as const;

  constructor(readonly reader: PackageReader, private readonly python: PythonSource) {}

  findRaw(text: string, config: EngineConfig, fileName?: string): FrontEndAnalysis {
    const started = performance.now();
    const { era, decision } = contractEraOf(config);
    const options = optionsFor(config, era);
    let raw: RawFinding[];
    let doc;
    let otherFiles: Record<string, Finding[]> | undefined;
    if (fileName) {
      const result = checkPackageRaw(fileName, text, options, this.reader, this.python);
      raw = result.raw;
      doc = result.check.doc;
      otherFiles = withoutDuplicates(result.otherFiles, config);
    } else {
      const check = checkContractRaw(text, options);
      raw = check.raw;
      doc = check.doc;
    }
    const ms = performance.now() - started;
    return {
      raw, comments: doc.comments, syntaxErrors: doc.errors.length, parseMs: 0, rulesMs: ms, outOfTime: false, era: decision, otherFiles,
    };
  }

  fixes(text: string, finding: RawFinding, config: EngineConfig, fileName?: string): Fix[] {
    if (!isContractRuleId(finding.ruleId)) return [];
    const { era } = contractEraOf(config);
    // What the fixes derive values from: node.py's kind, the package's name, the project's topic producer.
    let nodeKind: string | null = null;
    let producer: string | null = null;
    if (fileName) {
      const result = checkPackageRaw(fileName, text, optionsFor(config, era), this.reader, this.python);
      nodeKind = result.nodeKind;
      producer = result.check.context?.producer ?? null;
    } else {
      const root = parseContract(text).root;
      producer = root ? producerOf(root) : null;
    }
    const packageName = fileName ? basename(dirname(fileName)) : null;
    return contractFixes(text, { ruleId: finding.ruleId, span: finding.span, data: finding.data as never }, { era, nodeKind, packageName, producer });
  }

  syntaxErrorCount(text: string): number {
    return parseContract(text).errors.length;
  }

  /** No ONEX snippets in a contract: its keys and values are completed from the schema (service.ts's completions). */
  completions(): CompletionResult {
    return NO_COMPLETIONS;
  }

  /** A contract has no classes to make production-ready. */
  productionClasses(): ProductionClass[] {
    return [];
  }
}
