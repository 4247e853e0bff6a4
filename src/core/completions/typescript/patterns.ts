// The ten production patterns as TypeScript snippets (the bridge idiom: TypeScript files take it, there
// being no TypeScript runtime of today's framework). Bodies are VS Code snippet syntax with tabs for
// indentation; `$` that must stay literal (template literals) is written `\$`. Every runtime name is a
// «token» the completion imports through the file's runtime import when it lacks it; «@…» tokens are
// values of the place (the constructor's container parameter, the node's id). Members a body uses
// (`this.kafkaClient`, `this.readConfig(…)`) are TS_HELPERS, added to the class when it lacks them.
import type { SnippetHost } from '../types';

export interface TsPattern {
  prefix: string;
  title: string;
  description: string;
  hosts: readonly SnippetHost[];
  body: string;
}

function body(text: string): string {
  return text.replace(/^\n/, '').replace(/\n$/, '');
}

/** Runtime names a body may use, and whether each is a value or only a type. */
export const TS_NAMES: Readonly<Record<string, 'value' | 'type'>> = {
  emitLogEvent: 'value', LogLevel: 'value', OnexError: 'value', EnumCoreErrorCode: 'value', KafkaClient: 'value', ConsulClient: 'type',
};

/** Class members bodies use, by name: added to the class when it lacks them. */
export const TS_HELPERS: Readonly<Record<string, string>> = {
  kafkaClient: 'private kafkaClient: «KafkaClient» | undefined;',
  consulServiceId: 'private consulServiceId: string | undefined;',
  readConfig: body(`
/** Reads a configuration value defensively; the default comes from the caller. */
private readConfig<T>(key: string, fallback: T): T {
	try {
		const config = this.container.config;
		if (typeof config?.get === 'function') {
			const value = config.get<T>(key);
			return value === undefined || value === null ? fallback : value;
		}
	} catch (error) {
		«emitLogEvent»(«LogLevel».DEBUG, \`Configuration read failed for \\\${key}; using the default\`, { nodeId: «@nodeId», error: String(error) });
	}
	return fallback;
}`),
  registerWithConsul: body(`
/** Registers with Consul for service discovery; failures are logged, not thrown. */
private async registerWithConsul(): Promise<void> {
	const consul = this.container.getService<«ConsulClient»>('\${1:consul_client}');
	if (!consul) {
		«emitLogEvent»(«LogLevel».WARNING, 'Consul client not available - service registration skipped', { nodeId: «@nodeId» });
		return;
	}
	const serviceId = \`\${2:«@service»}-\\\${«@nodeId»}\`;
	try {
		await consul.agent.service.register({
			name: '$2',
			id: serviceId,
			tags: ['onex', '«@kind»'],
			check: { name: '$2 health', http: \${3:this.readConfig('health_check_url', '')}, interval: '30s', timeout: '5s' },
		});
		this.consulServiceId = serviceId;
		«emitLogEvent»(«LogLevel».INFO, 'Registered with Consul', { nodeId: «@nodeId», serviceId });
	} catch (error) {
		«emitLogEvent»(«LogLevel».ERROR, 'Failed to register with Consul', { nodeId: «@nodeId», error: String(error) });
	}
}`),
  deregisterFromConsul: body(`
/** Deregisters from Consul on shutdown so no stale entry stays in the catalog. */
private async deregisterFromConsul(): Promise<void> {
	const serviceId = this.consulServiceId;
	const consul = this.container.getService<«ConsulClient»>('\${1:consul_client}');
	if (!serviceId || !consul) return;
	try {
		await consul.agent.service.deregister(serviceId);
		this.consulServiceId = undefined;
		«emitLogEvent»(«LogLevel».INFO, 'Deregistered from Consul', { nodeId: «@nodeId», serviceId });
	} catch (error) {
		«emitLogEvent»(«LogLevel».WARNING, 'Failed to deregister from Consul', { nodeId: «@nodeId», error: String(error) });
	}
}`),
  publishEvent: body(`
/** Publishes an event wrapped in OnexEnvelopeV1; a publishing failure is logged, never thrown. */
private async publishEvent(eventType: string, payload: Record<string, unknown>, correlationId?: string): Promise<void> {
	try {
		if (this.kafkaClient?.isConnected) {
			await this.kafkaClient.publishWithEnvelope({
				eventType,
				sourceNodeId: «@nodeId»,
				payload,
				topic: \`\${1:onex}.\\\${eventType}.v1\`,
				correlationId,
				metadata: {
					event_category: '\${2:«@eventCategory»}',
					node_type: '«@kind»',
					namespace: '$1',
				},
			});
		} else {
			«emitLogEvent»(«LogLevel».DEBUG, \`Kafka unavailable, logging event: \\\${eventType}\`, { nodeId: «@nodeId», payload });
		}
	} catch (error) {
		«emitLogEvent»(«LogLevel».WARNING, \`Failed to publish Kafka event: \\\${eventType}\`, { nodeId: «@nodeId», error: String(error) });
	}
}`),
};

