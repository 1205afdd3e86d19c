import { sql, type Kysely } from 'kysely';
import { childrenOf, leafHash, nodeHash, nodesCompletedByAppend, subtreeNodes, type NodeId } from '@truce/core/log/index';
import type { Database } from '../db/index.ts';
import { getNodes } from './store.ts';
import { startLoop, type LoopLog } from '../background/index.ts';

/**
 * Gives committed entries their place in the tree (C9). Commands append entries without
 * an index (record.ts); the sequencer takes them in id order, numbers them after the
 * current head, stores the leaf hashes and every subtree they complete, and moves the
 * head, all in one statement per batch (sequenceBatch). Indexes have no gaps, and only
 * committed entries are ever numbered. Several server processes may each run a
 * sequencer: each batch moves the head only from the size it read before it read the
 * pending entries, in the statement that numbers them, so a batch that lost a race
 * changes nothing and tries again (test/log-sequencers.int.test.ts races three).
 *
 * `flush()` joins concurrent callers into one run (group commit): a write request waits
 * for its entry to be in the tree before it answers, and fifty such requests cost one
 * sequencing transaction, not fifty.
 */
type Db = Kysely<Database>;

/** Entries numbered per batch: bounded so one statement never holds the head for long. */
const BATCH = 1000;
/** Entry indexes remembered for the answers of the requests that wrote them. */
const GIVEN_KEPT = 20_000;

/** Told the types of the entries just put in the tree (by this process's sequencer). */
export type SequencedListener = (types: ReadonlySet<string>) => void;

export class LogSequencer {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly listeners: SequencedListener[] = [];
  private frontier: Frontier | null = null;
  /** Indexes this sequencer gave lately, by entry id: a write's answer names its index without asking the database. */
  private readonly given = new Map<number, number>();

  constructor(private readonly db: Db) {}

  /** The index this process's sequencer gave an entry lately; undefined when another process numbered it (or long ago). */
  indexGiven(entryId: number): number | undefined {
    return this.given.get(entryId);
  }

  /**
   * Caches of what changes rarely (the mechanism's set-up) learn here that it changed:
   * a write request answers only after its entry is sequenced, so a cache dropped here
   * is never stale for the next request of this process.
   */
  onSequenced(listener: SequencedListener): void {
    this.listeners.push(listener);
  }

  /**
   * Resolves once every entry committed before the call is in the tree. A run already
   * going may have started before the caller's commit, so the caller waits for the next.
   */
  flush(): Promise<void> {
    if (!this.running) {
      this.running = this.runAll().finally(() => (this.running = null));
      return this.running;
    }
    if (!this.queued) {
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.flush();
        });
    }
    return this.queued;
  }

  private async runAll(): Promise<void> {
    for (;;) {
      const batch = await sequenceBatch(this.db, this.frontier).catch((err) => {
        this.frontier = null;
        throw err;
      });
      this.frontier = batch.frontier;
      for (const [id, idx] of batch.numbered) this.given.set(id, idx);
      // Bounded: only answers being written need it, and they ask right after their flush.
      for (const id of this.given.keys()) {
        if (this.given.size <= GIVEN_KEPT) break;
        this.given.delete(id);
      }
      const types = batch.types;
      if (types.length > 0 && this.listeners.length > 0) {
        const set = new Set(types);
        for (const listener of this.listeners) listener(set);
      }
      // Another sequencer moved the head first: try again from the stored tree.
      if (!batch.moved) continue;
      if (types.length < BATCH) return;
    }
  }
}

/**
 * The hashes of the perfect subtrees that make up the tree [0, size): the only stored
 * nodes a later append can need as left children. Kept between batches so a batch
 * reads no nodes; a batch by another process moves the head past `size`, which this
 * sequencer notices (its head update matches nothing) and then reads them again.
 */
interface Frontier {
  size: number;
  nodes: Map<string, Uint8Array>;
}

const key = (n: NodeId) => `${n.level}/${n.index}`;

/**
 * Numbers up to BATCH pending entries in two or three round trips and no explicit
 * transaction: read the head's size (unless this sequencer knows it), then the pending
 * entries, then one statement that moves the head from the size this
 * sequencer knows to the new size and, only if that matched, numbers the entries and
 * stores their tree nodes. The statement is atomic, and the head's row lock orders
 * sequencers: a second sequencer's statement waits, then finds the head moved and
 * changes nothing. Numbering always moves the head in the same statement, so when the
 * head is where this sequencer expects, nobody numbered the entries it read.
 *
 * `moved` is false when another sequencer got there first (the caller tries again with
 * the frontier read afresh); `types` are the types of the entries numbered.
 */
