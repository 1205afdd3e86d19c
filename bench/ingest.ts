/**
 * Ingestion bench: `node --import tsx bench/ingest.ts`
 * (PostgreSQL too when TRUCE_BENCH_DATABASE_URL or TRUCE_TEST_DATABASE_URL is set, e.g.
 *  TRUCE_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/ingest.ts;
 *  a fresh database is created per run and dropped afterwards.)
 *
 * Bar: POST /api/reports with 50 concurrent clients on PostgreSQL reaches at least half
 * the requests/s of a bare Fastify route that inserts the same row with one INSERT,
 * measured side by side in the same run; p99 under 100 ms. The same is reported on PGlite.
 *
 * Starts the real server (startServer, demo without reports), signs in as a party officer,
 * creates an API token and files BENCH_REQUESTS (default 3,000) varied reports (real Syrian
 * places from the gazetteer, default taxonomy types, Arabic descriptions) with BENCH_CLIENTS
 * (default 50) clients from a worker thread. Side by side, a bare Fastify app on the same
 * database inserts an equivalent row (reports header + report_versions content) into a
 * scratch table with one INSERT, driven by the same generator and bodies; real and bare
 * take turns BENCH_ROUNDS times (default 3), each after the server finished the background
 * work earlier rounds left (untimed), and each side's median round is compared. Loopback only,
 * bounded in count and time (BENCH_TIME_LIMIT_S, default 120 s per run).
 * Results: bench/results/ingest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../packages/server/src/config.ts';
import { startServer } from '../packages/server/src/server.ts';
import type { DemoAccount } from '../packages/server/src/demo/seed.ts';
import { parsePlacesTsv } from '../packages/core/src/geo/index.ts';
import { DEFAULT_TAXONOMY } from '../packages/core/src/mechanism/taxonomy.ts';
import { runLoad, summarise } from './lib/load.ts';
import { processNotifications } from '../packages/server/src/notifications/processor.ts';
import { ensureCurrent } from '../packages/server/src/dashboard/rollup/upkeep.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_S ?? 120) * 1000;

// Deterministic pseudo-random choices (mulberry32), so runs compare.
let seed = 20170129;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const count = () => (random() < 0.2 ? null : random() < 0.6 ? 0 : Math.floor(random() * 6));

const places = parsePlacesTsv(fs.readFileSync(path.join(ROOT, '../packages/server/data/geo/syr_populated_places.tsv'), 'utf8'));
const AR = [
  (p: string, t: string) => `أفاد مراقبون بوقوع ${t} قرب ${p} في ساعات الصباح الأولى، وأكد شهود عيان سماع انفجارات متتالية.`,
  (p: string, t: string) => `تعرضت أطراف ${p} إلى ${t}، ما أدى إلى أضرار في منازل المدنيين وإغلاق الطريق الرئيسي لعدة ساعات.`,
  (p: string, t: string) => `سجّل فريق الرصد ${t} في محيط ${p} خلافاً لبنود اتفاق وقف الأعمال العدائية.`,
  (p: string, t: string) => `نقلت مصادر محلية أن ${t} استهدف ${p} مساءً، ولم يتسن التحقق من عدد الإصابات بعد.`,
];
const TYPE_AR: Record<string, string> = {
  shelling: 'قصف مدفعي',
  'air-strike': 'غارة جوية',
  'armed-clash': 'اشتباك مسلح',
  'explosive-device': 'انفجار عبوة ناسفة',
  abduction: 'عملية خطف',
  arrests: 'حملة اعتقالات',
  looting: 'أعمال نهب',
};

function bodies(n: number, parties: string[], groups: string[], types: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const place = pick(places);
    const type = pick(types);
    const lat = Math.round((place.lat + (random() - 0.5) * 0.02) * 1e5) / 1e5;
    const lon = Math.round((place.lon + (random() - 0.5) * 0.02) * 1e5) / 1e5;
    const occurred = new Date(Date.UTC(2017, 0, 1) + Math.floor(random() * 365 * 86400) * 1000);
    const r = random();
    const allegedPerpetrator =
      r < 0.7 ? { kind: 'party', organisationId: pick(parties) } : r < 0.85 ? { kind: 'excluded', groupId: pick(groups) } : { kind: 'unknown' };
    const s = random();
    const affectedSide = s < 0.5 ? { kind: 'civilians' } : s < 0.85 ? { kind: 'party', organisationId: pick(parties) } : { kind: 'unknown' };
    out.push(
      JSON.stringify({
        occurredAt: occurred.toISOString(),
        timePrecision: pick(['exact', 'hour', 'hour', 'day', 'approximate']),
        location: { lat, lon, geoPrecision: pick(['exact', 'place', 'place']), pcode: place.pcode, placeName: place.name_ar },
        sealLocation: random() < 0.1,
        typeCode: type,
        allegedPerpetrator,
        affectedSide,
        casualties: { killedCivilian: count(), killedCombatant: count(), injuredCivilian: count(), injuredCombatant: count() },
        description: pick(AR)(place.name_ar, TYPE_AR[type] ?? 'خرق لوقف الأعمال العدائية'),
        language: 'ar',
        sources: [{ kind: pick(['witness', 'own-observation', 'media', 'victim'] as const), detail: 'شاهد عيان من السكان المحليين' }],
        evidence: [],
      }),
    );
  }
  return out;
}

/** A bare Fastify app on the same database: one route, one INSERT of an equivalent row. */
async function bareApp(db: import('kysely').Kysely<any>, reporterOrg: string, reporterUser: string) {
  await sql`create table if not exists bench_bare_reports (
    id uuid primary key, reporter_org uuid not null, reporter_user uuid not null, created_at timestamptz not null,
    current_version integer not null, occurred_at timestamptz not null, type_code text not null,
    alleged_party uuid, alleged_group uuid, affected_party uuid, adm1_pcode text, adm2_pcode text,
    outside_zones boolean not null, outside_dates boolean not null,
    content jsonb not null, areas jsonb not null, change_note text not null, created_by uuid not null)`.execute(db);
  const app = Fastify({ logger: false });
  app.post('/bare/reports', async (req, reply) => {
    const c = req.body as any;
    const p = c.allegedPerpetrator;
    const { rows } = await sql<{ id: string }>`insert into bench_bare_reports values (
      gen_random_uuid(), ${reporterOrg}, ${reporterUser}, now(), 1, ${new Date(c.occurredAt)}, ${c.typeCode},
      ${p.kind === 'party' ? p.organisationId : null}, ${p.kind === 'excluded' ? p.groupId : null},
      ${c.affectedSide.kind === 'party' ? c.affectedSide.organisationId : null}, null, null, false, false,
      ${JSON.stringify(c)}, '{}', '', ${reporterUser}) returning id`.execute(db);
    return reply.code(201).send({ id: rows[0].id });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address() as import('node:net').AddressInfo;
  return { app, url: `http://127.0.0.1:${addr.port}/bare/reports` };
}

async function bench(engine: 'pglite' | 'postgres', databaseUrl?: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-bench-ingest-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TRUCE_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const server = await startServer(config, { demo: true, demoReports: 0, serveWeb: false });
  const bare: { app?: import('fastify').FastifyInstance } = {};
  try {
    const accounts: DemoAccount[] = JSON.parse(fs.readFileSync(server.demoAccountsFile!, 'utf8'));
    const officer = accounts.find((a) => a.email === 'officer.government@demo.truce.example')!;
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: officer.email, password: officer.password }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('truce_session='))!
      .split(';')[0];
    const tokenRes = await fetch(`${server.url}/api/account/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', scope: 'file', expiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
    });
    if (tokenRes.status !== 201) throw new Error(`token failed: ${tokenRes.status} ${await tokenRes.text()}`);
    const { token } = (await tokenRes.json()) as { token: string };

    const db = server.ctx.db as import('kysely').Kysely<any>;
    const parties = (await db.selectFrom('organisations').select('id').where('kind', '=', 'party').execute()).map((r: any) => r.id);
    const groups = (await db.selectFrom('excluded_groups').select('id').execute()).map((r: any) => r.id);
    const types = DEFAULT_TAXONOMY.map((t) => t.code);
    const user = await db.selectFrom('users').select(['id', 'organisation_id']).where('email', '=', officer.email).executeTakeFirstOrThrow();
    const payloads = bodies(REQUESTS + WARMUP, parties, groups, types);

    const b = await bareApp(db, user.organisation_id, user.id);
    bare.app = b.app;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const job = (url: string, n: number, offset: number) => ({
      url,
      method: 'POST' as const,
      headers,
      bodies: payloads.slice(offset, offset + n),
      count: n,
      concurrency: CLIENTS,
      timeLimitMs: TIME_LIMIT_MS,
    });

    // Warm-up both, then measure the real route and the bare one in turn on the same bodies,
    // ROUNDS times: on a shared two-core machine one run's figures swing by a third, so the
    // figures compared are each side's median round (by requests per second; p99 the median
    // of the rounds' p99), and every round is kept in the results.
    await runLoad(job(`${server.url}/api/reports`, WARMUP, REQUESTS));
    await runLoad(job(b.url, WARMUP, REQUESTS));
    const realRounds = [];
    const bareRounds = [];
    // Before each round the server finishes what earlier rounds left it (numbering the log,
    // notifications, the dashboard's aggregates), untimed, so that neither side is measured
    // while the other's work is done.
    const settle = async () => {
      await server.ctx.sequencer.flush();
      while ((await processNotifications(server.ctx)) > 0) {
        /* until nothing is left */
      }
      await ensureCurrent(db);
    };
    for (let round = 0; round < ROUNDS; round++) {
      await settle();
      realRounds.push(summarise(await runLoad(job(`${server.url}/api/reports`, REQUESTS, 0))));
      await settle();
      bareRounds.push(summarise(await runLoad(job(b.url, REQUESTS, 0))));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
    const medianRound = (rounds: ReturnType<typeof summarise>[]) => {
      const rps = median(rounds.map((r) => r.requestsPerSecond));
      return { ...rounds.find((r) => r.requestsPerSecond === rps)!, p99Ms: median(rounds.map((r) => r.p99Ms)) };
    };
    const real = medianRound(realRounds);
    const bareResult = medianRound(bareRounds);
    const filed = await db.selectFrom('reports').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const result = {
      engine,
      clients: CLIENTS,
      reportsFiled: Number(filed.n),
      rounds: ROUNDS,
      real,
      bare: bareResult,
      ratioRealToBare: +(real.requestsPerSecond / bareResult.requestsPerSecond).toFixed(2),
      bar: {
        ratioAtLeast: 0.5,
        p99UnderMs: 100,
        met: real.requestsPerSecond / bareResult.requestsPerSecond >= 0.5 && real.p99Ms < 100 && realRounds.every((r) => r.ok === REQUESTS),
      },
      realRounds: realRounds.map((r) => ({ requestsPerSecond: r.requestsPerSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms, ok: r.ok })),
      bareRounds: bareRounds.map((r) => ({ requestsPerSecond: r.requestsPerSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms, ok: r.ok })),
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    await bare.app?.close();
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [];
const pgUrl = process.env.TRUCE_BENCH_DATABASE_URL ?? process.env.TRUCE_TEST_DATABASE_URL;
if (pgUrl) {
  const name = `truce_bench_ingest_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  try {
    results.push(await bench('postgres', url.toString()));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
if (process.env.BENCH_ENGINES !== 'postgres') results.push(await bench('pglite'));

const out = path.join(ROOT, 'results', 'ingest.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
      node: process.version,
      requests: REQUESTS,
      clients: CLIENTS,
      results,
    },
    null,
    2,
  ) + '\n',
);
console.log(`written ${out}`);
