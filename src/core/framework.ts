// Real framework names (../shared/spec/onex-facts.md, error-codes.txt). Generated and fixed code
// uses only these, so it runs against the real omnibase_core.
import type { Era } from './era';

/**
 * omnibase_infra's RuntimeHostError and its subclasses (omnibase_infra.errors, 0.38.6): today's typed errors,
 * OnexErrors too (RuntimeHostError derives from ModelOnexError). The runtime fails fast on them (current-era.md §4.4).
 */
export const RUNTIME_HOST_ERRORS: readonly string[] = [
  'RuntimeHostError', 'ArchitectureViolationError', 'BindingResolutionError', 'ChainPropagationError',
  'ComputeRegistryError', 'ContainerValidationError', 'ContainerWiringError', 'DbOwnershipMismatchError',
  'DbOwnershipMissingError', 'EnvelopeValidationError', 'EventBusRegistryError', 'EventRegistryFingerprintMismatchError',
  'EventRegistryFingerprintMissingError', 'InfraAuthenticationError', 'InfraConnectionError', 'InfraProtocolError',
  'InfraRateLimitedError', 'InfraRequestRejectedError', 'InfraTimeoutError', 'InfraUnavailableError', 'InvariantViolation',
  'MessageTypeRegistryError', 'PayloadRegistryError', 'PolicyRegistryError', 'ProjectionError', 'ProjectionTenantContextError',
  'ProtocolConfigurationError', 'ProtocolDependencyResolutionError', 'RepositoryContractError', 'RepositoryError',
  'RepositoryExecutionError', 'RepositoryTimeoutError', 'RepositoryValidationError', 'SchemaFingerprintMismatchError',
  'SchemaFingerprintMissingError', 'SecretResolutionError', 'ServiceRegistrationError', 'ServiceRegistryUnavailableError',
  'ServiceResolutionError', 'TopicReplicationPolicyError', 'UnknownHandlerTypeError',
];

