// The real framework for the tests that need it, with the call shape of test/helpers/framework.ts
// (runFramework, frameworkAvailable), run through the `fwrun` command of the machine's Debian 13
// root until that helper and its set-up script are on this branch: then the imports switch to it
// and this file goes.
import { spawnSync } from 'node:child_process';

export type FrameworkEra = 'today' | 'bridge';

export interface FrameworkRunOptions {
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  input?: string;
}

export interface FrameworkRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const FWRUN = process.env.ONEX_FWRUN ?? 'fwrun';

/** Runs `args` (args[0] is the program) in an era's environment, its bin folder first on PATH. */
export function runFramework(era: FrameworkEra, args: string[], options: FrameworkRunOptions = {}): FrameworkRun {
  const result = spawnSync(FWRUN, [era, ...args], {
    cwd: options.cwd,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...options.env },
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`could not run ${args[0]} in the ${era} framework environment: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Throws a clear error when an era's environment is missing; otherwise returns true. Tests never skip. */
export function frameworkAvailable(era: FrameworkEra): true {
  const probe = runFramework(era, ['python', '-c', 'import omnibase_core'], { timeoutMs: 60_000 });
  if (probe.status !== 0) {
    throw new Error(`the ${era} framework environment is missing or broken (\`${FWRUN} ${era} python -c "import omnibase_core"\` exited ${probe.status}):\n${probe.stderr}`);
  }
  return true;
}
