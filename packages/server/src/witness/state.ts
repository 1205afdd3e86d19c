import fs from 'node:fs';
import path from 'node:path';
import { fromBase64, toBase64, type WitnessedState } from '@truce/core/log/index';

/**
 * What the witness remembers: per log origin, the latest checkpoint it cosigned. Written
 * to a temporary file, fsynced, renamed over the old one and the directory fsynced, so a
 * crash leaves either the old state or the new one, never a half-written file, and a
 * cosignature is only returned once the state that commits the witness to it is on disk.
 */
export const STATE_FILE = 'witness-state.json';

interface StoredLog {
  size: number;
  rootHash: string;
  /** The checkpoint note as received, for the operator. */
  note: string;
  cosignedAt: string;
}

interface StoredState {
  version: 1;
  logs: Record<string, StoredLog>;
}

export class WitnessStateFile {
  private state: StoredState;

  constructor(private readonly dir: string) {
    this.state = read(path.join(dir, STATE_FILE));
  }

  latest(origin: string): WitnessedState | null {
    const log = Object.hasOwn(this.state.logs, origin) ? this.state.logs[origin] : undefined;
    return log ? { size: log.size, rootHash: fromBase64(log.rootHash) } : null;
  }

  /** Persists a newly cosigned checkpoint (synchronously, so no other request interleaves). */
  save(origin: string, size: number, rootHash: Uint8Array, note: string, at: Date): void {
    const next: StoredState = {
      version: 1,
      logs: { ...this.state.logs, [origin]: { size, rootHash: toBase64(rootHash), note, cosignedAt: at.toISOString() } },
    };
    const file = path.join(this.dir, STATE_FILE);
    const tmp = `${file}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.writeSync(fd, JSON.stringify(next, null, 2) + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    const dirFd = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
    this.state = next;
  }
}

function read(file: string): StoredState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, logs: {} };
    throw err;
  }
  // A damaged state must stop the witness: starting afresh would let a log roll it back.
  const parsed = JSON.parse(text) as StoredState;
  if (parsed?.version !== 1 || typeof parsed.logs !== 'object' || parsed.logs === null) throw new Error(`${file} is not a witness state file`);
  for (const [origin, log] of Object.entries(parsed.logs)) {
    if (!Number.isSafeInteger(log.size) || log.size < 0 || fromBase64(log.rootHash).length !== 32)
      throw new Error(`${file}: the state for ${origin} is damaged`);
  }
  return parsed;
}
