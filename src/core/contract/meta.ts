// The contract rules' catalogue entries: ids continue the catalogue from ONEX020 (ONEX012–ONEX019
// belong to today's node rules). One id per family of problems; the default severity is the
// framework's: error where its loaders or CI reject, warning where its linter warns, information
// where it keeps a baseline of known violations (a new violation still fails its gate).
import type { Severity } from '../types';

export type ContractRuleId =
  | 'ONEX020' | 'ONEX021' | 'ONEX022' | 'ONEX023' | 'ONEX024' | 'ONEX025' | 'ONEX026'
  | 'ONEX027' | 'ONEX028' | 'ONEX029' | 'ONEX030' | 'ONEX031' | 'ONEX032' | 'ONEX033';

export interface ContractRuleMeta {
  id: ContractRuleId;
  name: string;
  summary: string;
  defaultSeverity: Exclude<Severity, 'off'>;
  /** The framework check the rule mirrors (current-era.md §2.1 numbering). */
  mirrors: string;
  eras: readonly ('today' | 'bridge')[];
}

export const CONTRACT_RULES: readonly ContractRuleMeta[] = [
  { id: 'ONEX020', name: 'contract-yaml', summary: 'contract.yaml is not valid YAML, holds more than one document, or is not a mapping', defaultSeverity: 'error', mirrors: 'yaml.safe_load in every loader (L1, L2, L3)', eras: ['today', 'bridge'] },
  { id: 'ONEX021', name: 'contract-schema', summary: 'a key the framework requires is missing, or a value has the wrong type or an invalid value', defaultSeverity: 'error', mirrors: 'ModelYamlContract (L1), ContractLinter errors (L2), runtime discovery (L3), handler_routing_schema (L4), published_events (L7)', eras: ['today', 'bridge'] },
  { id: 'ONEX022', name: 'contract-unknown-key', summary: 'a top-level key the infra ContractLinter does not know', defaultSeverity: 'warning', mirrors: 'ContractLinter._validate_unknown_fields (L2, CONTRACT-013)', eras: ['today'] },
  { id: 'ONEX023', name: 'contract-conventions', summary: "the ContractLinter's conventions: model names start with Model, name is snake_case, node_version is semver", defaultSeverity: 'warning', mirrors: 'ContractLinter warnings (L2, CONTRACT-007/008)', eras: ['today'] },
  { id: 'ONEX024', name: 'routing-entry', summary: 'a handler_routing entry without its operation, or a command entry without event_model', defaultSeverity: 'error', mirrors: 'operation_match_requires_operation, command_category_requires_event_model (L10)', eras: ['today'] },
  { id: 'ONEX025', name: 'mixed-category-routing', summary: 'one handler_routing entry owns topics of more than one message category', defaultSeverity: 'information', mirrors: 'mixed_category_routing (L5, baseline)', eras: ['today'] },
  { id: 'ONEX026', name: 'published-topic', summary: 'a published_events topic missing from event_bus.publish_topics', defaultSeverity: 'error', mirrors: 'check_published_events_consistency.py (L7)', eras: ['today'] },
  { id: 'ONEX027', name: 'topic-name', summary: 'a topic not in the form onex.<kind>.<producer>.<event-name>.v<n>, or from an unknown producer', defaultSeverity: 'information', mirrors: 'validate_topic_suffix (L9), lint_topic_names.py (L8, baseline)', eras: ['today'] },
  { id: 'ONEX028', name: 'runtime-profiles', summary: 'a command-consuming contract without runtime_profiles, an unregistered profile, or no consumer lane', defaultSeverity: 'information', mirrors: 'ValidatorRuntimeProfiles (L11, allowlist)', eras: ['today'] },
  { id: 'ONEX029', name: 'contract-reference', summary: 'a model or handler the contract names does not exist at its module in the workspace', defaultSeverity: 'error', mirrors: 'ContractLinter import check (L2, CONTRACT-005/011); the runtime imports handlers and event models', eras: ['today'] },
  { id: 'ONEX030', name: 'handler-entrypoint', summary: 'a handler the contract binds has neither handle nor handle_async', defaultSeverity: 'information', mirrors: 'handler_dispatch_entrypoint (L6, baseline)', eras: ['today'] },
  { id: 'ONEX031', name: 'node-contract', summary: "node.py has no node class, or its kind is not the contract's node_type", defaultSeverity: 'warning', mirrors: 'validator_declarative_node DECL-007; the runtime takes the kind from node_type', eras: ['today'] },
  { id: 'ONEX032', name: 'unrouted-output', summary: 'a handler returns an event the contract gives no topic to', defaultSeverity: 'warning', mirrors: 'the runtime topic choice (_normalize_handler_result, published_events map, publish_topics[0])', eras: ['today'] },
  { id: 'ONEX033', name: 'unused-topic', summary: "a declared publish topic no handler's output goes to", defaultSeverity: 'information', mirrors: 'the runtime topic choice (published_events map, publish_topics[0])', eras: ['today'] },
];

export const CONTRACT_RULE_IDS: readonly ContractRuleId[] = CONTRACT_RULES.map((r) => r.id);

export const CONTRACT_RULES_BY_ID: ReadonlyMap<ContractRuleId, ContractRuleMeta> = new Map(CONTRACT_RULES.map((r) => [r.id, r]));
