// Checks one contract.yaml text: YAML syntax, the era's schema, and the rules beside it. Pure:
// text and options in, findings out (the package checks in package.ts add what needs other files).
import { isSuppressed, readSuppressions } from '../suppression';
import { compareFindings, type Range, type RelatedInformation, type Severity, type Span } from '../types';
import { isMapNode, keySpan, pairOf, parseContract, stringOf, valueOf, type ContractDocument, type YNode } from './document';
import { defaultSeverityOf, type ContractRuleId } from './meta';
import {
  conventions, mixedCategories, producerOf, publishedTopics, routingEntries, runtimeProfiles, topicNames, unknownKeys,
  type ContractFixData, type ContractRawFinding, type RuleContext,
} from './rules';
import { contractSchema, type ContractEra, type ContractSchema } from './schema';
import { SchemaValidator, type SchemaProblem } from './validate';

export interface ContractFinding extends ContractRawFinding {
  range: Range;
  severity: Exclude<Severity, 'off'>;
  related?: RelatedInformation[];
}

export interface ContractCheckOptions {
  era: ContractEra;
  /** A node.py beside the file: then it is a contract even without node_type. */
  nextToNode?: boolean;
  /**
   * The project's own topic producers, the preferred first (package.ts's projectProducers: its pyproject.toml's
   * name, else the folder its packages are imported from); the top-level package of the contract's model
   * modules is one too.
   */
  producers?: readonly string[];
  /** Severity per rule; a missing rule keeps its default. */
  severities?: Partial<Record<ContractRuleId, Severity>>;
}

export interface ContractCheck {
  doc: ContractDocument;
  /** False when the file is not a contract (no node_type, not next to a node): no findings then. */
  isContract: boolean;
  /** The rule context, when the file parsed to a mapping (the package checks use it). */
  context: RuleContext | null;
  raw: ContractRawFinding[];
}

const validators = new Map<ContractSchema, SchemaValidator>();

function validatorFor(schema: ContractSchema): SchemaValidator {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = new SchemaValidator(schema)));
  return v;
}

/** Whether the parsed file is a contract: a top-level node_type, or a node beside it. */
export function looksLikeContract(root: YNode | null, nextToNode: boolean): boolean {
  return nextToNode || (isMapNode(root) && pairOf(root, 'node_type') !== undefined);
}

function anchorOf(doc: ContractDocument): Span {
  const root = doc.root;
  if (isMapNode(root) && root.items.length) return keySpan(root.items[0], { start: 0, end: 0 });
  return { start: 0, end: Math.max(doc.lines.lineEnd(0), Math.min(1, doc.text.length)) };
}

function schemaFinding(problem: SchemaProblem, nodeTypeSpelling?: (span: Span) => string | null): ContractRawFinding {
  let data: ContractFixData | undefined;
  if (problem.kind === 'required' && problem.key) data = { fix: 'add-key', key: problem.key, path: problem.path };
  if (problem.kind === 'deprecated' && problem.key) data = { fix: 'rename-key', from: problem.key, to: 'contract_version' };
  // node_type: EFFECT / effect / Effect_Generic → EFFECT_GENERIC, the linter's spelling of that kind.
  if (problem.kind === 'enum' && problem.path.length === 1 && problem.path[0] === 'node_type' && nodeTypeSpelling) {
    const kind = /^(effect|compute|reducer|orchestrator)(_generic)?$/i.exec(nodeTypeSpelling(problem.span) ?? '');
    if (kind) data = { fix: 'replace-value', value: `${kind[1].toUpperCase()}_GENERIC`, title: `Change node_type to ${kind[1].toUpperCase()}_GENERIC` };
  }
  return { ruleId: 'ONEX021', message: problem.message, span: problem.span, data };
}

/** The first phase: parse, decide whether it is a contract, run the schema and the rules. */
export function checkContractRaw(text: string, options: ContractCheckOptions): ContractCheck {
  const doc = parseContract(text);
  const schema = contractSchema(options.era);
  const raw: ContractRawFinding[] = [];
  const root = doc.root;
  if (!looksLikeContract(root, options.nextToNode ?? false)) {
    // A syntax error in a file next to no node: it could be any YAML file; left alone.
    return { doc, isContract: false, context: null, raw };
  }
  for (const e of doc.errors) raw.push({ ruleId: 'ONEX020', message: `YAML syntax error: ${e.message}`, span: e.span });
  const anchor = anchorOf(doc);
  if (doc.errors.length) return { doc, isContract: true, context: null, raw };
  if (!isMapNode(root)) {
    // (An empty file reads as None: the ContractLinter rejects it as it rejects a scalar.)
    raw.push({ ruleId: 'ONEX020', message: 'Contract must be a YAML mapping (dict), not a scalar or list', span: anchor });
    return { doc, isContract: true, context: null, raw };
  }
  const producers = [...new Set([...(options.producers ?? []), producerOf(root)].filter((p): p is string => !!p))];
  const context: RuleContext = { doc, root, schema, producer: producers[0] ?? null, producers, anchor };
  const nodeType = stringOf(valueOf(root, 'node_type'));
  raw.push(...validatorFor(schema).validate(root, anchor).map((p) => schemaFinding(p, () => nodeType)));
  if (options.era === 'today') {
    raw.push(...unknownKeys(context), ...conventions(context), ...routingEntries(context), ...mixedCategories(context),
      ...publishedTopics(context), ...topicNames(context), ...runtimeProfiles(context));
  }
  return { doc, isContract: true, context, raw };
}

export function severityFor(ruleId: ContractRuleId, severities?: Partial<Record<ContractRuleId, Severity>>): Severity {
  return severities?.[ruleId] ?? defaultSeverityOf(ruleId);
}

/** Applies severities and `# onex: ignore[...]` comments, and turns offsets into ranges. */
export function finalizeContractFindings(doc: ContractDocument, raw: readonly (ContractRawFinding & { related?: RelatedInformation[] })[],
  severities?: Partial<Record<ContractRuleId, Severity>>): ContractFinding[] {
  const suppressions = readSuppressions(doc.comments);
  const out: ContractFinding[] = [];
  for (const finding of raw) {
    const severity = severityFor(finding.ruleId, severities);
    if (severity === 'off') continue;
    const range = doc.lines.rangeOf(finding.span);
    if (isSuppressed(suppressions, finding.ruleId, range.start.line)) continue;
    out.push({ ...finding, range, severity });
  }
  out.sort(compareFindings);
  return out;
}

/** Checks a contract's text alone (no other file read). */
export function checkContractText(text: string, options: ContractCheckOptions): { findings: ContractFinding[]; isContract: boolean } {
  const check = checkContractRaw(text, options);
  return { findings: finalizeContractFindings(check.doc, check.raw, options.severities), isContract: check.isContract };
}
