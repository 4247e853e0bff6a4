// The Python snippets contributed in snippets/python.json: one per production pattern, and a
// whole-node file template rendered from the same template as scaffolded nodes (so the two never
// drift). snippets/python.json is this module's output, checked in; test/scaffold/snippets.test.ts
// fails when it is out of date. Regenerate with:
//   npx tsx src/core/scaffold/python/snippets.ts --write
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERIC_PROFILE } from './kinds';
import type { PythonNames } from './names';
import { renderNodePy } from './node';

export interface VsCodeSnippet {
  prefix: string;
  description: string;
  body: string[];
  isFileTemplate?: boolean;
}

/** Where a pattern snippet belongs: in a class body, in `__init__`, or in an async method. */
export type SnippetHost = 'class-body' | 'init-body' | 'async-method-body';

export interface PatternSnippet extends VsCodeSnippet {
  host: SnippetHost;
}

const KIND_CHOICE = '${2|effect,compute,reducer,orchestrator|}';

// Bodies use tabs for indentation (VS Code converts them to the editor's indentation) and single
// quotes in TypeScript so that `${1:...}` stays literal.
export const PATTERN_SNIPPETS: Readonly<Record<string, PatternSnippet>> = {
  'ONEX: health check mode detection': {
    prefix: 'onex-health',
    host: 'init-body',
    description: 'Pattern 1: detect health check mode (defensively) and skip expensive initialization in it.',
    body: [
      '# Health check mode detection: health probes build the node without',
      '# creating clients or registering with service discovery',
      'try:',
      '\t${1:health_check_mode} = bool(',
      '\t\tcontainer.config.get("health_check_mode")',
      '\t\tif hasattr(container.config, "get")',
      '\t\telse False',
      '\t)',
      'except Exception:',
      '\t$1 = False',
      '',
      'if not $1:',
      '\t${2:self._register_with_consul_sync()}',
      'else:',
      '\temit_log_event(',
      '\t\tLogLevel.DEBUG,',
      '\t\t"Health check mode enabled - skipping ${3:client initialization}",',
      '\t\t{"node_id": str(self.node_id)},',
      '\t)',
      '$0',
    ],
  },
  'ONEX: Consul registration and deregistration': {
    prefix: 'onex-consul',
    host: 'class-body',
    description: 'Pattern 2: register with Consul (with a /health check) and deregister on shutdown; failures are logged, never raised. Hosts come from configuration.',
    body: [
      'def _register_with_consul_sync(self) -> None:',
      '\t"""Register with Consul for service discovery; failures are logged, not raised."""',
      '\tif not self.consul_host or not self.service_host:',
      '\t\temit_log_event(',
      '\t\t\tLogLevel.INFO,',
      '\t\t\t"Consul registration skipped - consul_host/service_host not set",',
      '\t\t\t{"node_id": str(self.node_id)},',
      '\t\t)',
      '\t\treturn',
      '\ttry:',
      '\t\timport consul',
      '',
      '\t\tconsul_client = consul.Consul(host=self.consul_host, port=self.consul_port)',
      '\t\tservice_id = f"${1:onex-my-node}-{self.node_id}"',
      '\t\tconsul_client.agent.service.register(',
      '\t\t\t"$1",',
      '\t\t\tservice_id=service_id,',
      '\t\t\taddress=self.service_host,',
      '\t\t\tport=self.service_port,',
      '\t\t\ttags=["onex", "${2|effect,compute,reducer,orchestrator|}"],',
      '\t\t\tcheck=consul.Check.http(',
      '\t\t\t\tf"http://{self.service_host}:{self.service_port}${3:/health}",',
      '\t\t\t\tinterval="${4:30s}",',
      '\t\t\t\ttimeout="${5:5s}",',
      '\t\t\t),',
      '\t\t)',
      '\t\tself._consul_service_id = service_id',
      '\t\temit_log_event(',
      '\t\t\tLogLevel.INFO,',
      '\t\t\t"Registered with Consul successfully",',
      '\t\t\t{"node_id": str(self.node_id), "service_id": service_id},',
      '\t\t)',
      '\texcept ImportError:',
      '\t\temit_log_event(',
      '\t\t\tLogLevel.WARNING,',
      '\t\t\t"python-consul not installed - Consul registration skipped",',
      '\t\t\t{"node_id": str(self.node_id)},',
      '\t\t)',
      '\texcept Exception as e:',
      '\t\temit_log_event(',
      '\t\t\tLogLevel.ERROR,',
      '\t\t\t"Failed to register with Consul",',
      '\t\t\t{"node_id": str(self.node_id), "error": str(e), "error_type": type(e).__name__},',
      '\t\t)',
      '',
      'def _deregister_from_consul(self) -> None:',
      '\t"""Deregister from Consul on shutdown so no stale entry stays in the catalog."""',
      '\tservice_id = getattr(self, "_consul_service_id", None)',
      '\tif service_id is None:',
      '\t\treturn',
      '\ttry:',
      '\t\timport consul',
      '',
      '\t\tconsul_client = consul.Consul(host=self.consul_host, port=self.consul_port)',
      '\t\tconsul_client.agent.service.deregister(service_id)',
      '\t\tself._consul_service_id = None',
      '\texcept ImportError:',
      '\t\tpass',
      '\texcept Exception as e:',
      '\t\temit_log_event(',
      '\t\t\tLogLevel.WARNING,',
      '\t\t\t"Failed to deregister from Consul",',
      '\t\t\t{"node_id": str(self.node_id), "error": str(e), "error_type": type(e).__name__},',
      '\t\t)',
      '$0',
    ],
  },
  'ONEX: publish an event with OnexEnvelopeV1': {
    prefix: 'onex-publish',
    host: 'class-body',
    description: 'Pattern 3: publish_with_envelope with event metadata, inside try/except so a publishing failure never fails the operation.',
    body: [
      'async def _publish_event(self, event_type: str, data: dict[str, Any]) -> None:',
      '\t"""Publish an event wrapped in an OnexEnvelopeV1; failures are logged, not raised."""',
      '\ttry:',
      '\t\ttopic_name = f"{self.default_namespace}.{event_type}.v1"',
      '\t\tif self.${1:kafka_client} is not None and self.$1.is_connected:',
      '\t\t\tevent_metadata: dict[str, Any] = {',
      '\t\t\t\t"event_category": "${2:my_domain}",',
      '\t\t\t\t"node_type": "${3|effect,compute,reducer,orchestrator|}",',
      '\t\t\t\t"namespace": self.default_namespace,',
      '\t\t\t}',
      '\t\t\tif getattr(self, "_consul_service_id", None):',
      '\t\t\t\tevent_metadata["consul_service_id"] = self._consul_service_id',
      '\t\t\tawait self.$1.publish_with_envelope(',
      '\t\t\t\tevent_type=event_type,',
      '\t\t\t\tsource_node_id=str(self.node_id),',
      '\t\t\t\tpayload={**data, "node_id": str(self.node_id)},',
      '\t\t\t\ttopic=topic_name,',
      '\t\t\t\tcorrelation_id=data.get("correlation_id"),',
      '\t\t\t\tmetadata=event_metadata,',
      '\t\t\t)',
      '\t\telse:',
      '\t\t\temit_log_event(',
      '\t\t\t\tLogLevel.DEBUG,',
      '\t\t\t\tf"Kafka unavailable, logging event: {event_type}",',
      '\t\t\t\t{"node_id": str(self.node_id), "event_type": event_type, "data": data},',
      '\t\t\t)',
      '\texcept Exception as e:',
      '\t\t# Log the error but don\'t fail the operation',
      '\t\temit_log_event(',
      '\t\t\tLogLevel.WARNING,',
      '\t\t\tf"Failed to publish Kafka event: {event_type}",',
      '\t\t\t{"node_id": str(self.node_id), "error": str(e), "error_type": type(e).__name__},',
      '\t\t)',
      '$0',
    ],
  },
  'ONEX: error handling ladder': {
    prefix: 'onex-errors',
    host: 'async-method-body',
    description: 'Pattern 4: let ModelOnexError through unchanged, map the rest to real EnumCoreErrorCode members, chain with `from e`.',
    body: [
      'try:',
      '\t${1:result = await self._run_operation(input_data)}',
      '',
      'except ModelOnexError:',
      '\t# Don\'t wrap ModelOnexError - re-raise to preserve its code and context',
      '\traise',
      '',
      'except ConnectionError as e:',
      '\traise ModelOnexError(',
      '\t\tmessage=f"Network connection failed: {e!s}",',
      '\t\terror_code=EnumCoreErrorCode.NETWORK_ERROR,',
      '\t\tdetails={"node_id": str(self.node_id), "correlation_id": str(${2:input_data.correlation_id})},',
      '\t) from e',
      '',
      'except (TimeoutError, asyncio.TimeoutError) as e:',
      '\traise ModelOnexError(',
      '\t\tmessage=f"Operation timed out: {e!s}",',
      '\t\terror_code=EnumCoreErrorCode.TIMEOUT,',
      '\t\tdetails={"node_id": str(self.node_id), "correlation_id": str($2)},',
      '\t) from e',
      '',
      'except (ValueError, KeyError, AttributeError) as e:',
      '\temit_log_event(',
      '\t\tLogLevel.ERROR,',
      '\t\tf"Invalid data: {e}",',
      '\t\t{"node_id": str(self.node_id), "error": str(e), "error_type": type(e).__name__},',
      '\t)',
      '\traise ModelOnexError(',
      '\t\tmessage=f"Invalid data: {e!s}",',
      '\t\terror_code=EnumCoreErrorCode.VALIDATION_ERROR,',
      '\t\tdetails={"node_id": str(self.node_id), "correlation_id": str($2)},',
      '\t) from e',
      '',
      'except Exception as e:',
      '\temit_log_event(',
      '\t\tLogLevel.ERROR,',
      '\t\tf"Unexpected error: {type(e).__name__}",',
      '\t\t{"node_id": str(self.node_id), "error": str(e), "error_type": type(e).__name__},',
      '\t)',
      '\tlogger.error(f"Unexpected error: {type(e).__name__}", exc_info=True)',
      '\traise ModelOnexError(',
      '\t\tmessage=f"Unexpected error: {e!s}",',
      '\t\terror_code=EnumCoreErrorCode.INTERNAL_ERROR,',
      '\t\tdetails={"node_id": str(self.node_id), "correlation_id": str($2)},',
      '\t) from e',
      '$0',
    ],
  },
  'ONEX: startup and shutdown lifecycle': {
    prefix: 'onex-lifecycle',
    host: 'class-body',
    description: 'Pattern 5: async startup()/shutdown() hooks that degrade instead of failing, connect Kafka and deregister from Consul.',
    body: [
      'async def startup(self) -> None:',
      '\t"""Node startup lifecycle hook: initialize services and connect clients."""',
      '\temit_log_event(LogLevel.INFO, "${1:Node} starting up", {"node_id": str(self.node_id)})',
      '\tif hasattr(self.container, "initialize"):',
      '\t\ttry:',
      '\t\t\tawait self.container.initialize()',
      '\t\texcept Exception as e:',
      '\t\t\temit_log_event(',
      '\t\t\t\tLogLevel.WARNING,',
      '\t\t\t\tf"Container initialization failed, running degraded: {e}",',
      '\t\t\t\t{"node_id": str(self.node_id), "error_type": type(e).__name__},',
      '\t\t\t)',
      '\tif self.${2:kafka_client} is not None and not self.$2.is_connected:',
      '\t\ttry:',
      '\t\t\tawait self.$2.connect()',
      '\t\texcept Exception as e:',
      '\t\t\temit_log_event(',
      '\t\t\t\tLogLevel.WARNING,',
      '\t\t\t\tf"Kafka connection failed: {e}",',
      '\t\t\t\t{"node_id": str(self.node_id)},',
      '\t\t\t)',
      '\temit_log_event(LogLevel.INFO, "$1 startup complete", {"node_id": str(self.node_id)})',
      '',
      'async def shutdown(self) -> None:',
      '\t"""Node shutdown lifecycle hook: clean up services and deregister."""',
      '\temit_log_event(LogLevel.INFO, "$1 shutting down", {"node_id": str(self.node_id)})',
      '\tif hasattr(self.container, "cleanup"):',
      '\t\ttry:',
      '\t\t\tawait self.container.cleanup()',
      '\t\texcept Exception as e:',
      '\t\t\temit_log_event(',
      '\t\t\t\tLogLevel.WARNING,',
      '\t\t\t\tf"Container cleanup failed: {e}",',
      '\t\t\t\t{"node_id": str(self.node_id), "error_type": type(e).__name__},',
      '\t\t\t)',
      '\t${3:self._deregister_from_consul()}',
      '\temit_log_event(LogLevel.INFO, "$1 shutdown complete", {"node_id": str(self.node_id)})',
      '$0',
    ],
  },
  'ONEX: defensive configuration helper': {
    prefix: 'onex-config',
    host: 'class-body',
    description: 'Pattern 6: read container.config defensively (missing config, plain dicts, dependency_injector); defaults come from the caller, not from os.getenv or hard-coded hosts.',
    body: [
      'def ${1:_config_value}(self, key: str, default: Any = None) -> Any:',
      '\t"""A value from the container\'s configuration, or `default` when missing or unreadable."""',
      '\ttry:',
      '\t\tif hasattr(self.container.config, "get") and callable(',
      '\t\t\tself.container.config.get',
      '\t\t):',
      '\t\t\tvalue = self.container.config.get(key)',
      '\t\t\treturn default if value is None else value',
      '\texcept Exception:',
      '\t\tpass',
      '\treturn default',
      '$0',
    ],
  },
  'ONEX: get-or-create service resolution': {
    prefix: 'onex-service',
    host: 'init-body',
    description: 'Pattern 7: get a service from the container, test it for None, and create (and register) it when missing, except in health check mode.',
    body: [
      '# Service resolution: get ${1:kafka_client} from the container, or create it',
      'try:',
      '\tself.$1 = container.get_service("$1")',
      'except Exception:',
      '\t# Today\'s ModelONEXContainer raises for services it cannot resolve',
      '\tself.$1 = None',
      'if self.$1 is None and not ${2:health_check_mode}:',
      '\ttry:',
      '\t\tfrom ${3:omninode_bridge.services.kafka_client} import ${4:KafkaClient}',
      '',
      '\t\tself.$1 = $4(${5:bootstrap_servers=self._config_value("kafka_bootstrap_servers")})',
      '\t\tif hasattr(container, "register_service"):',
      '\t\t\tcontainer.register_service("$1", self.$1)',
      '\texcept ImportError:',
      '\t\temit_log_event(',
      '\t\t\tLogLevel.WARNING,',
      '\t\t\t"$4 not available - continuing without it",',
      '\t\t\t{"node_id": str(self.node_id)},',
      '\t\t)',
      '\t\tself.$1 = None',
      '$0',
    ],
  },
  'ONEX: event metadata': {
    prefix: 'onex-metadata',
    host: 'async-method-body',
    description: 'Pattern 8: the metadata of an envelope event: event_category, node_type, namespace, and consul_service_id when registered.',
    body: [
      'event_metadata: dict[str, Any] = {',
      '\t"event_category": "${1:my_domain}",',
      '\t"node_type": "' + KIND_CHOICE + '",',
      '\t"namespace": ${3:self.default_namespace},',
      '}',
      'if getattr(self, "_consul_service_id", None):',
      '\tevent_metadata["consul_service_id"] = self._consul_service_id',
      '$0',
    ],
  },
  'ONEX: comprehensive metrics': {
    prefix: 'onex-metrics',
    host: 'class-body',
    description: 'Pattern 9: count operations with their durations and report success_rate, failed_operations and avg_duration_ms from get_metrics().',
    body: [
      '# Initialize in __init__: self._total_operations = 0, self._successful_operations = 0,',
      '# self._failed_operations = 0, self._total_duration_ms = 0.0',
      'def _record_operation(self, duration_ms: float, succeeded: bool) -> None:',
      '\t"""Count one operation and its duration (measured with time.perf_counter())."""',
      '\tself._total_operations += 1',
      '\tself._total_duration_ms += duration_ms',
      '\tif succeeded:',
      '\t\tself._successful_operations += 1',
      '\telse:',
      '\t\tself._failed_operations += 1',
      '',
      'def get_metrics(self) -> dict[str, Any]:',
      '\t"""Metrics for monitoring and alerting."""',
      '\ttotal = self._total_operations',
      '\tavg_duration_ms = self._total_duration_ms / total if total > 0 else 0.0',
      '\tsuccess_rate = self._successful_operations / total if total > 0 else 1.0',
      '\treturn {',
      '\t\t"total_operations": total,',
      '\t\t"successful_operations": self._successful_operations,',
      '\t\t"failed_operations": self._failed_operations,',
      '\t\t"success_rate": round(success_rate, 4),',
      '\t\t"avg_duration_ms": round(avg_duration_ms, 2),',
      '\t\t"total_duration_ms": round(self._total_duration_ms, 2),$0',
      '\t}',
    ],
  },
  'ONEX: high-precision timing': {
    prefix: 'onex-timing',
    host: 'async-method-body',
    description: 'Pattern 10: time an operation with time.perf_counter() and log its duration in milliseconds.',
    body: [
      'start_time = time.perf_counter()',
      '${1:result = await self._run_operation(input_data)}',
      'duration_ms = (time.perf_counter() - start_time) * 1000',
      'emit_log_event(',
      '\tLogLevel.INFO,',
      '\t"${2:Operation completed}",',
      '\t{"node_id": str(self.node_id), "duration_ms": round(duration_ms, 2)},',
      ')',
      '$0',
    ],
  },
};

