/**
 * What this browser remembers about the record: the log's verifier key, pinned the first
 * time it is seen (trust on first use), and the last checkpoint it verified. A later
 * checkpoint must be consistent with that one, or the record was rewritten.
 */
export const KEY_STORAGE = 'truce.log.key';
export const CHECKPOINT_STORAGE = 'truce.log.lastCheckpoint';
/** What the witnesses' tlog-policy trusts (witnesses/trustText), pinned like the key. */
export const POLICY_STORAGE = 'truce.log.policy';

export interface SeenCheckpoint {
  /** The signed note as served. */
  note: string;
  origin: string;
  size: number;
  /** base64 of the 32-byte root hash. */
  rootHash: string;
  /** When this browser verified it (ISO 8601). */
  seenAt: string;
}

function read(name: string): string | null {
  try {
    return window.localStorage.getItem(name);
  } catch {
    return null;
  }
}

function write(name: string, value: string): void {
  try {
    window.localStorage.setItem(name, value);
  } catch {
    /* storage full or disabled: the check still runs, it is just not remembered */
  }
}

export function pinnedKey(): string | null {
  return read(KEY_STORAGE)?.trim() || null;
}

export function pinKey(key: string): void {
  write(KEY_STORAGE, key.trim());
}

export function pinnedPolicy(): string | null {
  return read(POLICY_STORAGE) || null;
}

export function pinPolicy(trust: string): void {
  write(POLICY_STORAGE, trust);
}

export function lastCheckpoint(): SeenCheckpoint | null {
  const raw = read(CHECKPOINT_STORAGE);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<SeenCheckpoint>;
    if (
      typeof v.note === 'string' &&
      typeof v.origin === 'string' &&
      typeof v.size === 'number' &&
      typeof v.rootHash === 'string' &&
      typeof v.seenAt === 'string'
    ) {
      return v as SeenCheckpoint;
    }
  } catch {
    /* unreadable: treated as never seen */
  }
  return null;
}

export function rememberCheckpoint(seen: SeenCheckpoint): void {
  write(CHECKPOINT_STORAGE, JSON.stringify(seen));
}