/** The 129 members of omnibase_core's EnumCoreErrorCode (enum_core_error_code.py at commit 239ff50a). */
export const ERROR_CODES: ReadonlySet<string> = new Set([
  'INVALID_PARAMETER',
  'MISSING_REQUIRED_PARAMETER',
  'PARAMETER_TYPE_MISMATCH',
  'PARAMETER_OUT_OF_RANGE',
  'VALIDATION_FAILED',
  'VALIDATION_ERROR',
  'INVALID_INPUT',
  'INVALID_OPERATION',
  'CONVERSION_ERROR',
  'PARSING_ERROR',
  'FILE_NOT_FOUND',
  'FILE_READ_ERROR',
  'FILE_WRITE_ERROR',
  'DIRECTORY_NOT_FOUND',
  'PERMISSION_DENIED',
  'FILE_OPERATION_ERROR',
  'FILE_ACCESS_ERROR',
  'NOT_FOUND',
  'PERMISSION_ERROR',
  'INVALID_CONFIGURATION',
  'CONFIGURATION_NOT_FOUND',
  'CONFIGURATION_PARSE_ERROR',
  'CONFIGURATION_ERROR',
  'REGISTRY_NOT_FOUND',
  'REGISTRY_INITIALIZATION_FAILED',
  'ITEM_NOT_REGISTERED',
  'DUPLICATE_REGISTRATION',
  'REGISTRY_VALIDATION_FAILED',
  'REGISTRY_RESOLUTION_FAILED',
  'OPERATION_FAILED',
  'TIMEOUT_EXCEEDED',
  'RESOURCE_UNAVAILABLE',
  'UNSUPPORTED_OPERATION',
  'RESOURCE_NOT_FOUND',
  'INVALID_STATE',
  'INITIALIZATION_FAILED',
  'TIMEOUT',
  'INTERNAL_ERROR',
  'NETWORK_ERROR',
  'MIGRATION_ERROR',
  'TIMEOUT_ERROR',
  'RESOURCE_ERROR',
  'RUNTIME_ERROR',
  'HANDLER_EXECUTION_ERROR',
  'EVENT_BUS_ERROR',
  'CONTRACT_VALIDATION_ERROR',
  'TEST_SETUP_FAILED',
  'TEST_ASSERTION_FAILED',
  'MOCK_CONFIGURATION_ERROR',
  'TEST_DATA_INVALID',
  'MODULE_NOT_FOUND',
  'DEPENDENCY_UNAVAILABLE',
  'VERSION_INCOMPATIBLE',
  'IMPORT_ERROR',
  'DEPENDENCY_ERROR',
  'PROTOCOL_CONFIGURATION_ERROR',
  'DATABASE_CONNECTION_ERROR',
  'DATABASE_OPERATION_ERROR',
  'DATABASE_QUERY_ERROR',
  'METHOD_NOT_IMPLEMENTED',
  'ABSTRACT_METHOD_CALLED',
  'NO_SUITABLE_PROVIDER',
  'RATE_LIMIT_ERROR',
  'AUTHENTICATION_ERROR',
  'QUOTA_EXCEEDED',
  'PROCESSING_ERROR',
  'TYPE_MISMATCH',
  'TYPE_INTROSPECTION_ERROR',
  'INTELLIGENCE_PROCESSING_FAILED',
  'PATTERN_RECOGNITION_FAILED',
  'CONTEXT_ANALYSIS_FAILED',
  'LEARNING_ENGINE_FAILED',
  'INTELLIGENCE_COORDINATION_FAILED',
  'SYSTEM_HEALTH_DEGRADED',
  'SERVICE_START_FAILED',
  'SERVICE_STOP_FAILED',
  'SERVICE_UNHEALTHY',
  'SERVICE_UNAVAILABLE',
  'SECURITY_REPORT_FAILED',
  'SECURITY_VIOLATION',
  'EVENT_PROCESSING_FAILED',
  'DEPENDENCY_FAILED',
  'CONTRACT_VIOLATION',
  'DISCOVERY_SETUP_FAILED',
  'METADATA_LOAD_FAILED',
  'DISCOVERY_INVALID_NODE',
  'DISCOVERY_INVALID_REQUEST',
  'THREAD_SAFETY_VIOLATION',
  'ADAPTER_BINDING_ERROR',
  'PURITY_VIOLATION_ERROR',
  'NODE_EXECUTION_ERROR',
  'UNSUPPORTED_CAPABILITY_ERROR',
  'WORKFLOW_STEP_LIMIT_EXCEEDED',
  'WORKFLOW_PAYLOAD_SIZE_EXCEEDED',
  'WORKFLOW_TOTAL_PAYLOAD_EXCEEDED',
  'ORCHESTRATOR_STRUCT_MISSING_FIELD',
  'ORCHESTRATOR_STRUCT_INVALID_FIELD_TYPE',
  'ORCHESTRATOR_STRUCT_MALFORMED_CONTRACT',
  'ORCHESTRATOR_STRUCT_INVALID_STEP_TYPE',
  'ORCHESTRATOR_STRUCT_WORKFLOW_NOT_LOADED',
  'ORCHESTRATOR_SEMANTIC_CYCLE_DETECTED',
  'ORCHESTRATOR_SEMANTIC_INVALID_DEPENDENCY',
  'ORCHESTRATOR_SEMANTIC_DUPLICATE_STEP_ID',
  'ORCHESTRATOR_SEMANTIC_MISSING_DEPENDENCY',
  'ORCHESTRATOR_SEMANTIC_INVALID_EXECUTION_MODE',
  'ORCHESTRATOR_EXEC_STEP_TIMEOUT',
  'ORCHESTRATOR_EXEC_STEP_FAILED',
  'ORCHESTRATOR_EXEC_ACTION_REJECTED',
  'ORCHESTRATOR_EXEC_WORKFLOW_TIMEOUT',
  'ORCHESTRATOR_EXEC_LEASE_EXPIRED',
  'ORCHESTRATOR_EXEC_WORKFLOW_FAILED',
  'ORCHESTRATOR_EXEC_ITERATION_LIMIT_EXCEEDED',
  'CACHE_BACKEND_ERROR',
  'CACHE_CONNECTION_ERROR',
  'CACHE_TIMEOUT_ERROR',
  'CACHE_OPERATION_FAILED',
  'CACHE_BACKEND_NOT_CONNECTED',
  'REPLAY_RECORD_NOT_FOUND',
  'REPLAY_NOT_IN_REPLAY_MODE',
  'REPLAY_INVALID_EFFECT_TYPE',
  'REPLAY_SEQUENCE_EXHAUSTED',
  'REPLAY_ENFORCEMENT_BLOCKED',
  'ENVELOPE_IDENTITY_MISMATCH',
  'ENVELOPE_SIGNATURE_INVALID',
  'ENVELOPE_KEY_NOT_FOUND',
  'ENVELOPE_SIGNING_FAILED',
  'ENVELOPE_VALIDATION_FAILED',
  'ENVELOPE_PAYLOAD_SERIALIZATION_FAILED',
  'ENVELOPE_SIGNER_MISMATCH',
]);

