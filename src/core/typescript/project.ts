// The ts-morph analysis service: what TypeScript questions need more than one file. The workspace index
// (src/core/workspace/index.ts) asks it which class an imported base is (`class PaymentProcessor extends
// CompanyEffectBase`, with `CompanyEffectBase` re-exported from `../bases`); the type checker answers,
// through imports, re-exports, namespace imports and `const Base = X` aliases.
//
// One ts-morph Project per tsconfig.json (files under none share one with default options), created on
// the first question, in the thread that asks (the analysis worker: never the extension host, never at
// activation). A project holds only the files the questions reach: the asked file is added, and the
// program reads the modules it imports (no lib files, no @types: the checker only follows names). It is
// bounded (a project past `maxFiles` files is dropped after its answer and made again on the next
// question) and disposed when idle. The typing path keeps the fast syntax-only analysis
// (./frontend.ts); nothing here runs per keystroke.
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { Project, ts } from 'ts-morph';
import type { BaseTarget, TypeScriptBaseAnswer, TypeScriptBaseRequest } from '../workspace/index';
import { classBaseExpressions, moduleClasses } from './workspaceFacts';

export interface TypeScriptProjectsOptions {
  /** Projects are disposed after this long without a question (default one minute). */
  idleMs?: number;
  /** A project holding more source files than this is dropped after answering (default 3,000). */
  maxFiles?: number;
}

/** Only the checker's name resolution is needed: no default library, no @types packages. */
const OVERRIDES: ts.CompilerOptions = { noLib: true, types: [], skipLibCheck: true, noEmit: true };
const DEFAULT_OPTIONS: ts.CompilerOptions = { ...OVERRIDES, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, allowJs: false };

/** A declaration in the workspace's own sources (not a package's, not a declaration file). */
function isWorkspaceSource(fileName: string): boolean {
  return !fileName.includes('/node_modules/') && !fileName.endsWith('.d.ts');
}

export class TypeScriptProjects {
  private readonly projects = new Map<string, Project>();
  /** Folder → the tsconfig.json that governs it ('' for none). */
  private readonly configs = new Map<string, string>();
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly idleMs: number;
  private readonly maxFiles: number;
  /** How many projects were created (tests: a project is made lazily and again after disposal). */
  created = 0;

  constructor(options: TypeScriptProjectsOptions = {}) {
    this.idleMs = options.idleMs ?? 60_000;
    this.maxFiles = options.maxFiles ?? 3_000;
  }

  /** Projects alive now. */
  get live(): number {
    return this.projects.size;
  }

  /** Source files the live projects' programs hold. */
  get loadedFiles(): number {
    let n = 0;
    for (const project of this.projects.values()) n += project.getProgram().compilerObject.getSourceFiles().length;
    return n;
  }

  private configFor(file: string): string {
    const dir = dirname(file);
    const known = this.configs.get(dir);
    if (known !== undefined) return known;
    const candidate = join(dir, 'tsconfig.json');
    const parent = dirname(dir);
    const found = existsSync(candidate) ? candidate.replace(/\\/g, '/') : parent === dir ? '' : this.configFor(join(parent, 'x.ts'));
    this.configs.set(dir, found);
    return found;
  }

  private projectFor(file: string): Project {
    const config = this.configFor(file);
    let project = this.projects.get(config);
    if (!project) {
      try {
        project = config
          ? new Project({ tsConfigFilePath: config, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: OVERRIDES })
          : new Project({ compilerOptions: DEFAULT_OPTIONS });
      } catch {
        // An unreadable tsconfig.json: the default options still resolve relative imports.
        project = new Project({ compilerOptions: DEFAULT_OPTIONS });
      }
      this.projects.set(config, project);
      this.created++;
    }
    return project;
  }

  /** Answers the index's questions. Never throws for one file's sake: a question it cannot answer gets no answer. */
  resolve(requests: readonly TypeScriptBaseRequest[]): TypeScriptBaseAnswer[] {
    this.touch();
    const answers: TypeScriptBaseAnswer[] = [];
    const used = new Set<Project>();
    for (const request of requests) {
      try {
        const project = this.projectFor(request.file);
        used.add(project);
        const answer = this.answer(project, request);
        if (answer) answers.push(answer);
      } catch {
        // (unanswered: the index counts the base by its name)
      }
    }
    // Bounded memory: a project that grew past the limit is made afresh on the next question.
    for (const [config, project] of this.projects) {
      if (used.has(project) && project.getProgram().compilerObject.getSourceFiles().length > this.maxFiles) this.drop(config);
    }
    return answers;
  }

