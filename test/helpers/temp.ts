// Temporary folders of the unit tests, removed when the test process exits (tests read them until the end).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.once('exit', () => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder `<parent>/<prefix>XXXXXX`, removed at exit. */
export function tempFolder(prefix: string, parent = tmpdir()): string {
  const folder = mkdtempSync(join(parent, prefix));
  made.push(folder);
  return folder;
}