/**
 * The 78 members of omnibase_core 0.1.0's EnumCoreErrorCode (the bridge era's; all of them are among today's 129).
 * Read from the installed package (scripts/python-env's bridge environment).
 */
export const BRIDGE_ERROR_CODES: ReadonlySet<string> = new Set([
  'ABSTRACT_METHOD_CALLED', 'AUTHENTICATION_ERROR', 'CONFIGURATION_ERROR', 'CONFIGURATION_NOT_FOUND',
  'CONFIGURATION_PARSE_ERROR', 'CONTEXT_ANALYSIS_FAILED', 'CONTRACT_VIOLATION', 'CONVERSION_ERROR',
  'DATABASE_CONNECTION_ERROR', 'DATABASE_OPERATION_ERROR', 'DATABASE_QUERY_ERROR', 'DEPENDENCY_ERROR',
  'DEPENDENCY_FAILED', 'DEPENDENCY_UNAVAILABLE', 'DIRECTORY_NOT_FOUND', 'DISCOVERY_SETUP_FAILED',
  'DUPLICATE_REGISTRATION', 'EVENT_PROCESSING_FAILED', 'FILE_ACCESS_ERROR', 'FILE_NOT_FOUND', 'FILE_OPERATION_ERROR',
  'FILE_READ_ERROR', 'FILE_WRITE_ERROR', 'IMPORT_ERROR', 'INITIALIZATION_FAILED', 'INTELLIGENCE_COORDINATION_FAILED',
  'INTELLIGENCE_PROCESSING_FAILED', 'INTERNAL_ERROR', 'INVALID_CONFIGURATION', 'INVALID_INPUT', 'INVALID_OPERATION',
  'INVALID_PARAMETER', 'INVALID_STATE', 'ITEM_NOT_REGISTERED', 'LEARNING_ENGINE_FAILED', 'METADATA_LOAD_FAILED',
  'METHOD_NOT_IMPLEMENTED', 'MIGRATION_ERROR', 'MISSING_REQUIRED_PARAMETER', 'MOCK_CONFIGURATION_ERROR',
  'MODULE_NOT_FOUND', 'NETWORK_ERROR', 'NOT_FOUND', 'NO_SUITABLE_PROVIDER', 'OPERATION_FAILED',
  'PARAMETER_OUT_OF_RANGE', 'PARAMETER_TYPE_MISMATCH', 'PATTERN_RECOGNITION_FAILED', 'PERMISSION_DENIED',
  'PERMISSION_ERROR', 'PROCESSING_ERROR', 'QUOTA_EXCEEDED', 'RATE_LIMIT_ERROR', 'REGISTRY_INITIALIZATION_FAILED',
  'REGISTRY_NOT_FOUND', 'REGISTRY_RESOLUTION_FAILED', 'REGISTRY_VALIDATION_FAILED', 'RESOURCE_ERROR',
  'RESOURCE_NOT_FOUND', 'RESOURCE_UNAVAILABLE', 'SECURITY_REPORT_FAILED', 'SECURITY_VIOLATION',
  'SERVICE_START_FAILED', 'SERVICE_STOP_FAILED', 'SERVICE_UNAVAILABLE', 'SERVICE_UNHEALTHY',
  'SYSTEM_HEALTH_DEGRADED', 'TEST_ASSERTION_FAILED', 'TEST_DATA_INVALID', 'TEST_SETUP_FAILED', 'TIMEOUT',
  'TIMEOUT_ERROR', 'TIMEOUT_EXCEEDED', 'TYPE_MISMATCH', 'UNSUPPORTED_OPERATION', 'VALIDATION_ERROR',
  'VALIDATION_FAILED', 'VERSION_INCOMPATIBLE',
]);

/** The EnumCoreErrorCode members of an era's framework. */
export function errorCodesOf(era: Era): ReadonlySet<string> {
  return era === 'bridge' ? BRIDGE_ERROR_CODES : ERROR_CODES;
}

/**
 * Names that never existed but the spec or old templates use, with the member to use instead.
 * Other unknown members get a replacement by similarity (see suggestErrorCode).
 */
