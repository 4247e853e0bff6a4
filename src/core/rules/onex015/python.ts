// ONEX015 hardcoded-endpoint-fallback — see ./ONEX015.md. Today's era only.
// Mirrors infra's no-env-fallbacks gate (scripts/validate_no_env_fallbacks.py, OMN-10741; the same scan as
// core's check-no-env-fallbacks node), read from the tree instead of lines: a string literal naming a local
// or private host (localhost, 127.0.0.1 and their URLs, 192.168.x.x) used as a fallback value:
//   1. the default of an environment read (`os.environ.get(K, "localhost")`, `os.getenv(K, "http://127.0.0.1")`);
//   2. a `default="…"` keyword argument (Pydantic `Field(default=…)`) or a parameter named `default`;
//   3. the value given to a `str`-annotated name (`host: str = "localhost"`, a field or a parameter);
//   4. `bootstrap_servers="localhost:9092"` (a keyword, a parameter default, an assignment), value starting with the host.
// A comment on the line with `fallback-ok`, `cloud-bus-ok` or `OMN-7227-exempt` silences it, as in the gate;
// files under tests/, test/, node_tests/, __tests__/ are skipped. Anywhere in a file, node or not: the gate
// scans all of src/. No fix: the value must come from the environment or the contract, and which is the
// project's choice.
import type { PyFile } from '../../python/model';
import { type Node, field } from '../../python/syntax';
import type { RawFinding } from '../../types';
import { environmentReads, hardcodedEndpoint, isLocalhostValue, isPrivateIpValue } from '../environmentReads';
import type { PythonRule } from '../rule';
import { unparen } from '../pythonScope';
import { folderParts, inTestFile, inTodaysEra, markerOnRow } from '../todayScope';
import { meta } from './meta';

const MARKERS = ['fallback-ok', 'cloud-bus-ok', 'OMN-7227-exempt'];
const SKIP_FOLDERS = new Set(['tests', 'test', 'node_tests', '__tests__']);

type Kind = 'env-default' | 'default-keyword' | 'str-default' | 'bootstrap-servers';

interface Hit {
  literal: Node;
  /** The construct, for the exemption marker: its first line counts too. */
  construct: Node;
  kind: Kind;
  value: string;
}

function hits(file: PyFile): Hit[] {
  const out: Hit[] = [];
  const add = (literal: Node | null, construct: Node, kind: Kind, startsWith = false) => {
    if (!literal) return;
    const value = hardcodedEndpoint(literal);
    if (value === null) return;
    if (startsWith && !startsWithHost(value)) return;
    out.push({ literal: unparen(literal), construct, kind, value });
  };
  for (const read of environmentReads(file)) add(read.defaultNode, read.node, 'env-default');
  // Everything else names a keyword, a parameter or an annotation: only files that spell a host out are read.
  if (!file.textIncludes('localhost') && !file.textIncludes('127.0.0.1') && !file.textIncludes('192.168.')) return out;
  const envDefaults = new Set(out.map((h) => h.literal.id));
  for (const kw of file.root.descendantsOfType('keyword_argument')) {
    const name = field(kw, 'name')?.text;
    const value = field(kw, 'value');
    if (name === 'default' && value && !envDefaults.has(unparen(value).id)) add(value, kw, 'default-keyword');
    else if (name === 'bootstrap_servers') add(value, kw, 'bootstrap-servers', true);
  }
  for (const param of file.root.descendantsOfType(['default_parameter', 'typed_default_parameter'])) {
    const name = field(param, 'name')?.text;
    const value = field(param, 'value');
    if (name === 'default') add(value, param, 'default-keyword');
    else if (name === 'bootstrap_servers' && param.type === 'default_parameter') add(value, param, 'bootstrap-servers', true);
    else if (param.type === 'typed_default_parameter' && field(param, 'type')?.text === 'str') add(value, param, 'str-default');
  }
  for (const assign of file.root.descendantsOfType('assignment')) {
    const left = field(assign, 'left');
    const right = field(assign, 'right');
    const type = field(assign, 'type');
    if (type?.text === 'str') add(right, assign, 'str-default');
    else if (left && (left.type === 'identifier' ? left.text : left.type === 'attribute' ? field(left, 'attribute')?.text : null) === 'bootstrap_servers') {
      add(right, assign, 'bootstrap-servers', true);
    }
  }
  return out;
}

function startsWithHost(value: string): boolean {
  const prefixes = ['localhost', '127.0.0.1', 'http://localhost', 'https://localhost', 'bolt://localhost', 'redis://localhost',
    'postgresql://localhost', 'amqp://localhost', 'http://127.0.0.1', 'redis://127.0.0.1', 'postgresql://127.0.0.1'];
  return prefixes.some((p) => value.startsWith(p)) || /^192\.168\.\d{1,3}\.\d{1,3}/.test(value);
}

const WHAT: Record<Kind, string> = {
  'env-default': 'is the fallback of an environment read',
  'default-keyword': 'is a default',
  'str-default': 'is the default of a str setting',
  'bootstrap-servers': 'is a Kafka bootstrap_servers value',
};

export const onex015: PythonRule = {
  meta,

  check(file: PyFile): RawFinding[] {
    if (!inTodaysEra(file) || inTestFile(file) || folderParts(file).some((p) => SKIP_FOLDERS.has(p))) return [];
    const findings: RawFinding[] = [];
    const seen = new Set<number>();
    for (const hit of hits(file)) {
      if (seen.has(hit.literal.id) || hit.literal.hasError) continue;
      seen.add(hit.literal.id);
      const rows = new Set([hit.literal.startPosition.row, hit.construct.startPosition.row]);
      if ([...rows].some((row) => markerOnRow(file, row, MARKERS))) continue;
      const host = isPrivateIpValue(hit.value) && !isLocalhostValue(hit.value) ? 'a private network address' : 'the local host';
      findings.push({
        ruleId: 'ONEX015',
        message: `${hit.literal.text} ${WHAT[hit.kind]} pointing at ${host}: where the setting is missing, the code silently talks to this address ` +
          "(infra's no-env-fallbacks, OMN-10741); take the value from the environment without a default (os.environ[...]) or from contract.yaml, and fail fast",
        span: { start: hit.literal.startIndex, end: hit.literal.endIndex },
      });
    }
    return findings;
  },
};