  private answer(project: Project, request: TypeScriptBaseRequest): TypeScriptBaseAnswer | null {
    const source = project.getSourceFile(request.file) ?? project.addSourceFileAtPathIfExists(request.file);
    if (!source) return null;
    const program = project.getProgram().compilerObject;
    const checker = program.getTypeChecker();
    const sf = program.getSourceFile(source.getFilePath());
    const found = sf && moduleClasses(sf).find((c) => c.name.text === request.className);
    if (!sf || !found) return null;
    const expressions = classBaseExpressions(found.node);
    const dependsOn = new Set<string>([request.file]);
    const targets: TypeScriptBaseAnswer['targets'] = [];
    for (const base of request.bases) {
      const expr = expressions[base];
      if (!expr) continue;
      targets.push({ base, target: this.targetOf(checker, expr, dependsOn, 0) });
    }
    return { file: request.file, className: request.className, targets, dependsOn: [...dependsOn] };
  }

  /** What a base expression names, following aliases (imports, re-exports, `const Base = X`) through the checker. */
  private targetOf(checker: ts.TypeChecker, expr: ts.Expression, dependsOn: Set<string>, depth: number): BaseTarget {
    const at = ts.isPropertyAccessExpression(expr) ? expr.name : expr;
    const written = ts.isIdentifier(at) ? at.text : at.getText();
    let symbol = checker.getSymbolAtLocation(at);
    // The module a namespace import names is read too (`b.CompanyEffectBase`).
    if (ts.isPropertyAccessExpression(expr)) this.aliasFiles(checker, checker.getSymbolAtLocation(expr.expression), dependsOn);
    for (let i = 0; symbol && symbol.flags & ts.SymbolFlags.Alias && i < 20; i++) {
      for (const d of symbol.declarations ?? []) dependsOn.add(d.getSourceFile().fileName);
      symbol = checker.getImmediateAliasedSymbol(symbol) ?? checker.getAliasedSymbol(symbol);
    }
    const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
    if (!symbol || !declaration) return { kind: 'external', name: written };
    const file = declaration.getSourceFile().fileName;
    dependsOn.add(file);
    if ((ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) && isWorkspaceSource(file)) {
      const named = declaration.name?.text ?? (ts.isVariableDeclaration(declaration.parent) && ts.isIdentifier(declaration.parent.name) ? declaration.parent.name.text : null);
      if (named) return { kind: 'class', file, name: named };
    }
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && depth < 10) {
      let init: ts.Expression = declaration.initializer;
      while (ts.isParenthesizedExpression(init) || ts.isAsExpression(init)) init = init.expression;
      if (ts.isClassExpression(init) && ts.isIdentifier(declaration.name) && isWorkspaceSource(file)) return { kind: 'class', file, name: declaration.name.text };
      if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) return this.targetOf(checker, init, dependsOn, depth + 1);
    }
    return { kind: 'external', name: symbol.name === 'default' ? written : symbol.name };
  }

  private aliasFiles(checker: ts.TypeChecker, symbol: ts.Symbol | undefined, dependsOn: Set<string>): void {
    for (let i = 0; symbol && symbol.flags & ts.SymbolFlags.Alias && i < 20; i++) {
      for (const d of symbol.declarations ?? []) dependsOn.add(d.getSourceFile().fileName);
      symbol = checker.getImmediateAliasedSymbol(symbol) ?? checker.getAliasedSymbol(symbol);
    }
    for (const d of symbol?.declarations ?? []) dependsOn.add(d.getSourceFile().fileName);
  }

  /** Files changed on disk: the projects that read them read them again. */
  changed(paths: readonly string[]): void {
    for (const project of this.projects.values()) {
      for (const path of paths) project.getSourceFile(path)?.refreshFromFileSystemSync();
    }
  }

  /** Files created or deleted change what imports resolve to: the projects are made afresh on the next question. */
  filesCreatedOrDeleted(): void {
    for (const config of [...this.projects.keys()]) this.drop(config);
    this.configs.clear();
  }

  private drop(config: string): void {
    this.projects.delete(config);
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.dispose(), this.idleMs);
    this.idleTimer.unref?.();
  }

  /** Drops every project (they are made again on the next question). */
  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.projects.clear();
  }
}
