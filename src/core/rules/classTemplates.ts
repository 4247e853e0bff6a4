// The production code the class-level fixes write (production-vs-template.md, patterns 1, 4, 5, 6),
// as 4-space / '\n' templates that layout.render() adapts to the file. Names come from the class
// (its name, node-id attribute, container attribute, Kafka client) and the file's imports; no
// hard-coded hosts and no os.getenv fallbacks (onex-facts.md, "Today's checks").

export interface NodeNames {
  className: string;
  /** Local name of emit_log_event(_sync). */
  log: string;
  /** Local name of EnumLogLevel / LogLevel. */
  level: string;
  /** `self.node_id` or the class's own node-id attribute; null when the class is not known to have one. */
  nodeId: string | null;
  /**
   * `self.container`, the attribute the class keeps its container in, or `getattr(self, "container", None)` when
   * the class is not known to keep one (knownAttributes.ts).
   */
  container: string;
}

function indentLines(lines: string[], depth: number): string[] {
  const pad = '    '.repeat(depth);
  return lines.map((l) => (l ? pad + l : l));
}

/** `emit_log_event(LEVEL, message, {context})` in the spec's layout. */
export function logCall(n: NodeNames, level: string, message: string, context: string[]): string[] {
  const ctx = context.length <= 1
    ? [`{${context.join(', ')}},`]
    : ['{', ...context.map((c) => `    ${c},`), '},'];
  return [`${n.log}(`, `    ${n.level}.${level},`, `    ${message},`, ...ctx.map((l) => `    ${l}`), ')'];
}

/** The log context's node id, when the class has one (generated code reads only what the class defines). */
function nodeIdEntries(n: NodeNames): string[] {
  return n.nodeId ? [`"node_id": ${n.nodeId}`] : [];
}

function errorEntries(n: NodeNames): string[] {
  return [...nodeIdEntries(n), '"error": str(e)', '"error_type": type(e).__name__'];
}

// ---------------------------------------------------------------------------------------------
// Pattern 1: health-check mode

