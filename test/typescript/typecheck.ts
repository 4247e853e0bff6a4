// Type-checks TypeScript node sources in memory with the repository's `typescript` (tests only: the
// extension never type-checks). '@omninode/onex-runtime' resolves to the scaffold's runtime module;
// kafkajs and consul resolve to small typed shims, so fix-safety checks do not need the packages.
import { join } from 'node:path';
import ts from 'typescript';
import { renderRuntimeModule } from '../../src/core/scaffold/typescript/runtime';

const REPO = join(__dirname, '..', '..');
const VIRTUAL = '/virtual/';

const KAFKAJS_SHIM = `export interface Message { key?: string | null; value: string | null; headers?: Record<string, string | undefined> }
export interface ProducerRecord { topic: string; messages: Message[] }
export type RecordMetadata = { topicName: string; partition: number };
export type Producer = {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
};
export declare class Kafka {
  constructor(config: { clientId?: string; brokers: string[] });
  producer(): Producer;
}
`;

const CONSUL_SHIM = `declare class Consul {
  constructor(options?: { host?: string; port?: number; secure?: boolean });
  agent: { service: { register(options: object): Promise<unknown>; deregister(id: string): Promise<unknown> } };
}
export = Consul;
`;

export const TYPECHECK_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  experimentalDecorators: true,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [join(REPO, 'node_modules', '@types')],
  baseUrl: VIRTUAL,
  paths: {
    '@omninode/onex-runtime': ['onex-runtime.ts'],
    kafkajs: ['shims/kafkajs.d.ts'],
    consul: ['shims/consul.d.ts'],
  },
};

export class NodeTypeChecker {
  private readonly virtual = new Map<string, string>([
    [`${VIRTUAL}onex-runtime.ts`, renderRuntimeModule('@omninode/onex-runtime')],
    [`${VIRTUAL}shims/kafkajs.d.ts`, KAFKAJS_SHIM],
    [`${VIRTUAL}shims/consul.d.ts`, CONSUL_SHIM],
  ]);
  /** Parsed lib, @types and runtime files, shared by every check. */
  private readonly parsed = new Map<string, ts.SourceFile>();
  private oldProgram: ts.Program | undefined;

  /** Diagnostics (as `line:col message`) of one node source. */
  check(text: string, name = 'node.ts'): string[] {
    const path = `${VIRTUAL}src/${name}`;
    const options = TYPECHECK_OPTIONS;
    const host = ts.createCompilerHost(options, true);
    const realGetSourceFile = host.getSourceFile.bind(host);
    const isVirtual = (f: string) => f.startsWith(VIRTUAL);
    host.fileExists = (f) => (f === path ? true : isVirtual(f) ? this.virtual.has(f) : ts.sys.fileExists(f));
    host.readFile = (f) => (f === path ? text : isVirtual(f) ? this.virtual.get(f) : ts.sys.readFile(f));
    host.directoryExists = (d) => (isVirtual(d) ? true : ts.sys.directoryExists?.(d) ?? false);
    host.getCurrentDirectory = () => REPO;
    host.getSourceFile = (f, languageVersion) => {
      if (f === path) return ts.createSourceFile(f, text, languageVersion, true);
      const cached = this.parsed.get(f);
      if (cached) return cached;
      const content = isVirtual(f) ? this.virtual.get(f) : undefined;
      const sf = content !== undefined ? ts.createSourceFile(f, content, languageVersion, true) : realGetSourceFile(f, languageVersion);
      if (sf) this.parsed.set(f, sf);
      return sf;
    };
    const program = ts.createProgram({ rootNames: [path], options, host, oldProgram: this.oldProgram });
    this.oldProgram = program;
    const sf = program.getSourceFile(path)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    const runtime = program.getSourceFile(`${VIRTUAL}onex-runtime.ts`);
    if (runtime) diagnostics.push(...program.getSemanticDiagnostics(runtime));
    return diagnostics.map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const where = pos ? `${d.file!.fileName === path ? '' : `${d.file!.fileName} `}${pos.line + 1}:${pos.character + 1}` : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  }
}
