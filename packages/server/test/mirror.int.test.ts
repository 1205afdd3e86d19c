import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entriesPath, formatCosignerKey, formatSignerKey, generateSigner, parseCheckpoint, tilePath, tilesForSize } from '@truce/core/log/index';
import { runMirror } from '../src/log/cli-mirror.ts';
import { runVerify } from '../src/log/cli-verify.ts';
import { record } from '../src/log/record.ts';
import { demo, ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { PLACES, reportBody } from './report-body.ts';
import { cosignatureLines, noteText, waitFor } from '../../../testing/wait.ts';

/**
 * `truce mirror` (issue 14): a guarantor's verified copy of the record that grows with it,
 * refuses a rewritten history without touching what it holds, and that `truce verify
 * --dir` checks offline with the witness quorum; and `truce verify` checking the quorum.
 */

async function run(command: typeof runMirror | typeof runVerify, args: string[]) {
  const lines: string[] = [];
  const code = await command(args, (l) => lines.push(l));
  return { code, lines, text: lines.join('\n') };
}

/** Every file under dir with its bytes, to show that a refusal changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel))) {
      const child = path.join(rel, name);
      if (fs.statSync(path.join(dir, child)).isDirectory()) walk(child);
      else files[child] = fs.readFileSync(path.join(dir, child)).toString('base64');
    }
  };
  walk('.');
  return files;
}

/** The tiles and bundles of a tree of `size` that a tree of `before` did not have. */
function newTiles(before: number, size: number) {
  const had = new Set(tilesForSize(before).map((t) => tilePath(t.level, t.n, t.width)));
  const added = tilesForSize(size).filter((t) => !had.has(tilePath(t.level, t.n, t.width)));
  return { hash: added.length, bundles: added.filter((t) => t.level === 0).length, paths: added };
}

const DESCRIPTIONS = [
  'قصف مدفعي على حي الشيخ مقصود',
  'قذائف هاون سقطت قرب سوق الهال',
  'إطلاق نار من قناص على طريق الكاستيلو',
  'غارة جوية على أطراف معرة النعمان',
  'اشتباكات قرب دوار الجندول',
];

async function officerOf(ts: TestServer) {
  const gov = await ts.signedIn(demo('government', 'officer'));
  const orgs = Object.fromEntries(((await gov.get('/api/organisations')).body as { id: string; shortName: string }[]).map((o) => [o.shortName, o.id]));
  const token = (await gov.post('/api/account/tokens', { name: 'guarantor mirror' })).body.token as string;
  const file = async (i: number) => {
    const res = await gov.post(
      '/api/reports',
      reportBody(orgs, {
        language: 'ar',
        occurredAt: `2017-01-2${i % 10}T09:00:00Z`,
        location: { ...PLACES.aleppo, geoPrecision: 'exact', placeName: 'الشيخ مقصود' },
        description: DESCRIPTIONS[i % DESCRIPTIONS.length],
        sources: [{ kind: 'witness', detail: 'صاحب محل' }],
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  };
  return { gov, token, file };
}

/** The served checkpoint once it covers every entry (the witnesses cosign after a write). */
async function servedCovering(ts: TestServer, gov: Client, cosigners: number, atLeast = 0) {
  return waitFor('a cosigned checkpoint covering the record', async () => {
    const size = (await gov.get('/api/log/entries?limit=1')).body.size as number;
    const res = await ts.client().get('/log/checkpoint');
    const cp = parseCheckpoint(noteText(res.text));
    // Entries committed outside a request are numbered a moment later: `atLeast` waits for them.
    return (
      cp.size === size &&
      size >= atLeast &&
      cosignatureLines(res.text).length >= cosigners &&
      res.headers.get('x-truce-quorum') === null && { note: res.text, size }
    );
  });
}

/**
 * The mirror holds the checkpoint it was served: the same tree and the log's signature, and
 * every cosignature served then. A witness may cosign between the test's look and the
 * mirror's, so the mirror may hold one more.
 */
function expectHeldCheckpoint(held: string, served: string) {
  const signedByLog = (note: string) => note.slice(0, note.indexOf('\n\n') + 2) + note.slice(note.indexOf('\n\n') + 2).split('\n')[0];
  expect(signedByLog(held)).toBe(signedByLog(served));
  expect(cosignatureLines(held)).toEqual(expect.arrayContaining(cosignatureLines(served)));
}

describe.each(ENGINES)('truce mirror of a log with witnesses on %s', (engine) => {
  let ts: TestServer;
  let officer: Awaited<ReturnType<typeof officerOf>>;
  let work: string;
  let dir: string;
  const state = () => path.join(work, 'verify-state.json');

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoWitnesses: true });
    officer = await officerOf(ts);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-mirror-'));
    dir = path.join(work, 'mirror');
  });
  afterAll(async () => {
    await ts?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('makes a mirror, then resumes it after more reports, fetching only the new and partial tiles', async () => {
    await officer.file(0);
    const first = await servedCovering(ts, officer.gov, 2);
    const made = await run(runMirror, ['--url', ts.url, '--token', officer.token, '--dir', dir]);
    expect(made.code, made.text).toBe(0);
    expect(made.text).toMatch(/note: trusting the key offered by .* on first use/);
    expect(made.text).toMatch(/note: trusting the witness policy offered by .* on first use \(quorum: guarantors\)/);
    expect(made.text).toMatch(/cosigned by witness\.russia\.\S+ at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect(made.text).toMatch(/quorum guarantors met/);
    const all = newTiles(0, first.size);
    expect(made.lines.at(-1)).toBe(
      `OK: mirrored truce/syria-ceasefire-demo at size ${first.size}: fetched ${all.hash} hash tiles and ${all.bundles} entry bundles, 0 already held`,
    );
    expectHeldCheckpoint(fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8'), first.note);
    expectHeldCheckpoint(fs.readFileSync(path.join(dir, `checkpoints/${first.size}`), 'utf8'), first.note);
    expect(fs.readFileSync(path.join(dir, 'policy'), 'utf8')).toBe((await ts.client().get('/log/policy')).text);
    expect(fs.existsSync(path.join(dir, '.incoming'))).toBe(false);

    // Run again at once: nothing to fetch.
    const again = await run(runMirror, ['--url', ts.url, '--token', officer.token, '--dir', dir]);
    expect(again.code, again.text).toBe(0);
    expect(again.text).toMatch(new RegExp(`up to date at size ${first.size}`));

    for (let i = 1; i <= 3; i++) await officer.file(i);
    const second = await servedCovering(ts, officer.gov, 2);
    const added = newTiles(first.size, second.size);
    // An earlier run was interrupted after fetching one of the new tiles: this run takes it from .incoming.
    const interrupted = added.paths.find((t) => t.level === 0)!;
    const early = await ts.client().bytes(`/log/${tilePath(0, interrupted.n, interrupted.width)}`);
    fs.mkdirSync(path.dirname(path.join(dir, '.incoming', tilePath(0, interrupted.n, interrupted.width))), { recursive: true });
    fs.writeFileSync(path.join(dir, '.incoming', tilePath(0, interrupted.n, interrupted.width)), early.data);

    const resumed = await run(runMirror, ['--url', ts.url, '--token', officer.token, '--dir', dir]);
    expect(resumed.code, resumed.text).toBe(0);
    expect(resumed.text).toContain(`consistency proof from size ${first.size} to ${second.size} verifies`);
    const heldBefore = tilesForSize(second.size).length - added.hash;
    expect(resumed.lines.at(-1)).toBe(
      `OK: mirrored truce/syria-ceasefire-demo at size ${second.size}: fetched ${added.hash - 1} hash tiles and ${added.bundles} entry bundles, ${heldBefore + (tilesForSize(second.size).filter((t) => t.level === 0).length - added.bundles) + 1} already held (1 from an interrupted run)`,
    );
    // Both checkpoints kept with their cosignatures; the superseded partial tiles replaced.
    expect(fs.readdirSync(path.join(dir, 'checkpoints')).sort()).toEqual([String(first.size), String(second.size)].sort());
    expect(cosignatureLines(fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8')).length).toBeGreaterThanOrEqual(2);
    for (const t of newTiles(second.size, first.size).paths) expect(fs.existsSync(path.join(dir, tilePath(t.level, t.n, t.width)))).toBe(false);
    for (const t of tilesForSize(second.size)) {
      expect(fs.existsSync(path.join(dir, tilePath(t.level, t.n, t.width)))).toBe(true);
      if (t.level === 0) expect(fs.existsSync(path.join(dir, entriesPath(t.n, t.width)))).toBe(true);
    }

    // The mirror verifies offline, with the witness quorum from the policy it keeps.
    const verified = await run(runVerify, ['--dir', dir, '--state', state()]);
    expect(verified.code, verified.text).toBe(0);
    expect(verified.text).toMatch(/using the witness policy kept in .*\/policy \(quorum: guarantors\)/);
    expect(verified.text).toMatch(/cosigned by witness\.turkiye\.\S+ at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect(verified.text).toMatch(/quorum guarantors met \([23] of 3 witnesses cosigned\)/);
    expect(verified.lines.at(-1)).toBe(`OK: truce/syria-ceasefire-demo — ${second.size} entries verified`);
  });

  it('`truce verify --url` shows who cosigned and when and the quorum, and fails naming a witness the policy demands that did not cosign', async () => {
    const ok = await run(runVerify, ['--url', ts.url, '--state', path.join(work, 'url-state.json')]);
    expect(ok.code, ok.text).toBe(0);
    expect(ok.text).toMatch(/note: trusting the witness policy offered by .* on first use \(quorum: guarantors\)/);
    expect(ok.text).toMatch(/cosigned by witness\.iran\.\S+ at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ|cosigned by witness\.russia\.\S+ at /);
    expect(ok.text).toMatch(/quorum guarantors met/);
    // Pinned: the state file keeps the policy.
    expect(JSON.parse(fs.readFileSync(path.join(work, 'url-state.json'), 'utf8')).logs[ts.url].policy).toBe((await ts.client().get('/log/policy')).text);

    // A policy that also demands the UN observer's witness, which never cosigned.
    const observer = generateSigner('observer.un.example/witness');
    const served = (await ts.client().get('/log/policy')).text.split('\n').filter((l) => l.startsWith('log ') || l.startsWith('witness '));
    const names = served.filter((l) => l.startsWith('witness ')).map((l) => l.split(' ')[1]);
    const strict = path.join(work, 'strict-policy.txt');
    fs.writeFileSync(
      strict,
      [
        ...served,
        `witness ${observer.name} ${formatCosignerKey(observer.name, observer.publicKey)}`,
        `group guarantors 2 ${names.join(' ')}`,
        `group everyone all guarantors ${observer.name}`,
        'quorum everyone',
        '',
      ].join('\n'),
    );
    const failed = await run(runVerify, ['--url', ts.url, '--policy', strict, '--state', path.join(work, 'strict-state.json')]);
    expect(failed.code, failed.text).toBe(1);
    expect(failed.lines.at(-1)).toMatch(
      /^FAILED: the checkpoint of size \d+ does not meet the quorum everyone of the pinned policy: missing cosignatures from .*observer\.un\.example\/witness/,
    );
    // The mirror refuses it too, and adopts nothing.
    const before = snapshot(dir);
    const refused = await run(runMirror, ['--url', ts.url, '--dir', dir, '--token', officer.token, '--policy', strict]);
    expect(refused.code).toBe(1);
    expect(refused.text).toMatch(/missing cosignatures from .*observer\.un\.example\/witness; nothing adopted/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('says what is wrong with bad input: exit 2 for usage, 1 for a server it cannot reach', async () => {
    const noDir = await run(runMirror, ['--url', ts.url]);
    expect(noDir.code).toBe(2);
    expect(noDir.text).toMatch(/give --url URL of the server and --dir DIR .*\(--dir is missing\)/);
    expect((await run(runMirror, ['--dir', dir])).text).toMatch(/\(--url is missing\)/);
    expect((await run(runMirror, ['--url', 'not a url', '--dir', dir])).code).toBe(2);
    expect((await run(runMirror, ['--url', ts.url, '--dir', dir, '--every', '5'])).code).toBe(2);
    expect((await run(runMirror, ['--url', ts.url, '--dir', dir, '--bogus'])).code).toBe(2);
    // A port that was just free: nothing listens there.
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closed = `http://127.0.0.1:${(probe.address() as { port: number }).port}`;
    await new Promise((r) => probe.close(r));
    const down = await run(runMirror, ['--url', closed, '--dir', path.join(work, 'down')]);
    expect(down.code).toBe(1);
    expect(down.lines.at(-1)).toBe(`FAILED: cannot reach ${closed}: ECONNREFUSED`);
    const verifyDown = await run(runVerify, ['--url', closed, '--state', path.join(work, 'down-state.json')]);
    expect(verifyDown.code).toBe(1);
    expect(verifyDown.lines.at(-1)).toBe(`FAILED: cannot reach ${closed}: ECONNREFUSED`);
    expect(fs.existsSync(path.join(work, 'down'))).toBe(false);
  });

  it('lets one truce mirror at a time keep a directory, and takes over a lock whose process is gone', async () => {
    const held = path.join(work, 'locked');
    fs.mkdirSync(held, { recursive: true });
    // A live process (this one) holds it: the second mirror stops without touching it.
    fs.writeFileSync(path.join(held, '.mirror.lock'), `${process.pid}\n`);
    const second = await run(runMirror, ['--url', ts.url, '--dir', held]);
    expect(second.code).toBe(1);
    expect(second.text).toMatch(new RegExp(`another truce mirror \\(process ${process.pid}\\) is keeping`));
    expect(fs.readdirSync(held)).toEqual(['.mirror.lock']);
    // A lock left by a process that has ended is stale: the mirror takes it over, and releases it.
    fs.writeFileSync(path.join(held, '.mirror.lock'), '2147483646\n');
    const taken = await run(runMirror, ['--url', ts.url, '--dir', held]);
    expect(taken.code, taken.text).toBe(0);
    expect(fs.existsSync(path.join(held, 'checkpoint'))).toBe(true);
    expect(fs.existsSync(path.join(held, '.mirror.lock'))).toBe(false);
  });
});

describe.each(ENGINES)('truce mirror against a rewritten log on %s', (engine) => {
  let honest: TestServer;
  let fork: TestServer;
  let work: string;

  beforeAll(async () => {
    // One key and origin for two servers with their own histories: what a server rewriting its record would serve.
    const key = formatSignerKey(generateSigner('truce/syria-ceasefire-demo'));
    [honest, fork] = await Promise.all([
      startTestServer(engine, { demo: true, env: { TRUCE_LOG_KEY: key } }),
      startTestServer(engine, { demo: true, env: { TRUCE_LOG_KEY: key } }),
    ]);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-mirror-fork-'));
  });
  afterAll(async () => {
    await honest?.close();
    await fork?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses the fork loudly, naming both sizes and roots, and changes none of its files; `truce verify --dir` still passes', async () => {
    const a = await officerOf(honest);
    const b = await officerOf(fork);
    await a.file(0);
    for (let i = 1; i <= 4; i++) await b.file(i);
    const dir = path.join(work, 'mirror');
    const held = await servedCovering(honest, a.gov, 0);
    const forked = await servedCovering(fork, b.gov, 0);
    expect(forked.size).toBeGreaterThan(held.size);
    expect((await fork.client().get('/log/key')).text).toBe((await honest.client().get('/log/key')).text);

    const made = await run(runMirror, ['--url', honest.url, '--token', a.token, '--dir', dir]);
    expect(made.code, made.text).toBe(0);
    expect(made.text).toMatch(/witnesses: the policy requires none \(quorum none\)/);
    const before = snapshot(dir);

    const heldCp = parseCheckpoint(noteText(held.note));
    const forkCp = parseCheckpoint(noteText(forked.note));
    const refused = await run(runMirror, ['--url', fork.url, '--token', b.token, '--dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.text).toContain('REFUSED: THE LOG IS NOT CONSISTENT WITH THIS MIRROR.');
    expect(refused.text).toContain(`serves a checkpoint of size ${forkCp.size} with root ${Buffer.from(forkCp.rootHash).toString('base64')}`);
    expect(refused.text).toContain(`holds a checkpoint of size ${heldCp.size} with root ${Buffer.from(heldCp.rootHash).toString('base64')}`);
    expect(refused.text).toMatch(/consistency proof from size \d+ to \d+ does not verify: the log's history was rewritten/);
    expect(snapshot(dir)).toEqual(before);

    // A fork that serves no consistency proof is caught by recomputing the tiles: a static copy of the fork.
    const staticFork = path.join(work, 'static-fork');
    const copied = await run(runMirror, ['--url', fork.url, '--token', b.token, '--dir', staticFork]);
    expect(copied.code, copied.text).toBe(0);
    const { createServer } = await import('node:http');
    const files = createServer((req, res) => {
      const file = path.join(staticFork, decodeURIComponent(req.url!.replace(/^\/log\//, '')));
      if (!req.url!.startsWith('/log/') || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return res.writeHead(404).end();
      res.end(fs.readFileSync(file));
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(files.address() as { port: number }).port}`;
      const recomputed = await run(runMirror, ['--url', url, '--dir', dir, '--token', b.token]);
      expect(recomputed.code).toBe(1);
      expect(recomputed.text).toContain('no consistency proof served: consistency is recomputed from the tiles');
      expect(recomputed.text).toContain('REFUSED: THE LOG IS NOT CONSISTENT WITH THIS MIRROR.');
      expect(snapshot(dir)).toEqual(before);
    } finally {
      await new Promise((r) => files.close(r));
    }

    const verified = await run(runVerify, ['--dir', dir, '--state', path.join(work, 'state.json')]);
    expect(verified.code, verified.text).toBe(0);
    // The honest log goes on, and the mirror with it.
    await a.file(2);
    await servedCovering(honest, a.gov, 0);
    expect((await run(runMirror, ['--url', honest.url, '--token', a.token, '--dir', dir])).code).toBe(0);
  });

  it('replaces a partial tile by the full one when the record crosses a tile, and follows the record with --watch', async () => {
    const a = await officerOf(honest);
    const dir = path.join(work, 'growing');
    const start = await servedCovering(honest, a.gov, 0);
    expect((await run(runMirror, ['--url', honest.url, '--token', a.token, '--dir', dir])).code).toBe(0);
    const tile = Math.floor(start.size / 256);
    expect(fs.existsSync(path.join(dir, tilePath(0, tile, start.size % 256)))).toBe(true);

    // Entries committed outside HTTP, as the sequencer's other writers do, enough to fill the tile.
    const append = (count: number) =>
      honest.server.ctx.db.transaction().execute(async (tx) => {
        for (let i = 0; i < count; i++)
          await record(tx, { type: 'bench.appended', actor: null, subject: { n: String(i) }, data: { place: ['دوما', 'إدلب', 'درعا البلد'][i % 3] } });
      });
    await append(256 - (start.size % 256) + 5);
    const crossed = await servedCovering(honest, a.gov, 0, start.size + 256 - (start.size % 256) + 5);
    expect(Math.floor(crossed.size / 256)).toBe(tile + 1);
    const grown = await run(runMirror, ['--url', honest.url, '--token', a.token, '--dir', dir]);
    expect(grown.code, grown.text).toBe(0);
    const added = newTiles(start.size, crossed.size);
    expect(grown.lines.at(-1)).toMatch(
      new RegExp(
        `^OK: mirrored truce/syria-ceasefire-demo at size ${crossed.size}: fetched ${added.hash} hash tiles and ${added.bundles} entry bundles, \\d+ already held$`,
      ),
    );
    expect(fs.existsSync(path.join(dir, tilePath(0, tile)))).toBe(true);
    expect(fs.existsSync(path.join(dir, entriesPath(tile)))).toBe(true);
    expect(fs.existsSync(path.join(dir, tilePath(0, tile, start.size % 256)))).toBe(false);
    expect(fs.existsSync(path.join(dir, tilePath(1, 0, tile + 1)))).toBe(true);
    expect((await run(runVerify, ['--dir', dir, '--state', path.join(work, 'growing-state.json')])).code).toBe(0);

    // --watch: it keeps up with the record until stopped.
    const lines: string[] = [];
    const stop = new AbortController();
    const watching = runMirror(['--url', honest.url, '--token', a.token, '--dir', dir, '--watch', '--every', '1'], (l) => lines.push(l), stop.signal);
    await append(3);
    const latest = await servedCovering(honest, a.gov, 0, crossed.size + 3);
    await waitFor('the watching mirror to adopt the new checkpoint', async () =>
      lines.some((l) => l.startsWith(`OK: mirrored truce/syria-ceasefire-demo at size ${latest.size}:`)),
    );
    stop.abort();
    expect(await watching).toBe(0);
    expectHeldCheckpoint(fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8'), latest.note);
  });
});