async function sequenceBatch(
  db: Db,
  frontier: Frontier | null,
): Promise<{ moved: boolean; types: string[]; frontier: Frontier | null; numbered: [number, number][] }> {
  // The size first, then the pending entries. An entry another sequencer numbered before
  // the size was read is no longer pending when we look; one it numbers later moves the
  // head, and our update below then matches nothing. (Read the other way round, a batch
  // numbered in between was read as pending and numbered a second time after it.)
  let size: number;
  if (frontier) size = frontier.size;
  else size = Number((await db.selectFrom('log_head').select('size').where('id', '=', 1).executeTakeFirstOrThrow()).size);
  const pending = await db.selectFrom('log_entries').select(['id', 'body']).where('idx', 'is', null).orderBy('id').limit(BATCH).execute();
  // Most write requests that log nothing find nothing waiting: one indexed look.
  if (pending.length === 0) return { moved: true, types: [], frontier, numbered: [] };
  const known = frontier ? new Map(frontier.nodes) : await storedFrontier(db, size);
  const nodes = treeNodesFor(
    size,
    pending.map((p) => new Uint8Array(p.body)),
    known,
  );
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const newSize = size + pending.length;
  const subjects = pending.flatMap((p, i) => {
    const { type, subject } = entrySubject(p.body);
    return subject.map(([name, value]) => ({ name, value, idx: String(size + i), type }));
  });
  const result = await sql<{ moved: number }>`
    with head as (
      update log_head set size = ${newSize} where id = 1 and size = ${size} returning size
    ), numbered as (
      update log_entries as e set idx = v.idx
      from unnest(${pending.map((p) => String(p.id))}::bigint[], ${pending.map((_, i) => String(size + i))}::bigint[]) as v(id, idx), head
      where e.id = v.id and e.idx is null
      returning e.id
    ), stored as (
      insert into log_nodes (level, idx, hash)
      select n.level, n.idx, decode(n.hash, 'hex')
      from unnest(${nodes.map((n) => n.level)}::smallint[], ${nodes.map((n) => String(n.idx))}::bigint[], ${nodes.map((n) => hex(n.hash))}::text[]) as n(level, idx, hash), head
    ), subjects as (
      -- Which entries name which item (migration 0031), so a page finds an item's receipts.
      insert into log_entry_subjects (name, value, idx, type)
      select s.name, s.value, s.idx, s.type
      from unnest(${subjects.map((x) => x.name)}::text[], ${subjects.map((x) => x.value)}::text[], ${subjects.map((x) => x.idx)}::bigint[], ${subjects.map((x) => x.type)}::text[]) as s(name, value, idx, type), head
      on conflict do nothing
    )
    -- Belt and braces: a head moved without numbering every entry read would leave a gap,
    -- so the statement (and with it the head's move) fails instead.
    select log_sequencer_check((select count(*) from head)::int, (select count(*) from numbered)::int, ${pending.length}::int) as moved
  `.execute(db);
  if (result.rows[0]?.moved !== 1) return { moved: false, types: [], frontier: null, numbered: [] };
  const types = pending.map((p) => entryType(p.body));
  const numbered = pending.map((p, i): [number, number] => [Number(p.id), size + i]);
  const next = new Map<string, Uint8Array>();
  for (const node of subtreeNodes(0, newSize)) {
    const hash = known.get(key(node));
    if (!hash) return { moved: true, types, frontier: null, numbered };
    next.set(key(node), hash);
  }
  return { moved: true, types, frontier: { size: newSize, nodes: next }, numbered };
}

/** The frontier of the stored tree of this size, read from the store. */
async function storedFrontier(tx: Db, size: number): Promise<Map<string, Uint8Array>> {
  const wanted = subtreeNodes(0, size);
  const get = await getNodes(tx, wanted);
  return new Map(wanted.map((n) => [key(n), get(n)]));
}

/**
 * The leaf hashes of entries appended at `size`, `size + 1`, … and every subtree they
 * complete. A completed node's right child is the node completed just before it (or
 * the leaf); its left child is in the frontier or was made earlier in this batch.
 * `known` gains every node made.
 */
function treeNodesFor(size: number, bodies: Uint8Array[], known: Map<string, Uint8Array>) {
  const rows: { level: number; idx: number; hash: Uint8Array }[] = [];
  bodies.forEach((body, i) => {
    const index = size + i;
    let right = leafHash(body);
    rows.push({ level: 0, idx: index, hash: right });
    known.set(`0/${index}`, right);
    for (const node of nodesCompletedByAppend(index)) {
      const [left] = childrenOf(node);
      const leftHash = known.get(key(left));
      if (!leftHash) throw new Error(`log node ${left.level}/${left.index} is missing`);
      right = nodeHash(leftHash, right);
      rows.push({ level: node.level, idx: node.index, hash: right });
      known.set(key(node), right);
    }
  });
  return rows;
}

/**
 * Sequences now and then in the background, for entries no request waited for (a
 * request whose client went away, a command run outside HTTP). Errors are logged and
 * retried; stopping waits for a run in progress.
 */
export function startSequencerLoop(sequencer: LogSequencer, log: LoopLog, everyMs = 1000): () => Promise<void> {
  // Stopping sequences what is left, so a clean shutdown leaves nothing pending.
  return startLoop(() => sequencer.flush(), { everyMs, log, failure: 'log sequencing failed; will retry', onStop: () => sequencer.flush() });
}

const decoder = new TextDecoder();

/** An entry's type and the (name, value) pairs of its subject, at most 16 of 200 characters each; none for bytes that do not parse. */
function entrySubject(body: Uint8Array): { type: string; subject: [string, string][] } {
  try {
    const entry = JSON.parse(decoder.decode(body)) as { type?: unknown; subject?: unknown };
    const type = typeof entry.type === 'string' ? entry.type.slice(0, 200) : '';
    if (!entry.subject || typeof entry.subject !== 'object' || Array.isArray(entry.subject)) return { type, subject: [] };
    const subject = Object.entries(entry.subject)
      .filter((p): p is [string, string] => typeof p[1] === 'string' && p[0].length <= 200 && p[1].length <= 200)
      .slice(0, 16);
    return { type, subject };
  } catch {
    return { type: '', subject: [] };
  }
}

/** An entry's type, or '' for bytes that do not parse (verify reports those, not us). */
function entryType(body: Uint8Array): string {
  try {
    const type = (JSON.parse(decoder.decode(body)) as { type?: unknown }).type;
    return typeof type === 'string' ? type : '';
  } catch {
    return '';
  }
}
