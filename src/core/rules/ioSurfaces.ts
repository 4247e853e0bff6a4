// What counts as I/O in today's node code, shared by ONEX016 (I/O in the __init__ of a node or handler)
// and ONEX017 (I/O outside effect packages). The surfaces are those of omnibase_core's archetype-purity
// check (nodes/node_no_io_outside_effects_check_compute/visitor_io.py, OMN-14662), read from the tree:
//   database / network / git / Linear / subprocess: importing their libraries (sqlite3, psycopg, asyncpg,
//     sqlalchemy, httpx, requests, aiohttp, urllib3, socket, urllib.request, git, pygit2, linear…, subprocess);
//   subprocess: `subprocess.<any>(...)`, `os.system/popen/exec*/spawn*(...)` (git when argv[0] is git);
//   filesystem writes: `open(..., "w"/"a"/"x"/"+")`, os and shutil mutators, Path write methods on any receiver;
//   direct bus: `KafkaProducer(...)`, `AIOKafka*(...)`, `confluent_kafka.<any>(...)`, `<Name>EventBus(...)`;
//   direct adapter: `<Name>Adapter(...)`;
//   Linear: any call with a string argument naming linear.app.
// Unlike the check, the receiver of a call is followed through the file's imports (`import os as _os`,
// `from shutil import rmtree`), so an alias does not hide a surface.
import type { PyFile } from '../python/model';
import { type Node, children, field, keywordArgument, positionalArguments, stringValue } from '../python/syntax';
import { unparen } from './pythonScope';
import { commentOnRows, qualifiedName } from './todayScope';

export type Surface = 'database' | 'network' | 'subprocess' | 'git' | 'linear' | 'filesystem' | 'direct-bus' | 'direct-adapter';

export const SURFACE_LABEL: Record<Surface, string> = {
  database: 'database driver',
  network: 'network/HTTP client',
  subprocess: 'subprocess execution',
  git: 'git invocation',
  linear: 'Linear API access',
  filesystem: 'filesystem write',
  'direct-bus': 'direct event-bus instantiation',
  'direct-adapter': 'direct infra-adapter instantiation',
};

const DB_ROOTS = new Set(['sqlite3', 'aiosqlite', 'psycopg', 'psycopg2', 'asyncpg', 'sqlalchemy']);
const NET_ROOTS = new Set(['httpx', 'requests', 'aiohttp', 'urllib3', 'socket']);
const GIT_ROOTS = new Set(['git', 'pygit2']);
const LINEAR_ROOTS = new Set(['linear', 'linear_sdk', 'linear_api', 'linear_client']);
const PATH_WRITE_METHODS = new Set(['write_text', 'write_bytes', 'mkdir', 'rmdir', 'unlink', 'touch', 'rmtree', 'symlink_to', 'hardlink_to', 'chmod', 'lchmod']);
const OS_WRITE_FUNCS = new Set(['remove', 'mkdir', 'makedirs', 'rmdir', 'removedirs', 'unlink', 'rename', 'renames', 'replace', 'chmod', 'chown', 'symlink', 'link', 'truncate', 'mkfifo', 'mknod']);
const SHUTIL_WRITE_FUNCS = new Set(['copy', 'copy2', 'copyfile', 'copytree', 'copymode', 'copystat', 'move', 'rmtree', 'make_archive', 'unpack_archive', 'chown']);
const OS_PROC_FUNCS = new Set(['system', 'popen', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe',
  'execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe']);
const KAFKA_BUS_NAMES = new Set(['KafkaProducer', 'AIOKafkaProducer', 'AIOKafkaConsumer', 'KafkaConsumer']);

/** The surface an imported module opens (the check's import-root classification), else null. */
export function importSurface(module: string): Surface | null {
  const root = module.split('.')[0];
  if (DB_ROOTS.has(root)) return 'database';
  if (NET_ROOTS.has(root)) return 'network';
  if (module === 'urllib.request' || module.startsWith('urllib.request.') || module.startsWith('urllib.error')) return 'network';
  if (root === 'subprocess') return 'subprocess';
  if (GIT_ROOTS.has(root)) return 'git';
  if (LINEAR_ROOTS.has(root)) return 'linear';
  return null;
}

function isUpper(name: string): boolean {
  return name.length > 0 && name[0] >= 'A' && name[0] <= 'Z';
}

export function isBusConstructor(name: string): boolean {
  return KAFKA_BUS_NAMES.has(name) || (name.endsWith('EventBus') && isUpper(name));
}

