import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFromNodes, leafHash, nodeHash, parseCheckpoint, sha256, subtreeNodes, toBase64 } from '@truce/core/log/index';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/schema.ts';
import { record } from '../src/log/record.ts';
import { LogSequencer } from '../src/log/sequencer.ts';
import { getNodes } from '../src/log/store.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { Client, demo, ENGINES, startTestServer, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';

/**
 * One log, whatever the number of server processes (C9): every committed entry gets
 * exactly one index, with no gap and no repeat, and no checkpoint covers an entry that
 * is not there. Several sequencers race on one database while entries are appended.
 */

/** What the stored log must satisfy: indexes 0…n-1 once each, leaves and root from the entries. */
async function expectWholeLog(db: Kysely<Database>): Promise<number> {
  const head = Number((await db.selectFrom('log_head').select('size').executeTakeFirstOrThrow()).size);
  const entries = await db.selectFrom('log_entries').select(['idx', 'body']).where('idx', 'is not', null).orderBy('idx').execute();
  const pending = await db.selectFrom('log_entries').select(sql<number>`count(*)::int`.as('n')).where('idx', 'is', null).executeTakeFirstOrThrow();
  expect(pending.n, 'entries left without a place in the tree').toBe(0);
  expect(entries.map((e) => Number(e.idx))).toEqual(Array.from({ length: head }, (_, i) => i));
  const leaves = await db.selectFrom('log_nodes').select(['idx', 'hash']).where('level', '=', 0).orderBy('idx').execute();
  expect(leaves.length, 'leaf hashes stored').toBe(head);
  const distinct = new Set(leaves.map((l) => toBase64(new Uint8Array(l.hash))));
  expect(distinct.size, 'an entry given two places in the tree').toBe(head);
  entries.forEach((e, i) => {
    expect(toBase64(new Uint8Array(leaves[i].hash)), `leaf ${i}`).toBe(toBase64(leafHash(new Uint8Array(e.body))));
  });
  // The root the stored nodes give is the root of the entries themselves.
  const get = await getNodes(db, subtreeNodes(0, head));
  const fromNodes = hashFromNodes(0, head, get);
  const leaves0 = entries.map((e) => leafHash(new Uint8Array(e.body)));
  expect(toBase64(fromNodes)).toBe(toBase64(treeHash(leaves0)));
  return head;
}

/** RFC 6962's MTH of these leaf hashes, computed from scratch (no stored node used). */
function treeHash(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256(new Uint8Array());
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(treeHash(leaves.slice(0, k)), treeHash(leaves.slice(k)));
}

describe.each(ENGINES)('several sequencers on one %s database', (engine) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(engine);
  });
  afterAll(() => ts.close());

  it('give every entry appended under load exactly one index, and the head never runs ahead of the entries', async () => {
    const db = ts.server.ctx.db;
    const sequencers = [new LogSequencer(db), new LogSequencer(db), new LogSequencer(db)];
    const start = Number((await db.selectFrom('log_head').select('size').executeTakeFirstOrThrow()).size);
    let appending = true;
    const violations: string[] = [];
    // A reader that watches the head: every entry below it must exist, at its own index.
    const watcher = (async () => {
      while (appending) {
        const head = Number((await db.selectFrom('log_head').select('size').executeTakeFirstOrThrow()).size);
        const below = await db.selectFrom('log_entries').select(sql<number>`count(*)::int`.as('n')).where('idx', '<', head).executeTakeFirstOrThrow();
        if (below.n !== head) violations.push(`head ${head} but ${below.n} entries below it`);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const places = ['حلب', 'إدلب', 'دوما', 'درعا', 'حمص'];
    await Promise.all(
      Array.from({ length: 30 }, async (_, client) => {
        for (let n = 0; n < 8; n++) {
          await db
            .transaction()
            .execute((tx) =>
              record(tx, { type: 'test.appended', actor: null, subject: { client: String(client), n: String(n) }, data: { place: places[(client + n) % 5] } }),
            );
          await sequencers[(client + n) % 3].flush();
        }
      }),
    );
    appending = false;
    await watcher;
    for (const s of sequencers) await s.flush();
    expect(violations).toEqual([]);
    const head = await expectWholeLog(db);
    expect(head - start).toBe(240);
  });
});

// Three `truce serve` processes' worth of servers on one PostgreSQL database, filings round robin.
describe.skipIf(!ENGINES.includes('postgres'))('three servers on one PostgreSQL database', () => {
  let first: TestServer;
  const others: RunningServer[] = [];
  beforeAll(async () => {
    first = await startTestServer('postgres', { demo: true });
    for (let i = 0; i < 2; i++) {
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        TRUCE_DATA_DIR: first.dataDir,
        LOG_LEVEL: 'silent',
        DATABASE_URL: first.server.ctx.config.databaseUrl!,
      });
      others.push(await startServer(config, { serveWeb: false }));
    }
  });
  afterAll(async () => {
    for (const s of others) await s.close();
    await first.close();
  });

  it('answer 300 filings from 30 clients with one index each, and sign checkpoints only of entries that exist', async () => {
    const urls = [first.url, ...others.map((s) => s.url)];
    const officer = await first.signedIn(demo('government', 'officer'));
    const orgs = Object.fromEntries(((await officer.get('/api/organisations')).body as { shortName: string; id: string }[]).map((o) => [o.shortName, o.id]));
    const token = (await officer.post('/api/account/tokens', { name: 'load', scope: 'file', expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).body
      .token as string;
    const places = Object.values(PLACES);
    const indexes: number[] = [];
    const checkpoints: { size: number; url: string }[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, c) => {
        for (let n = 0; n < 10; n++) {
          const url = urls[(c + n) % 3];
          const client = new Client(url);
          client.bearer = token;
          const res = await client.post(
            '/api/reports',
            reportBody(orgs, {
              occurredAt: '2017-01-14T06:30:00Z',
              location: { ...places[(c + n) % places.length], geoPrecision: 'exact' },
              description: `قصف مدفعي قرب السوق، بلاغ ${c}-${n}`,
            }),
          );
          expect(res.status, res.text).toBe(201);
          expect(res.body.logIndex).toEqual(expect.any(Number));
          indexes.push(res.body.logIndex);
          const checkpoint = await new Client(urls[(c + n + 1) % 3]).get('/log/checkpoint');
          checkpoints.push({ size: parseCheckpoint(checkpoint.text.slice(0, checkpoint.text.indexOf('\n\n') + 1)).size, url });
        }
      }),
    );
    const db = first.server.ctx.db;
    const head = await expectWholeLog(db);
    expect(new Set(indexes).size).toBe(300);
    expect(Math.max(...indexes)).toBeLessThan(head);
    for (const { size } of checkpoints) expect(size).toBeLessThanOrEqual(head);
    // Every signed checkpoint's root is the root of the entries up to its size.
    const stored = await db.selectFrom('log_checkpoints').select(['size', 'root']).execute();
    const bodies = (await db.selectFrom('log_entries').select(['idx', 'body']).where('idx', 'is not', null).orderBy('idx').execute()).map(
      (e) => new Uint8Array(e.body),
    );
    const leaves = bodies.map((b) => leafHash(b));
    for (const cp of stored) {
      const size = Number(cp.size);
      expect(size).toBeLessThanOrEqual(head);
      const root = treeHash(leaves.slice(0, size));
      expect(toBase64(new Uint8Array(cp.root)), `checkpoint ${size}`).toBe(toBase64(root));
    }
  });
});