export function healthCheckDetection(container: string): string {
  return [
    '# Health check mode detection: skip expensive initialisation in health checks',
    'try:',
    '    health_check_mode = (',
    `        ${container}.config.get("health_check_mode", False)`,
    `        if hasattr(${container}.config, "get")`,
    '        else False',
    '    )',
    'except Exception:',
    '    health_check_mode = False',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Pattern 5: Consul registration

export const CONSUL_ATTRIBUTES = ['consul_host', 'consul_port', 'consul_enable_registration', 'service_host', 'service_port'] as const;
export type ConsulAttribute = (typeof CONSUL_ATTRIBUTES)[number];

/**
 * The Consul settings read from the container's configuration, defensively; no default host:
 * registration stays off until `consul_host`, `service_host` and `service_port` are configured.
 */
export function consulConfiguration(container: string, missing: readonly ConsulAttribute[]): string {
  const defaults: Record<ConsulAttribute, string> = {
    consul_host: 'self.consul_host: str | None = None',
    consul_port: 'self.consul_port: int = 8500',
    consul_enable_registration: 'self.consul_enable_registration: bool = True',
    service_host: 'self.service_host: str | None = None',
    service_port: 'self.service_port: int | None = None',
  };
  const reads: Record<ConsulAttribute, string> = {
    consul_host: `self.consul_host = ${container}.config.get("consul_host", self.consul_host)`,
    consul_port: `self.consul_port = int(${container}.config.get("consul_port", self.consul_port))`,
    consul_enable_registration: `self.consul_enable_registration = bool(\n    ${container}.config.get("consul_enable_registration", self.consul_enable_registration)\n)`,
    service_host: `self.service_host = ${container}.config.get("service_host", self.service_host)`,
    service_port: `self.service_port = ${container}.config.get("service_port", self.service_port)`,
  };
  return [
    '# Consul configuration for service discovery, from the container\'s settings',
    '# (no default host: registration is skipped until consul_host is configured)',
    ...missing.map((a) => defaults[a]),
    'try:',
    `    if hasattr(${container}.config, "get"):`,
    ...indentLines(missing.flatMap((a) => reads[a].split('\n')), 2),
    'except Exception:',
    '    pass',
  ].join('\n');
}

export interface RegistrationNames extends NodeNames {
  /** `payment-gateway-effect` */
  serviceName: string;
  /** `payment_gateway_effect` */
  snakeName: string;
  /** `effect`, `compute`, ... */
  kind: string;
  registerMethod: string;
  /** `self.kafka_client` when the class has one (adds a kafka_enabled tag). */
  kafka: string | null;
}

export function registerWithConsulMethod(n: RegistrationNames): string {
  const tags = [
    '"onex"',
    `"${n.kind}"`,
    `"node_type:${n.snakeName}"`,
    'f"version:{getattr(self, \'version\', \'0.1.0\')}"',
    ...(n.kafka ? [`f"kafka_enabled:{${n.kafka} is not None}"`] : []),
  ];
  return [
    `def ${n.registerMethod}(self) -> None:`,
    '    """',
    '    Register the node with Consul for service discovery (synchronous).',
    '',
    '    Consul host and port and the service address come from the container\'s',
    '    settings (consul_host, consul_port, service_host, service_port). Failures',
    '    are logged and never fail node startup.',
    '    """',
    '    if not self.consul_host or not self.service_host or not self.service_port:',
    ...indentLines(logCall(n, 'DEBUG', '"Consul registration skipped - consul_host, service_host or service_port not configured"', nodeIdEntries(n)), 2),
    '        return',
    '',
    '    try:',
    '        import consul',
    '',
    '        consul_client = consul.Consul(host=self.consul_host, port=int(self.consul_port))',
    `        service_id = f"${n.serviceName}-{${n.nodeId ?? 'id(self)'}}"`,
    '        service_port = int(self.service_port)',
    '        service_tags = [',
    ...tags.map((t) => `            ${t},`),
    '        ]',
    '        health_check_url = f"http://{self.service_host}:{service_port}/health"',
    '',
    '        consul_client.agent.service.register(',
    `            name="${n.serviceName}",`,
    '            service_id=service_id,',
    '            address=self.service_host,',
    '            port=service_port,',
    '            tags=service_tags,',
    '            check=consul.Check.http(health_check_url, interval="30s", timeout="5s"),',
    '        )',
    '',
    '        # Store service_id for deregistration',
    '        self._consul_service_id = service_id',
    '',
    ...indentLines(logCall(n, 'INFO', '"Registered with Consul successfully"', [
      ...nodeIdEntries(n), '"service_id": service_id', '"consul_host": self.consul_host', '"consul_port": self.consul_port',
    ]), 2),
    '',
    '    except ImportError:',
    ...indentLines(logCall(n, 'WARNING', '"python-consul not installed - Consul registration skipped"', nodeIdEntries(n)), 2),
    '    except Exception as e:',
    ...indentLines(logCall(n, 'ERROR', '"Failed to register with Consul"', errorEntries(n)), 2),
  ].join('\n');
}

export interface DeregistrationSource {
  /** Statements (4-space, depth 0) that bind `consul_client`; may `import consul`. */
  clientSetup: string[];
  /** Expression of the registered service id. */
  serviceId: string;
  /** `self._consul_service_id`-style attribute to test with hasattr before deregistering, if any. */
  serviceIdAttribute: string | null;
}

export const GENERATED_DEREGISTRATION: DeregistrationSource = {
  clientSetup: ['import consul', '', 'consul_client = consul.Consul(host=self.consul_host, port=int(self.consul_port))'],
  serviceId: 'self._consul_service_id',
  serviceIdAttribute: '_consul_service_id',
};

export function deregisterFromConsulMethod(n: NodeNames & { deregisterMethod: string }, source: DeregistrationSource): string {
  const guard = source.serviceIdAttribute
    ? [`    if not hasattr(self, "${source.serviceIdAttribute}"):`, '        return', '']
    : [];
  return [
    `def ${n.deregisterMethod}(self) -> None:`,
    '    """',
    '    Deregister the node from Consul on shutdown (synchronous).',
    '',
    '    Removes the service registration so the catalog keeps no stale entry.',
    '    """',
    ...guard,
    '    try:',
    ...indentLines(source.clientSetup, 2),
    `        consul_client.agent.service.deregister(${source.serviceId})`,
    '',
    ...indentLines(logCall(n, 'INFO', '"Deregistered from Consul successfully"', [...nodeIdEntries(n), `"service_id": ${source.serviceId}`]), 2),
    '',
    '    except ImportError:',
    '        pass',
    '    except Exception as e:',
    ...indentLines(logCall(n, 'WARNING', '"Failed to deregister from Consul"', errorEntries(n)), 2),
  ].join('\n');
}

/** The call at the end of `__init__` (pattern 1's last lines). */
export function registrationCall(methodCall: string, conditions: string[]): string {
  if (conditions.length === 0) return ['# Register with Consul for service discovery', methodCall].join('\n');
  return [
    '# Register with Consul for service discovery',
    `if ${conditions.join(' and ')}:`,
    `    ${methodCall}`,
  ].join('\n');
}

export function deregistrationCall(methodCall: string): string {
  return ['# Deregister from Consul for clean service discovery', methodCall].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Pattern 4: lifecycle

export interface LifecycleNames extends NodeNames {
  /** `self.kafka_client` when the class keeps a KafkaClient, else null. */
  kafka: string | null;
  /** `self._deregister_from_consul()` / `await self._deregister_from_consul()` when the class can deregister. */
  deregistration: string | null;
}

export function startupMethod(n: LifecycleNames, name: string): string {
  const kafka = n.kafka
    ? [
      '',
      '    # Connect to Kafka if client is available',
      `    if ${n.kafka} and not ${n.kafka}.is_connected:`,
      '        try:',
      `            await ${n.kafka}.connect()`,
      ...indentLines(logCall(n, 'INFO', '"Kafka client connected"', nodeIdEntries(n)), 3),
      '        except Exception as e:',
      ...indentLines(logCall(n, 'WARNING', 'f"Kafka connection failed: {e}"', errorEntries(n)), 3),
    ]
    : [];
  return [
    `async def ${name}(self) -> None:`,
    '    """',
    '    Node startup lifecycle hook.',
    '',
    `    Initializes container services${n.kafka ? ' and connects Kafka' : ''}; failures degrade`,
    '    gracefully instead of failing startup.',
    '    """',
    ...indentLines(logCall(n, 'INFO', `"${n.className} starting up"`, nodeIdEntries(n)), 1),
    '',
    '    # Initialize container services if available',
    `    if hasattr(${n.container}, "initialize"):`,
    '        try:',
    `            await ${n.container}.initialize()`,
    ...indentLines(logCall(n, 'INFO', '"Container services initialized successfully"', nodeIdEntries(n)), 3),
    '        except Exception as e:',
    ...indentLines(logCall(n, 'WARNING', 'f"Container initialization failed, continuing in degraded mode: {e}"', errorEntries(n)), 3),
    ...kafka,
    '',
    ...indentLines(logCall(n, 'INFO', `"${n.className} startup complete"`, nodeIdEntries(n)), 1),
  ].join('\n');
}

function sentence(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function shutdownMethod(n: LifecycleNames, name: string): string {
  const kafka = n.kafka
    ? [
      '',
      '    # Disconnect Kafka if connected',
      `    if ${n.kafka} and ${n.kafka}.is_connected:`,
      '        try:',
      `            await ${n.kafka}.disconnect()`,
      '        except Exception as e:',
      ...indentLines(logCall(n, 'WARNING', 'f"Kafka disconnect failed: {e}"', errorEntries(n)), 3),
    ]
    : [];
  const deregistration = n.deregistration
    ? ['', '    # Deregister from Consul for clean service discovery', `    ${n.deregistration}`]
    : [];
  return [
    `async def ${name}(self) -> None:`,
    '    """',
    '    Node shutdown lifecycle hook.',
    '',
    `    ${sentence(['Cleans up container services', ...(n.kafka ? ['disconnects Kafka'] : []), ...(n.deregistration ? ['deregisters from Consul'] : [])])};`,
    '    failures are logged, never raised.',
    '    """',
    ...indentLines(logCall(n, 'INFO', `"${n.className} shutting down"`, nodeIdEntries(n)), 1),
    '',
    '    # Cleanup container services',
    `    if hasattr(${n.container}, "cleanup"):`,
    '        try:',
    `            await ${n.container}.cleanup()`,
    ...indentLines(logCall(n, 'INFO', '"Container services cleaned up successfully"', nodeIdEntries(n)), 3),
    '        except Exception as e:',
    ...indentLines(logCall(n, 'WARNING', 'f"Container cleanup failed: {e}"', errorEntries(n)), 3),
    ...kafka,
    ...deregistration,
    '',
    ...indentLines(logCall(n, 'INFO', `"${n.className} shutdown complete"`, nodeIdEntries(n)), 1),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Pattern 6: metrics

export const METRIC_COUNTERS = {
  _total_operations: '0',
  _successful_operations: '0',
  _failed_operations: '0',
  _total_duration_ms: '0.0',
} as const;
export type MetricCounter = keyof typeof METRIC_COUNTERS;
export const METRIC_COUNTER_NAMES = Object.keys(METRIC_COUNTERS) as MetricCounter[];

export function metricCounters(missing: readonly MetricCounter[]): string {
  return ['# Metrics tracking', ...missing.map((c) => `self.${c} = ${METRIC_COUNTERS[c]}`)].join('\n');
}

export function getMetricsMethod(returnType: string): string {
  return [
    `def get_metrics(self) -> ${returnType}:`,
    '    """',
    '    Get comprehensive metrics for monitoring and alerting.',
    '',
    '    Returns:',
    '        Dictionary with operation counts, success rate and durations',
    '    """',
    '    avg_duration_ms = (',
    '        self._total_duration_ms / self._total_operations',
    '        if self._total_operations > 0',
    '        else 0',
    '    )',
    '',
    '    success_rate = (',
    '        self._successful_operations / self._total_operations',
    '        if self._total_operations > 0',
    '        else 1.0',
    '    )',
    '',
    '    return {',
    '        "total_operations": self._total_operations,',
    '        "successful_operations": self._successful_operations,',
    '        "failed_operations": self._failed_operations,',
    '        "success_rate": round(success_rate, 4),',
    '        "avg_duration_ms": round(avg_duration_ms, 2),',
    '        "total_duration_ms": round(self._total_duration_ms, 2),',
    '    }',
  ].join('\n');
}

/** Entries that complete an existing get_metrics dict (counters: total, failed, duration). */
export const METRIC_ENTRIES = {
  success_rate: ['success_rate', 'round((self._total_operations - self._failed_operations) / self._total_operations, 4) if self._total_operations > 0 else 1.0'],
  failure: ['failed_operations', 'self._failed_operations'],
  avg_duration: ['avg_duration_ms', 'round(self._total_duration_ms / self._total_operations, 2) if self._total_operations > 0 else 0.0'],
} as const;

function tracksOutcome(counters: ReadonlySet<MetricCounter>): boolean {
  return counters.has('_failed_operations') || counters.has('_successful_operations');
}

/** Lines before the wrapped body of the execute method. */
export function trackingPrologue(perfCounter: string, startName: string, failedName: string, counters: ReadonlySet<MetricCounter>): string {
  return [
    '# Metrics tracking: duration, success and failure of every operation',
    `${startName} = ${perfCounter}`,
    ...(tracksOutcome(counters) ? [`${failedName} = False`] : []),
  ].join('\n');
}

/**
 * The handlers after the wrapped body (at the `try`'s indentation); only the counters the class
 * does not update elsewhere are updated here (no operation is counted twice).
 */
export function trackingHandlers(perfCounter: string, startName: string, failedName: string, durationName: string,
  counters: ReadonlySet<MetricCounter>): string {
  const outcome: string[] = [];
  if (counters.has('_failed_operations') && counters.has('_successful_operations')) {
    outcome.push(`    if ${failedName}:`, '        self._failed_operations += 1', '    else:', '        self._successful_operations += 1');
  } else if (counters.has('_failed_operations')) {
    outcome.push(`    if ${failedName}:`, '        self._failed_operations += 1');
  } else if (counters.has('_successful_operations')) {
    outcome.push(`    if not ${failedName}:`, '        self._successful_operations += 1');
  }
  return [
    ...(tracksOutcome(counters) ? ['except BaseException:', `    ${failedName} = True`, '    raise'] : []),
    'finally:',
    ...(counters.has('_total_duration_ms') ? [`    ${durationName} = (${perfCounter} - ${startName}) * 1000`] : []),
    ...(counters.has('_total_operations') ? ['    self._total_operations += 1'] : []),
    ...(counters.has('_total_duration_ms') ? [`    self._total_duration_ms += ${durationName}`] : []),
    ...outcome,
  ].join('\n');
}
