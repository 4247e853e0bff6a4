// What the engine's callers read from project files (configuration, the omnibase-core pin, a package's
// contract), cached per file and read again only when the file's modification time or size changes.
import { statSync } from 'node:fs';

/** `mtime:size` of a regular file; null when there is none (or it cannot be stat'ed). */
export function fileStamp(path: string): string | null {
  try {
    const s = statSync(path);
    return s.isFile() ? `${s.mtimeMs}:${s.size}` : null;
  } catch {
    return null;
  }
}

/** Values computed from files, each kept until its file changes. */
export class FileCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T }>();

  /** The value `read(path)` gives for the file, computed again only when it changed; undefined when there is no file. */
  get(path: string, read: (path: string) => T): T | undefined {
    const stamp = fileStamp(path);
    if (stamp === null) return undefined;
    const hit = this.entries.get(path);
    if (hit && hit.stamp === stamp) return hit.value;
    const value = read(path);
    this.entries.set(path, { stamp, value });
    return value;
  }
}
