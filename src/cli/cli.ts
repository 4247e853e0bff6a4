// onex-forge: check, fix and scaffold ONEX nodes from the command line (same engine as the extension).
import { version } from '../../package.json';
import { runCheck } from './check';
import { runNew } from './commands/new';
import { runInit } from './init';
import { type CliIO, UsageError, processIO } from './io';

export const USAGE = `Usage: onex-forge <command> [options]

Commands:
  check [PATH...]   Report ONEX production-pattern gaps in .py and .ts files and contract.yaml (folders are walked).
      --format text|json|sarif|github   Output format (default text).
      --fail-on error|warning|information|hint|never   Exit 1 at or above this severity (default warning).
      --config PATH        Use this pyproject.toml or onex-forge.json instead of the nearest one.
      --fix                Apply safe fixes before reporting;  --unsafe-fixes  apply all fixes.
      --diff               Print what the fixes would change; write nothing.
      --stats              Print a count per rule.
      --stdin-filename F   Check standard input as if it were file F.
  fix [PATH...]     Apply safe fixes in place and print what changed.
      --unsafe             Also apply fixes that generate code.
      --rules ONEX001,...  Only these rules.   --diff  print instead of writing.   --config PATH
  new               Scaffold a production node.
      --kind effect|compute|reducer|orchestrator --name NAME --out DIR
      [--layout versioned|flat] [--language python|typescript] [--target current|bridge]
  init [DIR]        Write a starting configuration ([tool.onex-forge] in pyproject.toml, else onex-forge.json).

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or configuration error.
`;

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': return await runCheck(rest, io, { mode: 'check' }, version);
      case 'fix': return await runCheck(rest, io, { mode: 'fix' }, version);
      case 'new': return await runNew(rest, io);
      case 'init': return runInit(rest, io);
      case '--version': case '-v': io.stdout(`${version}\n`); return 0;
      case '--help': case '-h': case 'help': io.stdout(USAGE); return 0;
      case undefined: io.stderr(USAGE); return 2;
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`onex-forge: ${error.message}\nRun "onex-forge --help" for usage.\n`);
      return 2;
    }
    io.stderr(`onex-forge: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), processIO).then((code) => {
    process.exitCode = code;
  });
}