/**
 * `<Name>Adapter(...)`: an infra adapter built by hand. Pydantic's TypeAdapter (validation, no I/O) is left
 * out, where the check counts it too.
 */
export function isAdapterConstructor(name: string): boolean {
  return name.endsWith('Adapter') && isUpper(name) && name !== 'TypeAdapter';
}

function firstCommandWord(call: Node): string | null {
  const first = positionalArguments(call)[0];
  if (!first) return null;
  const f = unparen(first);
  if (f.type === 'string') return stringValue(f);
  if (f.type === 'list' || f.type === 'tuple') {
    const head = children(f)[0];
    return head ? stringValue(head) : null;
  }
  return null;
}

function isGitCommand(command: string | null): boolean {
  const exe = command?.trim().split(/\s+/)[0];
  return !!exe && (exe === 'git' || exe.endsWith('/git'));
}

/** `open(..., mode)` with a write, append, create or update mode (a literal mode; the check reads only literals). */
function openWrites(call: Node): boolean {
  const positional = positionalArguments(call);
  const mode = positional.length >= 2 ? positional[1] : keywordArgument(call, 'mode');
  const value = mode ? stringValue(unparen(mode)) : null;
  return value !== null && /[wax+]/.test(value);
}

function hasLinearUrl(call: Node): boolean {
  return positionalArguments(call).some((a) => stringValue(unparen(a))?.includes('linear.app') ?? false);
}

export interface CallSurface {
  surface: Surface;
  /** What shows it, for messages: `subprocess.run(...)`, `open(..., write mode)`. */
  detail: string;
}

/** The surface a call opens, as the check classifies calls (receivers followed through imports). */
export function callSurface(file: PyFile, call: Node): CallSurface | null {
  const func = field(call, 'function');
  if (!func) return null;
  const qualified = qualifiedName(file, func);
  // The name called, and the module it comes from (`os` for `os.remove` and for `remove` from `from os import remove`).
  let name: string | null = null;
  let module: string | null = null;
  if (func.type === 'identifier') {
    name = func.text;
    if (qualified && qualified.includes('.')) {
      module = qualified.slice(0, qualified.lastIndexOf('.'));
      name = qualified.slice(qualified.lastIndexOf('.') + 1);
    } else if (name === 'open' && openWrites(call)) return { surface: 'filesystem', detail: 'open(..., write mode)' };
  } else if (func.type === 'attribute') {
    name = field(func, 'attribute')?.text ?? null;
    const object = field(func, 'object');
    const objectName = qualifiedName(file, object) ?? (object?.type === 'identifier' ? object.text : null);
    module = objectName;
  }
  if (name) {
    if (module === 'subprocess') {
      return isGitCommand(firstCommandWord(call)) ? { surface: 'git', detail: `subprocess.${name}(['git', ...])` } : { surface: 'subprocess', detail: `subprocess.${name}(...)` };
    }
    if (module === 'os' && OS_PROC_FUNCS.has(name)) {
      return isGitCommand(firstCommandWord(call)) ? { surface: 'git', detail: `os.${name}('git ...')` } : { surface: 'subprocess', detail: `os.${name}(...)` };
    }
    if (module === 'os' && OS_WRITE_FUNCS.has(name)) return { surface: 'filesystem', detail: `os.${name}(...)` };
    if (module === 'shutil' && SHUTIL_WRITE_FUNCS.has(name)) return { surface: 'filesystem', detail: `shutil.${name}(...)` };
    if (module === 'confluent_kafka' || module?.startsWith('confluent_kafka.')) return { surface: 'direct-bus', detail: `confluent_kafka.${name}(...)` };
    if (func.type === 'attribute' && PATH_WRITE_METHODS.has(name)) return { surface: 'filesystem', detail: `.${name}(...)` };
    if (isBusConstructor(name)) return { surface: 'direct-bus', detail: `${name}(...)` };
    if (isAdapterConstructor(name)) return { surface: 'direct-adapter', detail: `${name}(...)` };
  }
  if (hasLinearUrl(call)) return { surface: 'linear', detail: 'linear.app URL literal' };
  return null;
}

/** `# io-ok` on a statement's first line, its last line or the line above it (the check's suppression). */
export function ioOk(file: PyFile, node: Node): boolean {
  const start = node.startPosition.row;
  return commentOnRows(file, [start, node.endPosition.row, start - 1], (text) => text.includes('# io-ok'));
}
