/**
 * `npm run bench` (or `npm run bench -- foundation`): measures what the foundation puts on every request path — appending
 * to the record inside a transaction, signing a checkpoint, serving proofs — on the
 * embedded engine and, when TRUCE_BENCH_DATABASE_URL (or TRUCE_TEST_DATABASE_URL) is
 * set, on PostgreSQL. Results are printed and written to bench/results/foundation.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../packages/server/src/db/connection.ts';
import { migrateToLatest } from '../packages/server/src/db/migrate.ts';
import { record } from '../packages/server/src/log/record.ts';
import { LogKeyring } from '../packages/server/src/log/signer.ts';
import { LogSequencer } from '../packages/server/src/log/sequencer.ts';
import { currentCheckpoint } from '../packages/server/src/log/checkpoints.ts';
import { consistencyProof, inclusionProof } from '../packages/server/src/log/proofs.ts';
import { systemClock, type AppContext } from '../packages/server/src/context.ts';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 5000);

async function bench(engine: 'pglite' | 'postgres', handle: DatabaseHandle, dataDir: string) {
  await migrateToLatest(handle.db);
  const ctx: AppContext = {
    config: loadConfig({ TRUCE_DATA_DIR: dataDir }),
    db: handle.db,
    engine,
    clock: systemClock,
    keyring: new LogKeyring(dataDir, undefined),
    sequencer: new LogSequencer(handle.db),
  };
  await handle.db
    .insertInto('mechanism')
    .values({
      id: 1,
      name: 'Bench',
      slug: 'bench',
      log_origin: 'truce/bench',
      decision_rule: 'consensus',
      mfa_required_roles: '[]',
      support_group_name: '',
      reply_deadline_hours: 72,
      demo: true,
      updated_at: new Date(),
      version: 1,
    })
    .execute();

  const append = (i: number) =>
    handle.db
      .transaction()
      .execute((tx) =>
        record(tx, { type: 'bench.appended', actor: null, subject: { n: String(i) }, data: { governorate: 'SY07', i }, sealed: { name: 'محمد عبد الرحمن' } }),
      );
  // One writer at a time, each waiting for its entry to be in the tree (a request's path).
  let started = performance.now();
  for (let i = 0; i < APPENDS; i++) {
    await append(i);
    await ctx.sequencer.flush();
  }
  const appendMs = performance.now() - started;
  // Twenty writers at once, each waiting for its entry: the sequencer numbers them in groups.
  started = performance.now();
  const WRITERS = 20;
  let next = APPENDS;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < 2 * APPENDS) {
        await append(next++);
        await ctx.sequencer.flush();
      }
    }),
  );
  const concurrentMs = performance.now() - started;

  let t = performance.now();
  const checkpoint = await currentCheckpoint(ctx);
  const checkpointMs = performance.now() - t;

  t = performance.now();
  const proofs = 200;
  for (let i = 0; i < proofs; i++) await inclusionProof(ctx, Math.floor((i * 7919) % checkpoint.size), checkpoint.size);
  const proofMs = (performance.now() - t) / proofs;

  t = performance.now();
  for (let i = 0; i < proofs; i++) await consistencyProof(ctx, 1 + ((i * 104729) % (checkpoint.size - 1)), checkpoint.size);
  const consistencyMs = (performance.now() - t) / proofs;

  return {
    engine,
    appends: APPENDS,
    appendsPerSecond: Math.round((APPENDS / appendMs) * 1000),
    appendsPerSecond20Writers: Math.round((APPENDS / concurrentMs) * 1000),
    signCheckpointMs: +checkpointMs.toFixed(1),
    inclusionProofMs: +proofMs.toFixed(2),
    consistencyProofMs: +consistencyMs.toFixed(2),
  };
}

const results = [];
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-bench-'));
  const handle = await openPglite(dir);
  results.push(await bench('pglite', handle, dir));
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
const pgUrl = process.env.TRUCE_BENCH_DATABASE_URL ?? process.env.TRUCE_TEST_DATABASE_URL;
if (pgUrl) {
  const name = `truce_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-bench-'));
  const handle = await openPostgres(url.toString());
  results.push(await bench('postgres', handle, dir));
  await handle.close();
  await admin.query(`drop database ${name} with (force)`);
  await admin.end();
}
console.table(results);
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'results', 'foundation.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify(
    { measuredAt: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`, node: process.version, results },
    null,
    2,
  ) + '\n',
);