export const ERROR_CODE_REPLACEMENTS: Readonly<Record<string, string>> = {
  CONNECTION_ERROR: 'NETWORK_ERROR',
  EXECUTION_ERROR: 'OPERATION_FAILED',
  INITIALIZATION_ERROR: 'INITIALIZATION_FAILED',
  DATABASE_ERROR: 'DATABASE_OPERATION_ERROR',
  STARTUP_ERROR: 'SERVICE_START_FAILED',
  SERVICE_UNAVAILABLE_ERROR: 'SERVICE_UNAVAILABLE',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  RESOURCE_EXHAUSTED: 'QUOTA_EXCEEDED',
  SHUTDOWN_ERROR: 'SERVICE_STOP_FAILED',
  KAFKA_ERROR: 'EVENT_BUS_ERROR',
  CONFIG_ERROR: 'CONFIGURATION_ERROR',
  UNKNOWN_ERROR: 'INTERNAL_ERROR',
  UNEXPECTED_ERROR: 'INTERNAL_ERROR',
  NETWORK_TIMEOUT: 'TIMEOUT',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The existing member that replaces an unknown one, or null when nothing is close enough to be sure. */
export function suggestErrorCode(name: string): string | null {
  const upper = name.toUpperCase();
  if (ERROR_CODE_REPLACEMENTS[upper]) return ERROR_CODE_REPLACEMENTS[upper];
  if (ERROR_CODES.has(upper)) return upper;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const code of ERROR_CODES) {
    const d = editDistance(upper, code);
    if (d < bestDistance) {
      best = code;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(upper.length / 5)) ? best : null;
}

export interface PythonImport {
  module: string;
  name: string;
  /** Local name when imported `as` something. */
  alias?: string;
}

/** Where generated Python code imports each framework name from, per framework era. */
export function frameworkImports(target: Era): Record<string, PythonImport> {
  const current = target === 'current';
  return {
    emit_log_event: current
      ? { module: 'omnibase_core.logging.logging_structured', name: 'emit_log_event_sync', alias: 'emit_log_event' }
      : { module: 'omnibase_core.logging.structured', name: 'emit_log_event_sync', alias: 'emit_log_event' },
    LogLevel: { module: 'omnibase_core.enums.enum_log_level', name: 'EnumLogLevel', alias: 'LogLevel' },
    ModelOnexError: { module: 'omnibase_core.errors', name: 'ModelOnexError' },
    OnexError: { module: 'omnibase_core.errors', name: 'OnexError' },
    EnumCoreErrorCode: { module: 'omnibase_core.errors', name: 'EnumCoreErrorCode' },
    ModelContainer: current
      ? { module: 'omnibase_core.models.container.model_onex_container', name: 'ModelONEXContainer' }
      : { module: 'omnibase_core.models.container.model_onex_container', name: 'ModelONEXContainer' },
    NodeEffect: { module: 'omnibase_core.nodes.node_effect', name: 'NodeEffect' },
    NodeCompute: { module: 'omnibase_core.nodes.node_compute', name: 'NodeCompute' },
    NodeReducer: { module: 'omnibase_core.nodes.node_reducer', name: 'NodeReducer' },
    NodeOrchestrator: { module: 'omnibase_core.nodes.node_orchestrator', name: 'NodeOrchestrator' },
  };
}

/** Entry point method per node kind and era. */
export function entryPointName(kind: 'effect' | 'compute' | 'reducer' | 'orchestrator', target: Era): string {
  if (target === 'current') return 'process';
  return { effect: 'execute_effect', compute: 'execute_compute', reducer: 'execute_reduction', orchestrator: 'execute_orchestration' }[kind];
}

/**
 * Environment variables omnibase_core's contract_config_compliance gate (validators/contract_config_compliance.py,
 * INFRA_ALLOWLIST, 0.46.8) lets handlers read without declaring them in contract.yaml: connection bootstrap
 * values that intentionally live in the environment. test/rules/todayGates.test.ts compares it with the
 * installed framework's.
 */
export const ENV_BOOTSTRAP_ALLOWLIST: ReadonlySet<string> = new Set([
  'KAFKA_BOOTSTRAP_SERVERS', 'OMNI_HOME', 'ONEX_STATE_DIR', 'ONEX_STATE_ROOT', 'OPENROUTER_API_KEY', 'LINEAR_API_KEY',
  'GITHUB_TOKEN', 'GH_PAT', 'GEMINI_API_KEY', 'OPENAI_API_KEY', 'LLM_GLM_API_KEY', 'POSTGRES_PASSWORD', 'MEMGRAPH_USER',
  'MEMGRAPH_PASSWORD', 'GOOGLE_API_KEY',
]);
