// The names Python snippet bodies may use as «tokens», and where each comes from. Framework names
// follow the file's era through framework.ts (the bridge era's logging module is not today's); the
// others have one home.
import type { FrameworkName } from '../../python/edits';

export type NameSpec =
  | { kind: 'framework'; key: FrameworkName }
  | { kind: 'from'; module: string; name: string }
  | { kind: 'module'; module: string };

const from = (module: string, name: string): NameSpec => ({ kind: 'from', module, name });

export const PYTHON_NAMES: Readonly<Record<string, NameSpec>> = {
  emit_log_event: { kind: 'framework', key: 'emit_log_event' },
  LogLevel: { kind: 'framework', key: 'LogLevel' },
  ModelOnexError: { kind: 'framework', key: 'ModelOnexError' },
  EnumCoreErrorCode: { kind: 'framework', key: 'EnumCoreErrorCode' },
  ModelONEXContainer: { kind: 'framework', key: 'ModelContainer' },
  Any: from('typing', 'Any'),
  UUID: from('uuid', 'UUID'),
  uuid4: from('uuid', 'uuid4'),
  BaseModel: from('pydantic', 'BaseModel'),
  ConfigDict: from('pydantic', 'ConfigDict'),
  ModelHandlerOutput: from('omnibase_core.models.dispatch.model_handler_output', 'ModelHandlerOutput'),
  EnumHandlerType: from('omnibase_infra.enums', 'EnumHandlerType'),
  EnumHandlerTypeCategory: from('omnibase_infra.enums', 'EnumHandlerTypeCategory'),
  EnumInfraTransportType: from('omnibase_infra.enums', 'EnumInfraTransportType'),
  InfraConnectionError: from('omnibase_infra.errors', 'InfraConnectionError'),
  ModelInfraErrorContext: from('omnibase_infra.errors', 'ModelInfraErrorContext'),
  time: { kind: 'module', module: 'time' },
  asyncio: { kind: 'module', module: 'asyncio' },
};
