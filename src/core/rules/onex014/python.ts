// ONEX014 env-read — see ./ONEX014.md. Today's era only.
// Today's nodes and handlers take their configuration from contract.yaml (its config: section and its
// dependencies of type environment, which the runtime resolves and prefetches). Reports, in node or handler
// code (any file of a node package, i.e. governed by a contract.yaml, and any node or handler class), each
// read of the environment (`os.environ.get`, `os.getenv`, `os.environ[...]`, through any import of them):
//   - whose name the contract does not declare (core's contract_config_compliance: neither a dependency of
//     type environment, by env_var or name, nor a config key; its bootstrap allowlist aside);
//   - that falls back to a default (core's substrate gate env_silent_fallback: `get(K, D)`, `getenv(K, D)`,
//     `get(K) or <literal>`), unless the default is a local or private host, which ONEX015 reports.
// One finding per read, on the read. A comment on the read's line carrying one of the framework gates'
// markers (`contract-config-ok:`, `env-read-ok:`, `substrate-allow:`, `ONEX_EXCLUDE:`, `ai-slop-ok`,
// `fallback-ok`) silences it. A dynamic name (`os.environ.get(name)`) is judged only for its fallback.
//
// Declaring the name is an edit of contract.yaml, which a fix of this file cannot make: the message says
// what to declare where. For a declared read whose only fault is its fallback, the fix offered (unsafe) is
// the framework's own remedy: read `os.environ[K]` and fail fast (KeyError) when the variable is unset.
import { ENV_BOOTSTRAP_ALLOWLIST } from '../../framework';
import type { PyFile } from '../../python/model';
import { type Node, field } from '../../python/syntax';
import type { Fix, RawFinding } from '../../types';
import { type EnvRead, environmentReads, hardcodedEndpoint } from '../environmentReads';
import type { PythonRule } from '../rule';
import { unparen } from '../pythonScope';
import { enclosingNodeOrHandlerClass, importedNameFor, inNodePackage, inTestFile, inTodaysEra, markerOnRow, qualifiedName } from '../todayScope';
import { meta } from './meta';

/** Markers of the framework's env gates that silence a read on their line. */
// (`# ONEX_EXCLUDE` without its colon too: infra's own handlers mark reads so, and the intent is plain.)
export const ENV_MARKERS = ['contract-config-ok:', 'env-read-ok:', 'substrate-allow:', 'onex_exclude', 'ai-slop-ok', 'fallback-ok'];

function declared(file: PyFile, name: string): boolean {
  const facts = file.config.packageFacts;
  if (ENV_BOOTSTRAP_ALLOWLIST.has(name)) return true;
  if (!facts) return false;
  const lower = name.toLowerCase();
  return facts.declaredEnvironment.includes(name) || (facts.configEnvironment ?? []).includes(name) ||
    facts.configKeys.some((k) => k.toLowerCase() === lower);
}

interface Judged {
  read: EnvRead;
  undeclared: boolean;
  /** The fallback's expression (a default or the `or` literal), when the read has one ONEX014 reports. */
  fallback: string | null;
}

function judge(file: PyFile, read: EnvRead): Judged | null {
  if (read.node.hasError) return null;
  const undeclared = read.name !== null && !declared(file, read.name);
  let fallback: string | null = null;
  if (read.defaultNode && !hardcodedEndpoint(read.defaultNode)) fallback = shown(read.defaultNode);
  else if (read.orFallback && !hardcodedEndpoint(read.orFallback.literal)) fallback = shown(read.orFallback.literal);
  if (!undeclared && fallback === null) return null;
  if (markerOnRow(file, read.node.startPosition.row, ENV_MARKERS, true)) return null;
  return { read, undeclared, fallback };
}

/** A fallback as the message shows it: a literal as written, an expression in backticks. */
function shown(node: Node): string {
  const n = unparen(node);
  return ['string', 'integer', 'float', 'true', 'false'].includes(n.type) ? n.text : `\`${n.text}\``;
}

function inScope(file: PyFile, read: EnvRead): boolean {
  return inNodePackage(file) || (!inTestFile(file) && enclosingNodeOrHandlerClass(file, read.node) !== null);
}

function describe(read: EnvRead): string {
  return read.name !== null ? read.name : `the variable named by ${read.nameNode?.text ?? '?'}`;
}

function message(file: PyFile, j: Judged): string {
  const name = describe(j.read);
  const contract = file.config.packageFacts ? 'contract.yaml' : "the node's contract.yaml";
  const declare = `declare ${name} in ${contract} (under dependencies: {name: …, type: environment, env_var: ${name}}, or in its config: section) and fail fast when it is missing`;
  if (j.undeclared && j.fallback !== null) {
    return `reads ${name}, which ${contract} does not declare, and falls back to ${j.fallback} when it is unset: ${declare}`;
  }
  if (j.undeclared) return `reads ${name}, which ${contract} does not declare: today's nodes take configuration from the contract; ${declare}`;
  return `falls back to ${j.fallback} when ${name} is unset: a silent default hides a missing setting; read it without a default (os.environ[...]) and fail fast`;
}

export const onex014: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (!inTodaysEra(file)) return [];
    const findings: RawFinding[] = [];
    for (const read of environmentReads(file)) {
      if (!inScope(file, read)) continue;
      const judged = judge(file, read);
      if (!judged) continue;
      findings.push({ ruleId: 'ONEX014', message: message(file, judged), span: { start: read.node.startIndex, end: read.node.endIndex } });
    }
    return findings;
  },

  fixes(file: PyFile, finding: RawFinding): Fix[] {
    const read = environmentReads(file).find((r) => r.node.startIndex === finding.span.start && r.node.endIndex === finding.span.end);
    const judged = read ? judge(file, read) : null;
    // Only a declared read's fallback is the whole finding: an undeclared name stays reported after any edit here.
    if (!read || !judged || judged.undeclared || judged.fallback === null || read.kind === 'environ[]' || !read.nameNode) return [];
    // The name of os.environ at the read: `os.environ` / `_os.environ` for a method on it, `<os>.environ` for getenv.
    const func = field(read.node, 'function');
    let environ: string | null = null;
    if (read.kind === 'environ.get' && func?.type === 'attribute') environ = field(func, 'object')!.text;
    else if (read.kind === 'getenv' && func?.type === 'attribute' && qualifiedName(file, field(func, 'object')) === 'os') environ = `${field(func, 'object')!.text}.environ`;
    else if (read.kind === 'getenv') {
      // `getenv(...)` imported by name: os.environ under a name the file already imports.
      const os = importedNameFor(file, 'os', read.node);
      environ = importedNameFor(file, 'os.environ', read.node) ?? (os ? `${os}.environ` : null);
    }
    if (!environ) return [];
    const target = read.orFallback && !read.defaultNode ? read.orFallback.operator : read.node;
    const key = unparen(read.nameNode).text;
    return [{
      id: 'fail-fast',
      title: `Read ${environ}[${key}] without a default (raises KeyError when ${describe(read)} is unset)`,
      safety: 'unsafe',
      preferred: true,
      edits: [{ start: target.startIndex, end: target.endIndex, newText: `${environ}[${key}]` }],
    }];
  },
};
