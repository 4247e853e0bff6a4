// The bridge era's ten production patterns (production-vs-template.md) as Python snippets, for node
// classes of bridge-era files. Every name a body uses is a «token» the file provides (an import the
// completion adds when the file lacks it, or a value of the place: the `__init__`'s container
// parameter, the node's id attribute), and every helper method a body calls (`self._config_value(…)`,
// `self._register_with_consul_sync()`) is one of BRIDGE_HELPERS, added to the class when it lacks it.
// Bodies are written with 4-space indentation (the snippet gets tabs) and without `self.` attributes a
// class may not have: configuration is read through `_config_value`, the Kafka client with getattr.
import { type PythonPattern, lines } from './pattern';

/** Helper methods, by name: each is also (part of) a class-body pattern below. */
export const BRIDGE_HELPERS: Readonly<Record<string, string>> = {
  _config_value: lines(`
def _config_value(self, key: str, default: «Any» = None) -> «Any»:
    """A value from the container's configuration, or \`default\` when it is missing or unreadable."""
    try:
        config = self.container.config
        if hasattr(config, "get") and callable(config.get):
            value = config.get(key)
            return default if value is None else value
    except Exception:
        pass
    return default
`),
  _register_with_consul_sync: lines(`
def _register_with_consul_sync(self) -> None:
    """Register with Consul (with an HTTP health check); failures are logged, not raised."""
    consul_host = self._config_value("consul_host")
    service_host = self._config_value("service_host")
    if not consul_host or not service_host:
        «emit_log_event»(
            «LogLevel».INFO,
            "Consul registration skipped - consul_host/service_host not set",
            {"node_id": str(«@node_id»)},
        )
        return
    consul_port = int(self._config_value("consul_port", \${1:8500}))
    service_port = int(self._config_value("service_port", \${2:8080}))
    try:
        import consul

        consul_client = consul.Consul(host=consul_host, port=consul_port)
        service_id = f"\${3:«@service»}-{«@node_id»}"
        consul_client.agent.service.register(
            "$3",
            service_id=service_id,
            address=service_host,
            port=service_port,
            tags=["onex", "«@kind»"],
            check=consul.Check.http(
                f"http://{service_host}:{service_port}\${4:/health}",
                interval="\${5:30s}",
                timeout="\${6:5s}",
            ),
        )
        self._consul_service_id = service_id
        «emit_log_event»(
            «LogLevel».INFO,
            "Registered with Consul successfully",
            {"node_id": str(«@node_id»), "service_id": service_id},
        )
    except ImportError:
        «emit_log_event»(
            «LogLevel».WARNING,
            "python-consul not installed - Consul registration skipped",
            {"node_id": str(«@node_id»)},
        )
    except Exception as e:
        «emit_log_event»(
            «LogLevel».ERROR,
            "Failed to register with Consul",
            {"node_id": str(«@node_id»), "error": str(e), "error_type": type(e).__name__},
        )
`),
  _deregister_from_consul: lines(`
def _deregister_from_consul(self) -> None:
    """Deregister from Consul on shutdown so no stale entry stays in the catalog."""
    service_id = getattr(self, "_consul_service_id", None)
    if service_id is None:
        return
    try:
        import consul

        consul_client = consul.Consul(
            host=self._config_value("consul_host"),
            port=int(self._config_value("consul_port", 8500)),
        )
        consul_client.agent.service.deregister(service_id)
        self._consul_service_id = None
    except ImportError:
        pass
    except Exception as e:
        «emit_log_event»(
            «LogLevel».WARNING,
            "Failed to deregister from Consul",
            {"node_id": str(«@node_id»), "error": str(e), "error_type": type(e).__name__},
        )
`),
  _publish_event: lines(`
async def _publish_event(self, event_type: str, data: dict[str, «Any»]) -> None:
    """Publish an event wrapped in an OnexEnvelopeV1; failures are logged, not raised."""
    try:
        namespace = self._config_value("namespace", "\${1:onex}")
        topic_name = f"{namespace}.{event_type}.v1"
        kafka_client = getattr(self, "\${2:kafka_client}", None)
        if kafka_client is not None and kafka_client.is_connected:
            event_metadata: dict[str, «Any»] = {
                "event_category": "\${3:«@event_category»}",
                "node_type": "«@kind»",
                "namespace": namespace,
            }
            if getattr(self, "_consul_service_id", None):
                event_metadata["consul_service_id"] = self._consul_service_id
            await kafka_client.publish_with_envelope(
                event_type=event_type,
                source_node_id=str(«@node_id»),
                payload={**data, "node_id": str(«@node_id»)},
                topic=topic_name,
                correlation_id=data.get("correlation_id"),
                metadata=event_metadata,
            )
        else:
            «emit_log_event»(
                «LogLevel».DEBUG,
                f"Kafka unavailable, logging event: {event_type}",
                {"node_id": str(«@node_id»), "event_type": event_type, "data": data},
            )
    except Exception as e:
        # Log the error but don't fail the operation
        «emit_log_event»(
            «LogLevel».WARNING,
            f"Failed to publish Kafka event: {event_type}",
            {"node_id": str(«@node_id»), "error": str(e), "error_type": type(e).__name__},
        )
`),
};

