// The TypeScript snippets contributed in snippets/typescript.json: one per production pattern (the
// same prefixes as the Python ones), and a whole-node file template rendered from the same template
// as scaffolded nodes (so the two never drift). snippets/typescript.json is this module's output,
// checked in; test/typescript/snippets.test.ts fails when it is out of date. Regenerate with:
//   npx tsx src/core/scaffold/typescript/snippets.ts --write
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERIC_PROFILE } from './kinds';
import { renderNodeTs, type TsNames } from './node';

export interface VsCodeSnippet {
  prefix: string;
  description: string;
  body: string[];
  isFileTemplate?: boolean;
}

/** Where a pattern snippet belongs: in a class body, in the constructor, or in an async method. */
export type SnippetHost = 'class-body' | 'constructor-body' | 'async-method-body';

export interface PatternSnippet extends VsCodeSnippet {
  host: SnippetHost;
}

/**
 * Snippet bodies are written as text with tabs for indentation (VS Code converts them to the
 * editor's indentation); `$` that must stay literal (template literals) is written `\\$`.
 * Each snippet assumes the scaffold's runtime names are imported (emitLogEvent, LogLevel, OnexError,
 * EnumCoreErrorCode, KafkaClient, ConsulClient) and, in a class, the runtime base's `container` and
 * `nodeId`.
 */
function body(text: string): string[] {
  return text.replace(/^\n/, '').replace(/\n$/, '').split('\n');
}