/**
 * Escapes literal text for a snippet body: `\\` and `$` get a backslash. A `}` outside a placeholder
 * is literal in VS Code's snippet grammar, so Python dicts stay readable.
 */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$]/g, (c) => `\\${c}`);
}

// Sentinels stand for the names in the rendered template, replaced by placeholders after escaping.
const S = { name: '\u0001N\u0001', domain: '\u0001D\u0001', kind: '\u0001K\u0001', kindTitle: '\u0001T\u0001' };

/** The whole-node file template: the scaffold's node.py (today's framework, models inline). */
export function nodeFileTemplate(): VsCodeSnippet {
  const names: PythonNames = {
    nodeName: S.name,
    kind: S.kind,
    kindTitle: S.kindTitle,
    className: `Node${S.domain}${S.kindTitle}`,
    inputModel: `Model${S.domain}Input`,
    outputModel: `Model${S.domain}Output`,
    inputModule: '',
    outputModule: '',
  };
  const rendered = renderNodePy(names, GENERIC_PROFILE, {
    target: 'current', inlineModels: true, entryKind: 'effect', baseImport: 'package',
  });
  // Tab stops in reading order: 1 the class names' domain part, 2 the kind (a choice; the base class
  // is imported from omnibase_core.nodes so only its PascalCase form matters), 3 the snake_case node
  // name. Only NODE_TYPE and prose use a transform (lower-cased kind): when a user escapes the
  // snippet before tabbing through, transforms are not applied, and the code must still run.
  const firstThenMirror = (text: string, sentinel: string, first: string, mirror: string) => {
    const i = text.indexOf(sentinel);
    if (i < 0) throw new Error(`file template: ${JSON.stringify(sentinel)} does not occur`);
    return text.slice(0, i) + first + text.slice(i + sentinel.length).split(sentinel).join(mirror);
  };
  let body = escapeSnippetText(rendered);
  body = firstThenMirror(body, S.domain, '${1:PaymentGateway}', '${1}');
  body = firstThenMirror(body, S.kindTitle, '${2|Effect,Compute,Reducer,Orchestrator|}', '${2}');
  body = body.split(S.kind).join('${2/(.*)/${1:/downcase}/}');
  body = firstThenMirror(body, S.name, '${3:payment_gateway}', '${3}');
  const lines = body.replace(/\n$/, '').split('\n').map((line) => line.replace(/^( {4})+/, (indent) => '\t'.repeat(indent.length / 4)));
  return {
    prefix: 'onex-node',
    description: 'A whole production ONEX node file: the ten patterns, the input/output models, today\'s framework imports.',
    isFileTemplate: true,
    body: lines,
  };
}

export function buildPythonSnippets(): Record<string, VsCodeSnippet> {
  const out: Record<string, VsCodeSnippet> = {};
  for (const [title, snippet] of Object.entries(PATTERN_SNIPPETS)) {
    out[title] = { prefix: snippet.prefix, description: snippet.description, body: snippet.body };
  }
  out['ONEX: production node (whole file)'] = nodeFileTemplate();
  return out;
}

export function pythonSnippetsJson(): string {
  return `${JSON.stringify(buildPythonSnippets(), null, 2)}\n`;
}

if (require.main === module && process.argv.includes('--write')) {
  const target = join(__dirname, '..', '..', '..', '..', 'snippets', 'python.json');
  writeFileSync(target, pythonSnippetsJson());
  console.log(`wrote ${target}`);
}