export const TS_PATTERNS: readonly TsPattern[] = [
  {
    prefix: 'onex-health',
    title: 'Health check mode detection',
    hosts: ['init-body'],
    description: 'Pattern 1: detect health check mode (defensively) and skip expensive initialization in it.',
    body: body(`
// Health check mode detection: health probes build the node without
// creating clients or registering with service discovery
let \${1:healthCheckMode} = false;
try {
	const config = «@container».config;
	$1 = typeof config?.get === 'function' ? Boolean(config.get('health_check_mode')) : false;
} catch {
	$1 = false;
}
if (!$1) {
	\${2:// create clients, register with Consul}
} else {
	«emitLogEvent»(«LogLevel».DEBUG, 'Health check mode enabled - skipping \${3:client initialization}', { nodeId: «@nodeId» });
}
$0`),
  },
  {
    prefix: 'onex-consul',
    title: 'Consul registration and deregistration',
    hosts: ['class-body'],
    description: 'Pattern 2: register with Consul (with an HTTP health check) and deregister on shutdown; failures are logged, never thrown. The check URL comes from configuration.',
    body: `${TS_HELPERS.consulServiceId}\n\n${TS_HELPERS.registerWithConsul}\n\n${TS_HELPERS.deregisterFromConsul}\n$0`,
  },
  {
    prefix: 'onex-publish',
    title: 'Publish an event with OnexEnvelopeV1',
    hosts: ['class-body'],
    description: 'Pattern 3: publishWithEnvelope with event metadata, inside try/catch so a publishing failure never fails the operation.',
    body: `${TS_HELPERS.publishEvent}\n$0`,
  },
  {
    prefix: 'onex-errors',
    title: 'Error handling ladder',
    hosts: ['async-method-body'],
    description: 'Pattern 4: let OnexError through unchanged, map the rest to real EnumCoreErrorCode members, chain with { cause }.',
    body: body(`
try {
	\${1:// the operation}
} catch (error) {
	// Don't wrap OnexError: re-throw it to keep its error code and context
	if (error instanceof «OnexError») throw error;
	const details = { nodeId: «@nodeId», errorType: error instanceof Error ? error.name : typeof error };
	if (error instanceof TypeError || error instanceof RangeError) {
		throw new «OnexError»(\`Invalid data: \\\${String(error)}\`, «EnumCoreErrorCode».VALIDATION_ERROR, { details, cause: error });
	}
	«emitLogEvent»(«LogLevel».ERROR, \`Unexpected error: \\\${String(error)}\`, details);
	throw new «OnexError»(\`\${2:Operation failed}: \\\${String(error)}\`, «EnumCoreErrorCode».\${3|INTERNAL_ERROR,OPERATION_FAILED,NETWORK_ERROR,TIMEOUT|}, { details, cause: error });
}
$0`),
  },
  {
    prefix: 'onex-lifecycle',
    title: 'Startup and shutdown lifecycle',
    hosts: ['class-body'],
    description: 'Pattern 5: async startup()/shutdown() hooks that degrade instead of failing: connect and disconnect Kafka, then the node\'s own start and stop steps.',
    body: body(`
/** Startup lifecycle hook: connects Kafka; failures degrade the node instead of failing it. */
async startup(): Promise<void> {
	«emitLogEvent»(«LogLevel».INFO, '\${1:«@class»} starting up', { nodeId: «@nodeId» });
	if (this.kafkaClient && !this.kafkaClient.isConnected) {
		try {
			await this.kafkaClient.connect();
		} catch (error) {
			«emitLogEvent»(«LogLevel».WARNING, 'Kafka connection failed, continuing in degraded mode', { nodeId: «@nodeId», error: String(error) });
		}
	}
	\${2:// register with Consul}
	«emitLogEvent»(«LogLevel».INFO, '$1 startup complete', { nodeId: «@nodeId» });
}

/** Shutdown lifecycle hook: deregisters and disconnects; failures are logged. */
async shutdown(): Promise<void> {
	«emitLogEvent»(«LogLevel».INFO, '$1 shutting down', { nodeId: «@nodeId» });
	\${3:// deregister from Consul}
	if (this.kafkaClient?.isConnected) {
		try {
			await this.kafkaClient.disconnect();
		} catch (error) {
			«emitLogEvent»(«LogLevel».WARNING, 'Kafka disconnect failed', { nodeId: «@nodeId», error: String(error) });
		}
	}
	«emitLogEvent»(«LogLevel».INFO, '$1 shutdown complete', { nodeId: «@nodeId» });
}
$0`),
  },
  {
    prefix: 'onex-config',
    title: 'Defensive configuration helper',
    hosts: ['class-body'],
    description: 'Pattern 6: read container.config defensively (missing config, plain objects, providers without get); defaults come from the caller, not from process.env or hard-coded hosts.',
    body: `${TS_HELPERS.readConfig}\n$0`,
  },
  {
    prefix: 'onex-service',
    title: 'Get-or-create service resolution',
    hosts: ['init-body'],
    description: 'Pattern 7: get a service from the container, test it for absence, and create (and register) it when missing, except in health check mode.',
    body: body(`
let \${1:kafkaClient} = «@container».getService<«KafkaClient»>('\${2:kafka_client}');
if (!$1 && !this.readConfig('health_check_mode', false)) {
	$1 = new «KafkaClient»({ brokers: this.readConfig<string[]>('\${3:kafka_brokers}', []), clientId: '\${4:«@service»}' });
	«@container».registerService('$2', $1);
}
if (!$1) {
	«emitLogEvent»(«LogLevel».WARNING, 'KafkaClient not available - events will be logged only', { nodeId: «@nodeId» });
}
$0`),
  },
  {
    prefix: 'onex-metadata',
    title: 'Event metadata',
    hosts: ['async-method-body'],
    description: 'Pattern 8: the metadata of an envelope event: event_category, node_type, namespace (wire keys, snake_case), and consul_service_id when registered.',
    body: body(`
const \${1:eventMetadata}: Record<string, unknown> = {
	event_category: '\${2:«@eventCategory»}',
	node_type: '«@kind»',
	namespace: \${3:'onex'},
	consul_service_id: \${4:undefined},
};
$0`),
  },
  {
    prefix: 'onex-metrics',
    title: 'Comprehensive metrics',
    hosts: ['class-body'],
    description: 'Pattern 9: count operations with their durations and report successRate, failedOperations and avgDurationMs from getMetrics().',
    body: body(`
private totalOperations = 0;
private successfulOperations = 0;
private failedOperations = 0;
private totalDurationMs = 0;

/** Records one operation: call it from the entry point's success and failure paths. */
private recordOperation(durationMs: number, succeeded: boolean): void {
	this.totalOperations += 1;
	this.totalDurationMs += durationMs;
	if (succeeded) this.successfulOperations += 1;
	else this.failedOperations += 1;
}

/** Metrics for monitoring and alerting. */
getMetrics(): Record<string, number> {
	const total = this.totalOperations;
	return {
		totalOperations: total,
		successfulOperations: this.successfulOperations,
		failedOperations: this.failedOperations,
		successRate: total > 0 ? Math.round((this.successfulOperations / total) * 10_000) / 10_000 : 1,
		avgDurationMs: total > 0 ? Math.round((this.totalDurationMs / total) * 100) / 100 : 0,
		totalDurationMs: Math.round(this.totalDurationMs * 100) / 100,
	};
}
$0`),
  },
  {
    prefix: 'onex-timing',
    title: 'High-precision timing',
    hosts: ['async-method-body'],
    description: 'Pattern 10: time an operation with performance.now() and log its duration in milliseconds.',
    body: body(`
const \${1:startedAt} = performance.now();
\${2:// the operation}
const durationMs = performance.now() - $1;
«emitLogEvent»(«LogLevel».INFO, '\${3:Operation completed}', { nodeId: «@nodeId», durationMs: Math.round(durationMs * 100) / 100 });
$0`),
  },
];

/** Members a class-body body declares at its top level (column 0). */
export function declaredMembers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:(?:private|protected|public|readonly|static|async)\s+)*([A-Za-z_]\w*)\s*[(<:=;?]/gm)) {
    if (!out.includes(m[1])) out.push(m[1]);
  }
  return out;
}

/** Helpers a body uses as `this.<name>` without declaring them. */
export function usedHelpers(text: string, declared: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/this\.(\w+)/g)) {
    if (TS_HELPERS[m[1]] !== undefined && !declared.includes(m[1]) && !out.includes(m[1])) out.push(m[1]);
  }
  return out;
}