export const PATTERN_SNIPPETS: Readonly<Record<string, PatternSnippet>> = {
  'ONEX: health check mode detection': {
    prefix: 'onex-health',
    host: 'constructor-body',
    description: 'Pattern 1: detect health check mode (defensively) and skip expensive initialization in it.',
    body: body(`
// Health check mode detection: health probes build the node without
// creating clients or registering with service discovery
let \${1:healthCheckMode} = false;
try {
	const config = container.config;
	$1 = typeof config?.get === 'function' ? Boolean(config.get('health_check_mode')) : false;
} catch {
	$1 = false;
}
if (!$1) {
	\${2:// create clients, register with Consul}
} else {
	emitLogEvent(LogLevel.DEBUG, 'Health check mode enabled - skipping \${3:client initialization}', { nodeId: this.nodeId });
}
$0`),
  },
  'ONEX: Consul registration and deregistration': {
    prefix: 'onex-consul',
    host: 'class-body',
    description: 'Pattern 2: register with Consul (with an HTTP health check) and deregister on shutdown; failures are logged, never thrown. Hosts come from configuration.',
    body: body(`
private consulServiceId: string | undefined;

/** Registers with Consul for service discovery; failures are logged, not thrown. */
private async registerWithConsul(): Promise<void> {
	const consul = this.container.getService<ConsulClient>('\${1:consul_client}');
	if (!consul) {
		emitLogEvent(LogLevel.WARNING, 'Consul client not available - service registration skipped', { nodeId: this.nodeId });
		return;
	}
	const serviceId = \`\${2:my-service}-\\\${this.nodeId}\`;
	try {
		await consul.agent.service.register({
			name: '$2',
			id: serviceId,
			tags: ['onex', '\${3|effect,compute,reducer,orchestrator|}'],
			check: { name: '$2 health', http: \${4:'http://my-service.internal:8080/health'}, interval: '30s', timeout: '5s' },
		});
		this.consulServiceId = serviceId;
		emitLogEvent(LogLevel.INFO, 'Registered with Consul', { nodeId: this.nodeId, serviceId });
	} catch (error) {
		emitLogEvent(LogLevel.ERROR, 'Failed to register with Consul', { nodeId: this.nodeId, error: String(error) });
	}
}

/** Deregisters from Consul on shutdown so no stale entry stays in the catalog. */
private async deregisterFromConsul(): Promise<void> {
	const serviceId = this.consulServiceId;
	const consul = this.container.getService<ConsulClient>('$1');
	if (!serviceId || !consul) return;
	try {
		await consul.agent.service.deregister(serviceId);
		this.consulServiceId = undefined;
		emitLogEvent(LogLevel.INFO, 'Deregistered from Consul', { nodeId: this.nodeId, serviceId });
	} catch (error) {
		emitLogEvent(LogLevel.WARNING, 'Failed to deregister from Consul', { nodeId: this.nodeId, error: String(error) });
	}
}
$0`),
  },
  'ONEX: publish an event with OnexEnvelopeV1': {
    prefix: 'onex-publish',
    host: 'class-body',
    description: 'Pattern 3: publishWithEnvelope with event metadata, inside try/catch so a publishing failure never fails the operation.',
    body: body(`
/** Publishes an event wrapped in OnexEnvelopeV1; a publishing failure is logged, never thrown. */
private async \${1:publishEvent}(eventType: string, payload: Record<string, unknown>, correlationId?: string): Promise<void> {
	try {
		if (this.kafkaClient?.isConnected) {
			await this.kafkaClient.publishWithEnvelope({
				eventType,
				sourceNodeId: this.nodeId,
				payload,
				topic: \`\${2:onex}.\\\${eventType}.v1\`,
				correlationId,
				metadata: {
					event_category: '\${3:my_domain}',
					node_type: '\${4|effect,compute,reducer,orchestrator|}',
					namespace: '$2',
				},
			});
		} else {
			emitLogEvent(LogLevel.DEBUG, \`Kafka unavailable, logging event: \\\${eventType}\`, { nodeId: this.nodeId, payload });
		}
	} catch (error) {
		emitLogEvent(LogLevel.WARNING, \`Failed to publish Kafka event: \\\${eventType}\`, { nodeId: this.nodeId, error: String(error) });
	}
}
$0`),
  },
  'ONEX: error handling ladder': {
    prefix: 'onex-errors',
    host: 'async-method-body',
    description: 'Pattern 4: let OnexError through unchanged, map the rest to real EnumCoreErrorCode members, chain with { cause }.',
    body: body(`
try {
	\${1:return await this.doWork();}
} catch (error) {
	// Don't wrap OnexError: re-throw it to keep its error code and context
	if (error instanceof OnexError) throw error;
	const details = { nodeId: this.nodeId, errorType: error instanceof Error ? error.name : typeof error };
	if (error instanceof TypeError || error instanceof RangeError) {
		throw new OnexError(\`Invalid data: \\\${String(error)}\`, EnumCoreErrorCode.VALIDATION_ERROR, { details, cause: error });
	}
	emitLogEvent(LogLevel.ERROR, \`Unexpected error: \\\${String(error)}\`, details);
	throw new OnexError(\`\${2:Operation failed}: \\\${String(error)}\`, EnumCoreErrorCode.\${3|INTERNAL_ERROR,OPERATION_FAILED,NETWORK_ERROR,TIMEOUT|}, { details, cause: error });
}
$0`),
  },
  'ONEX: startup and shutdown lifecycle': {
    prefix: 'onex-lifecycle',
    host: 'class-body',
    description: 'Pattern 5: async startup()/shutdown() hooks that degrade instead of failing: connect and disconnect Kafka, then the node\'s own start and stop steps.',
    body: body(`
/** Startup lifecycle hook: connects Kafka; failures degrade the node instead of failing it. */
async startup(): Promise<void> {
	emitLogEvent(LogLevel.INFO, '\${1:Node} starting up', { nodeId: this.nodeId });
	if (this.kafkaClient && !this.kafkaClient.isConnected) {
		try {
			await this.kafkaClient.connect();
		} catch (error) {
			emitLogEvent(LogLevel.WARNING, 'Kafka connection failed, continuing in degraded mode', { nodeId: this.nodeId, error: String(error) });
		}
	}
	\${2:// register with Consul}
	emitLogEvent(LogLevel.INFO, '$1 startup complete', { nodeId: this.nodeId });
}

/** Shutdown lifecycle hook: deregisters and disconnects; failures are logged. */
async shutdown(): Promise<void> {
	emitLogEvent(LogLevel.INFO, '$1 shutting down', { nodeId: this.nodeId });
	\${3:// deregister from Consul}
	if (this.kafkaClient?.isConnected) {
		try {
			await this.kafkaClient.disconnect();
		} catch (error) {
			emitLogEvent(LogLevel.WARNING, 'Kafka disconnect failed', { nodeId: this.nodeId, error: String(error) });
		}
	}
	emitLogEvent(LogLevel.INFO, '$1 shutdown complete', { nodeId: this.nodeId });
}
$0`),
  },
  'ONEX: defensive configuration helper': {
    prefix: 'onex-config',
    host: 'class-body',
    description: 'Pattern 6: read container.config defensively (missing config, plain objects, providers without get); defaults come from the caller, not from process.env or hard-coded hosts.',
    body: body(`
/** Reads a configuration value defensively; the default comes from the caller. */
private \${1:readConfig}<T>(key: string, fallback: T): T {
	try {
		const config = this.container.config;
		if (typeof config?.get === 'function') {
			const value = config.get<T>(key);
			return value === undefined || value === null ? fallback : value;
		}
	} catch (error) {
		emitLogEvent(LogLevel.DEBUG, \`Configuration read failed for \\\${key}; using the default\`, { nodeId: this.nodeId, error: String(error) });
	}
	return fallback;
}
$0`),
  },
  'ONEX: get-or-create service resolution': {
    prefix: 'onex-service',
    host: 'constructor-body',
    description: 'Pattern 7: get a service from the container, test it for absence, and create (and register) it when missing, except in health check mode.',
    body: body(`
let \${1:kafkaClient} = container.getService<KafkaClient>('\${2:kafka_client}');
if (!$1 && !\${3:healthCheckMode}) {
	$1 = new KafkaClient({ brokers: \${4:brokers}, clientId: '\${5:my-service}' });
	container.registerService('$2', $1);
}
if (!$1) {
	emitLogEvent(LogLevel.WARNING, 'KafkaClient not available - events will be logged only', { nodeId: this.nodeId });
}
$0`),
  },
  'ONEX: event metadata': {
    prefix: 'onex-metadata',
    host: 'async-method-body',
    description: 'Pattern 8: the metadata of an envelope event: event_category, node_type, namespace (wire keys, snake_case), and consul_service_id when registered.',
    body: body(`
const \${1:eventMetadata}: Record<string, unknown> = {
	event_category: '\${2:my_domain}',
	node_type: '\${3|effect,compute,reducer,orchestrator|}',
	namespace: \${4:'onex'},
	consul_service_id: \${5:undefined},
};
$0`),
  },
  'ONEX: comprehensive metrics': {
    prefix: 'onex-metrics',
    host: 'class-body',
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
  'ONEX: high-precision timing': {
    prefix: 'onex-timing',
    host: 'async-method-body',
    description: 'Pattern 10: time an operation with performance.now() and log its duration in milliseconds.',
    body: body(`
const \${1:startedAt} = performance.now();
\${2:await this.doWork();}
const durationMs = performance.now() - $1;
emitLogEvent(LogLevel.INFO, '\${3:Operation completed}', { nodeId: this.nodeId, durationMs: Math.round(durationMs * 100) / 100 });
$0`),
  },
};

/** Escapes literal text for a snippet body: `\\` and `$` get a backslash. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$]/g, (c) => `\\${c}`);
}

// Sentinels stand for the names in the rendered template, replaced by placeholders after escaping.
const S = { name: '\u0001N\u0001', domain: '\u0001D\u0001', runtime: '\u0001R\u0001' };

/** Replaces a sentinel: its first occurrence carries the placeholder's default, later ones mirror it. */
function placeholder(text: string, sentinel: string, n: number, defaultValue: string): string {
  let first = true;
  return text.split(sentinel).reduce((acc, part, i) => {
    if (i === 0) return part;
    const p = first ? `\${${n}:${defaultValue}}` : `$${n}`;
    first = false;
    return acc + p + part;
  }, '');
}

/** The whole-node file template: the scaffold's node.ts (an effect node) with its model types inline. */
export function nodeFileTemplate(): VsCodeSnippet {
  const names: TsNames = {
    nodeName: S.name,
    kind: 'effect',
    className: `Node${S.domain}Effect`,
    baseClass: 'NodeEffect',
    inputType: `Model${S.domain}Input`,
    outputType: `Model${S.domain}Output`,
    resultType: `Model${S.domain}Result`,
    serviceName: S.name,
    eventCategory: S.name,
  };
  const rendered = renderNodeTs(names, GENERIC_PROFILE, { target: 'current', runtimeImport: S.runtime, modelsImport: null });
  let text = escapeSnippetText(rendered);
  text = placeholder(text, S.domain, 1, 'PaymentGateway');
  text = placeholder(text, S.name, 2, 'payment_gateway');
  text = placeholder(text, S.runtime, 3, '@omninode/onex-runtime');
  const lines = text.split('\n').map((line) => {
    const indent = /^ */.exec(line)![0].length;
    return '\t'.repeat(Math.floor(indent / 2)) + line.slice(indent - (indent % 2));
  });
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return {
    prefix: 'onex-node',
    description: 'A whole production ONEX effect node file in TypeScript: the ten patterns, its model types and the runtime imports.',
    isFileTemplate: true,
    body: lines,
  };
}

export function buildTypeScriptSnippets(): Record<string, VsCodeSnippet> {
  const out: Record<string, VsCodeSnippet> = {};
  for (const [name, s] of Object.entries(PATTERN_SNIPPETS)) {
    out[name] = { prefix: s.prefix, description: s.description, body: s.body };
  }
  out['ONEX: production node (whole file)'] = nodeFileTemplate();
  return out;
}

export function typeScriptSnippetsJson(): string {
  return `${JSON.stringify(buildTypeScriptSnippets(), null, 2)}\n`;
}

if (require.main === module && process.argv.includes('--write')) {
  writeFileSync(join(__dirname, '..', '..', '..', '..', 'snippets', 'typescript.json'), typeScriptSnippetsJson());
}
