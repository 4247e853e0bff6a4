// Words the generators build names from, and the framework names real nodes use.
export const DOMAINS = [
  'Codegen', 'Billing', 'Ingestion', 'Registry', 'MetadataStamping', 'Workflow', 'DocumentIndexer',
  'Notification', 'Ledger', 'Scheduler', 'Deployment', 'Inventory', 'Telemetry', 'Search', 'Routing',
  'Reconciliation', 'Archive', 'Policy', 'TreeSync', 'Manifest', 'Lease', 'Checkpoint', 'Schema', 'Audit',
];
export const KINDS = ['Effect', 'Compute', 'Reducer', 'Orchestrator'];
export const ENTRY_POINTS = { Effect: 'execute_effect', Compute: 'execute_compute', Reducer: 'execute_reduction', Orchestrator: 'execute_orchestration' };
export const VERBS = [
  'fetch', 'load', 'store', 'validate', 'transform', 'enrich', 'normalize', 'dispatch', 'reconcile', 'aggregate',
  'resolve', 'index', 'stamp', 'route', 'persist', 'compact', 'hydrate', 'sync', 'merge', 'score', 'partition',
  'expire', 'refresh', 'collect', 'render', 'classify', 'verify', 'snapshot', 'replay', 'prune',
];
export const NOUNS = [
  'row', 'shard', 'event', 'workflow', 'manifest', 'artifact', 'contract', 'schema', 'snapshot', 'lease',
  'token', 'segment', 'checkpoint', 'partition', 'message', 'ticket', 'label', 'template', 'document',
  'chunk', 'tenant', 'rule', 'report', 'cursor', 'job', 'task', 'graph', 'edge', 'revision', 'bundle',
];
export const KEYS = [
  'status', 'priority', 'tenant_id', 'correlation_id', 'payload', 'created_at', 'retries', 'checksum', 'version',
  'region', 'source', 'labels', 'owner', 'kind', 'namespace', 'size_bytes', 'score', 'parent_id', 'state', 'tags',
];
export const STATUS_VALUES = ['pending', 'active', 'failed', 'completed', 'archived', 'skipped', 'retrying'];
export const CONFIG_KEYS = [
  'timeout', 'batch_size', 'max_retries', 'retry_backoff_s', 'namespace', 'index_name', 'service_port',
  'service_host', 'consul_host', 'consul_port', 'kafka_topic', 'max_inflight', 'cache_ttl_s', 'page_size',
];
export const SERVICES = ['kafka_client', 'vector_store', 'metadata_store', 'schema_registry', 'blob_store', 'lock_manager', 'cache', 'http_client'];
export const VALID_CODES = [
  'VALIDATION_ERROR', 'INVALID_INPUT', 'OPERATION_FAILED', 'TIMEOUT', 'TIMEOUT_ERROR', 'INTERNAL_ERROR',
  'NETWORK_ERROR', 'RUNTIME_ERROR', 'INITIALIZATION_FAILED', 'SERVICE_UNAVAILABLE', 'DEPENDENCY_UNAVAILABLE',
  'CONFIGURATION_ERROR', 'EVENT_BUS_ERROR', 'DATABASE_CONNECTION_ERROR',
];
/** Names that never existed in EnumCoreErrorCode (templates use them). */
export const UNKNOWN_CODES = ['CONNECTION_ERROR', 'EXECUTION_ERROR', 'DATABASE_ERROR', 'STARTUP_ERROR', 'SERVICE_UNAVAILABLE_ERROR'];
export const LOG_LEVELS = ['DEBUG', 'INFO', 'INFO', 'WARNING', 'ERROR'];
export const EVENTS = ['STARTED', 'COMPLETED', 'FAILED', 'BATCH_PROCESSED', 'STATE_CHANGED', 'RETRY_SCHEDULED'];

export function pascal(snake) {
  return snake.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}
export function camel(snake) {
  const p = pascal(snake);
  return p.charAt(0).toLowerCase() + p.slice(1);
}
