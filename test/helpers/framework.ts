// The real ONEX framework for tests: today's (omnibase-core 0.46.8 with omnibase-infra and omnibase-spi) and
// the bridge era's (omnibase_core 0.1.0), in the environments scripts/python-env/setup.sh builds (the
// README's test command runs it first). Tests never skip: a missing environment fails with the command
// that builds it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type FrameworkEra = 'today' | 'bridge';

export interface FrameworkRunOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  input?: string;
  /** Extra host folders the command must see (the repository, /tmp and cwd always are). */
  binds?: string[];
}

export interface FrameworkRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface RunnerState {
  mode: 'host' | 'chroot';
  rootfs: string;
  python: string;
  today: { venv: string; sdist: string; mypyCache: string; versions: Record<string, string> };
  bridge: { venv: string; src: string; versions: Record<string, string> };
}

interface Runner {
  readState(): RunnerState;
  runFramework(era: FrameworkEra, args: string[], options?: FrameworkRunOptions): {
    status: number | null; stdout: string | null; stderr: string | null; error?: Error;
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runner = require(join(__dirname, '..', '..', 'scripts', 'python-env', 'runner.cjs')) as Runner;

/** Where the environments are (paths as the framework's commands see them). Throws when not set up. */
export function frameworkState(): RunnerState {
  return runner.readState();
}

/** Throws a clear error when an era's environment is missing; otherwise returns true. */
export function frameworkAvailable(era: FrameworkEra): true {
  const state = runner.readState();
  const venv = state[era].venv;
  const python = join(state.mode === 'chroot' ? state.rootfs : '', venv, 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(`the ${era} framework environment is missing (${python}): run \`bash scripts/python-env/setup.sh\``);
  }
  return true;
}

/**
 * Runs `args` (args[0] is the program: `python`, `pytest`, `mypy`, `ruff`…) in an era's environment, its
 * bin folder first on PATH. Paths under the repository, /tmp and `cwd` mean the same inside.
 */
export function runFramework(era: FrameworkEra, args: string[], options: FrameworkRunOptions = {}): FrameworkRun {
  const result = runner.runFramework(era, args, options);
  if (result.error) throw new Error(`could not run ${args[0]} in the ${era} framework environment: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** A path as the host sees it, for a path the framework's commands see (inside the Debian root, if any). */
export function hostPath(inside: string): string {
  const state = runner.readState();
  return state.mode === 'chroot' ? join(state.rootfs, inside) : inside;
}