export const BRIDGE_PATTERNS: readonly PythonPattern[] = [
  {
    prefix: 'onex-health',
    title: 'Health check mode detection',
    hosts: ['init-body'],
    description: 'Pattern 1: detect health check mode (defensively) and skip expensive initialization in it; otherwise register with Consul.',
    body: lines(`
# Health check mode detection: health probes build the node without
# creating clients or registering with service discovery
try:
    \${1:health_check_mode} = bool(
        «@container».config.get("health_check_mode")
        if hasattr(«@container».config, "get")
        else False
    )
except Exception:
    $1 = False

if not $1:
    self._register_with_consul_sync()
else:
    «emit_log_event»(
        «LogLevel».DEBUG,
        "Health check mode enabled - skipping \${2:client initialization}",
        {"node_id": str(«@node_id»)},
    )
$0`),
  },
  {
    prefix: 'onex-consul',
    title: 'Consul registration and deregistration',
    hosts: ['class-body'],
    description: 'Pattern 2: register with Consul (with a /health check) and deregister on shutdown; failures are logged, never raised. Hosts and ports come from the configuration.',
    body: `${BRIDGE_HELPERS._register_with_consul_sync}\n\n${BRIDGE_HELPERS._deregister_from_consul}\n$0`,
  },
  {
    prefix: 'onex-publish',
    title: 'Publish an event with OnexEnvelopeV1',
    hosts: ['class-body'],
    description: 'Pattern 3: publish_with_envelope with event metadata, inside try/except so a publishing failure never fails the operation.',
    body: `${BRIDGE_HELPERS._publish_event}\n$0`,
  },
  {
    prefix: 'onex-errors',
    title: 'Error handling ladder',
    hosts: ['async-method-body'],
    description: 'Pattern 4: let ModelOnexError through unchanged, map the rest to real EnumCoreErrorCode members, chain with `from e`.',
    body: lines(`
try:
    \${1:pass}
except «ModelOnexError»:
    # Don't wrap ModelOnexError - re-raise to preserve its code and context
    raise
except ConnectionError as e:
    raise «ModelOnexError»(
        message=f"Network connection failed: {e!s}",
        error_code=«EnumCoreErrorCode».NETWORK_ERROR,
        details={"node_id": str(«@node_id»), "correlation_id": str(«@correlation»)},
    ) from e
except (TimeoutError, «asyncio».TimeoutError) as e:
    raise «ModelOnexError»(
        message=f"Operation timed out: {e!s}",
        error_code=«EnumCoreErrorCode».TIMEOUT,
        details={"node_id": str(«@node_id»), "correlation_id": str($2)},
    ) from e
except (ValueError, KeyError, AttributeError) as e:
    «emit_log_event»(
        «LogLevel».ERROR,
        f"Invalid data: {e}",
        {"node_id": str(«@node_id»), "error": str(e), "error_type": type(e).__name__},
    )
    raise «ModelOnexError»(
        message=f"Invalid data: {e!s}",
        error_code=«EnumCoreErrorCode».VALIDATION_ERROR,
        details={"node_id": str(«@node_id»), "correlation_id": str($2)},
    ) from e
except Exception as e:
    «emit_log_event»(
        «LogLevel».ERROR,
        f"Unexpected error: {type(e).__name__}",
        {"node_id": str(«@node_id»), "error": str(e), "error_type": type(e).__name__},
    )
    raise «ModelOnexError»(
        message=f"Unexpected error: {e!s}",
        error_code=«EnumCoreErrorCode».INTERNAL_ERROR,
        details={"node_id": str(«@node_id»), "correlation_id": str($2)},
    ) from e
$0`),
  },
  {
    prefix: 'onex-lifecycle',
    title: 'Startup and shutdown lifecycle',
    hosts: ['class-body'],
    description: 'Pattern 5: async startup()/shutdown() hooks that degrade instead of failing: initialize the container, connect Kafka, deregister from Consul on the way out.',
    body: lines(`
async def startup(self) -> None:
    """Node startup lifecycle hook: initialize services and connect clients."""
    «emit_log_event»(«LogLevel».INFO, "\${1:«@class»} starting up", {"node_id": str(«@node_id»)})
    if hasattr(self.container, "initialize"):
        try:
            await self.container.initialize()
        except Exception as e:
            «emit_log_event»(
                «LogLevel».WARNING,
                f"Container initialization failed, running degraded: {e}",
                {"node_id": str(«@node_id»), "error_type": type(e).__name__},
            )
    kafka_client = getattr(self, "\${2:kafka_client}", None)
    if kafka_client is not None and not kafka_client.is_connected:
        try:
            await kafka_client.connect()
        except Exception as e:
            «emit_log_event»(
                «LogLevel».WARNING,
                f"Kafka connection failed: {e}",
                {"node_id": str(«@node_id»), "error_type": type(e).__name__},
            )
    «emit_log_event»(«LogLevel».INFO, "$1 startup complete", {"node_id": str(«@node_id»)})

async def shutdown(self) -> None:
    """Node shutdown lifecycle hook: clean up services and deregister."""
    «emit_log_event»(«LogLevel».INFO, "$1 shutting down", {"node_id": str(«@node_id»)})
    if hasattr(self.container, "cleanup"):
        try:
            await self.container.cleanup()
        except Exception as e:
            «emit_log_event»(
                «LogLevel».WARNING,
                f"Container cleanup failed: {e}",
                {"node_id": str(«@node_id»), "error_type": type(e).__name__},
            )
    self._deregister_from_consul()
    «emit_log_event»(«LogLevel».INFO, "$1 shutdown complete", {"node_id": str(«@node_id»)})
$0`),
  },
  {
    prefix: 'onex-config',
    title: 'Defensive configuration helper',
    hosts: ['class-body'],
    description: 'Pattern 6: read container.config defensively (missing config, plain dicts, dependency_injector); defaults come from the caller, not from os.getenv or hard-coded hosts.',
    body: `${BRIDGE_HELPERS._config_value}\n$0`,
  },
  {
    prefix: 'onex-service',
    title: 'Get-or-create service resolution',
    hosts: ['init-body'],
    description: 'Pattern 7: get a service from the container, test it for None, and create (and register) it when missing, except in health check mode.',
    body: lines(`
# Service resolution: get \${1:kafka_client} from the container, or create it
try:
    self.$1 = «@container».get_service("$1")
except Exception:
    # The container raises for services it cannot resolve
    self.$1 = None
if self.$1 is None and not self._config_value("health_check_mode", False):
    try:
        from \${2:omninode_bridge.services.kafka_client} import \${3:KafkaClient}

        self.$1 = $3(\${4:bootstrap_servers=self._config_value("kafka_bootstrap_servers")})
        if hasattr(«@container», "register_service"):
            «@container».register_service("$1", self.$1)
    except ImportError:
        «emit_log_event»(
            «LogLevel».WARNING,
            "$3 not available - continuing without it",
            {"node_id": str(«@node_id»)},
        )
        self.$1 = None
$0`),
  },
  {
    prefix: 'onex-metadata',
    title: 'Event metadata',
    hosts: ['async-method-body'],
    description: 'Pattern 8: the metadata of an envelope event: event_category, node_type, namespace, and consul_service_id when registered.',
    body: lines(`
event_metadata: dict[str, «Any»] = {
    "event_category": "\${1:«@event_category»}",
    "node_type": "«@kind»",
    "namespace": \${2:"onex"},
}
if getattr(self, "_consul_service_id", None):
    event_metadata["consul_service_id"] = self._consul_service_id
$0`),
  },
  {
    prefix: 'onex-metrics',
    title: 'Comprehensive metrics',
    hosts: ['class-body'],
    description: 'Pattern 9: count operations with their durations and report success_rate, failed_operations and avg_duration_ms from get_metrics().',
    body: lines(`
# Operation counters: class-level defaults, each instance counts its own
_total_operations: int = 0
_successful_operations: int = 0
_failed_operations: int = 0
_total_duration_ms: float = 0.0

def _record_operation(self, duration_ms: float, succeeded: bool) -> None:
    """Count one operation and its duration (measured with time.perf_counter())."""
    self._total_operations += 1
    self._total_duration_ms += duration_ms
    if succeeded:
        self._successful_operations += 1
    else:
        self._failed_operations += 1

def get_metrics(self) -> dict[str, «Any»]:
    """Metrics for monitoring and alerting."""
    total = self._total_operations
    avg_duration_ms = self._total_duration_ms / total if total > 0 else 0.0
    success_rate = self._successful_operations / total if total > 0 else 1.0
    return {
        "total_operations": total,
        "successful_operations": self._successful_operations,
        "failed_operations": self._failed_operations,
        "success_rate": round(success_rate, 4),
        "avg_duration_ms": round(avg_duration_ms, 2),
        "total_duration_ms": round(self._total_duration_ms, 2),$0
    }`),
  },
  {
    prefix: 'onex-timing',
    title: 'High-precision timing',
    hosts: ['async-method-body'],
    description: 'Pattern 10: time an operation with time.perf_counter() and log its duration in milliseconds.',
    body: lines(`
start_time = «time».perf_counter()
\${1:pass}
duration_ms = («time».perf_counter() - start_time) * 1000
«emit_log_event»(
    «LogLevel».INFO,
    "\${2:Operation completed}",
    {"node_id": str(«@node_id»), "duration_ms": round(duration_ms, 2)},
)
$0`),
  },
];
