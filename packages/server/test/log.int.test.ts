import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBundle, fromBase64, leafHash, openNote, parseCheckpoint, parseVerifierKey, verifyConsistency, verifyInclusion } from '@truce/core/log/index';
import { runVerify } from '../src/log/cli-verify.ts';
import { runExport } from '../src/log/cli-export.ts';
import { record } from '../src/log/record.ts';
import { LogSequencer } from '../src/log/sequencer.ts';
import { ENGINES, startTestServer, type TestServer, type Client } from './harness.ts';
import { noteText } from '../../../testing/wait.ts';

describe.each(ENGINES)('the verifiable record on %s', (engine) => {
  let ts: TestServer;
  let admin: Client;
  let token: string;

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    admin = await ts.signedIn('admin.secretariat@demo.truce.example');
    token = (await admin.post('/api/account/tokens', { name: 'verifier' })).body.token;
  });
  afterAll(() => ts.close());

  it('serves a checkpoint signed by the key at /log/key, without a session', async () => {
    const anonymous = ts.client();
    const key = (await anonymous.get('/log/key')).text.trim();
    expect(key).toMatch(/^truce\/syria-ceasefire-demo\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/);
    const res = await anonymous.get('/log/checkpoint');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const lines = res.text.split('\n');
    expect(lines[0]).toBe('truce/syria-ceasefire-demo');
    expect(Number(lines[1])).toBeGreaterThan(40);
    expect(lines[3]).toBe('');
    expect(lines[4]).toMatch(/^— truce\/syria-ceasefire-demo [A-Za-z0-9+/=]+$/);
    const opened = openNote(res.text, [parseVerifierKey(key)]);
    expect(opened.text).toBe(noteText(res.text));
  });

  it('keeps personal data out of the entries, and proves each entry is in the tree', async () => {
    const checkpoint = parseCheckpoint(noteText((await ts.client().get('/log/checkpoint')).text));
    const listed = (await admin.get(`/api/log/entries?from=0&limit=500`)).body;
    expect(listed.entries.length).toBe(checkpoint.size);
    const all = JSON.stringify(listed.entries);
    for (const account of ts.accounts.slice(0, 5)) expect(all).not.toContain(account.email);
    const userEntry = listed.entries.find((e: { entry: { type: string } }) => e.entry.type === 'user.created');
    expect(userEntry.entry.commitments.email).toMatch(/^sha256:[A-Za-z0-9+/]{43}=$/);
    expect(userEntry.entry.data).toEqual({ role: 'admin', demo: true });

    for (const index of [0, 1, 7, checkpoint.size - 1]) {
      const one = (await admin.get(`/api/log/entries/${index}`)).body;
      const body = fromBase64(one.entryBase64);
      const proof = (await ts.client().get(`/api/log/proof/inclusion?index=${index}&tree_size=${checkpoint.size}`)).body.proof.map(fromBase64);
      expect(verifyInclusion(leafHash(body), index, checkpoint.size, proof, checkpoint.rootHash)).toBe(true);
      expect(verifyInclusion(leafHash(body), index === 0 ? 1 : 0, checkpoint.size, proof, checkpoint.rootHash)).toBe(false);
    }
  });

  it('proves a later checkpoint consistent with an earlier one', async () => {
    const before = parseCheckpoint(noteText((await ts.client().get('/log/checkpoint')).text));
    await admin.post('/api/organisations', { name: 'Field Monitoring Team South', kind: 'monitor' });
    await admin.post('/api/mechanism/excluded-groups', { name: 'Jund al-Aqsa', aliases: ['جند الأقصى'] });
    const after = parseCheckpoint(noteText((await ts.client().get('/log/checkpoint')).text));
    expect(after.size).toBe(before.size + 2);
    const proof = (await ts.client().get(`/api/log/proof/consistency?first=${before.size}&second=${after.size}`)).body.proof.map(fromBase64);
    expect(verifyConsistency(before.size, after.size, proof, before.rootHash, after.rootHash)).toBe(true);
    expect(verifyConsistency(before.size, after.size, proof, after.rootHash, after.rootHash)).toBe(false);
    const tooFar = await ts.client().get(`/api/log/proof/consistency?first=1&second=${after.size + 5}`);
    expect(tooFar.status).toBe(400);
  });

  it('serves hash tiles publicly and entry bundles only to signed-in users', async () => {
    const { size } = parseCheckpoint(noteText((await ts.client().get('/log/checkpoint')).text));
    expect(size).toBeLessThan(256);
    const tile = await ts.client().bytes(`/log/tile/0/000.p/${size}`);
    expect(tile.status).toBe(200);
    expect(tile.data.length).toBe(32 * size);
    expect((await ts.client().bytes(`/log/tile/0/000`)).status).toBe(404);
    expect((await ts.client().bytes(`/log/tile/0/x000/000`)).status).toBe(404);
    expect((await ts.client().bytes(`/log/tile/entries/000.p/${size}`)).status).toBe(401);
    const bundle = await admin.bytes(`/log/tile/entries/000.p/${size}`);
    expect(bundle.status).toBe(200);
    const entries = decodeBundle(bundle.data);
    expect(entries).toHaveLength(size);
    entries.forEach((entry, i) => {
      expect(leafHash(entry)).toEqual(tile.data.slice(32 * i, 32 * i + 32));
    });
  });

  it('stays one consistent tree when a second sequencer (another server process) numbers entries too', async () => {
    const other = new LogSequencer(ts.server.ctx.db);
    const append = (n: number) =>
      ts.server.ctx.db.transaction().execute((tx) => record(tx, { type: 'bench.appended', actor: null, subject: { n: String(n) }, data: { place: 'دوما' } }));
    for (let round = 0; round < 3; round++) {
      await Promise.all([append(round * 10 + 1), append(round * 10 + 2), append(round * 10 + 3)]);
      await other.flush();
      // This server's sequencer last saw a smaller tree: it must not build on its memory of it.
      expect((await admin.post('/api/account/tokens', { name: `round ${round}` })).status).toBe(201);
    }
    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'truce-verify-')), 'state.json');
    const lines: string[] = [];
    expect(await runVerify(['--url', ts.url, '--token', token, '--state', state], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(/^OK: /);
  });

  it('truce verify checks the live log, exports it, and names the entry that was changed in the database', async () => {
    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'truce-verify-')), 'state.json');
    const lines: string[] = [];
    const out = (l: string) => lines.push(l);
    expect(await runVerify(['--url', ts.url, '--token', token, '--state', state], out)).toBe(0);
    expect(lines.at(-1)).toMatch(/^OK: truce\/syria-ceasefire-demo — \d+ entries verified$/);

    const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-export-'));
    expect(await runExport(['--dir', exportDir, '--url', ts.url, '--token', token], out)).toBe(0);
    // The export keeps the policy the server serves, for the quorum check offline.
    expect(fs.readFileSync(path.join(exportDir, 'policy'), 'utf8')).toBe((await ts.client().get('/log/policy')).text);
    const key = (await ts.client().get('/log/key')).text.trim();
    expect(await runVerify(['--dir', exportDir, '--key', key, '--state', state], out)).toBe(0);

    // One byte of entry 5 changes in the database, behind the application's back.
    await sql`update log_entries set body = overlay(body placing '\\x58'::bytea from 20 for 1) where idx = 5`.execute(ts.server.ctx.db);
    lines.length = 0;
    expect(await runVerify(['--url', ts.url, '--token', token, '--state', state], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/entry 5\b/);

    // The export on disk is tampered with too: the verifier says which entry.
    const exported = parseCheckpoint(noteText(fs.readFileSync(path.join(exportDir, 'checkpoint'), 'utf8')));
    const bundleFile = path.join(exportDir, 'tile', 'entries', '000.p', String(exported.size));
    const bytes = fs.readFileSync(bundleFile);
    const entryStart = 2 + bytes.readUInt16BE(0) + 2 + bytes.readUInt16BE(2 + bytes.readUInt16BE(0)) + 2; // entry 2
    bytes[entryStart + 10] ^= 0x01;
    fs.writeFileSync(bundleFile, bytes);
    lines.length = 0;
    expect(await runVerify(['--dir', exportDir, '--key', key, '--state', state], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/entry 2\b/);
  });

  it('puts an entry no request waited for in the tree within seconds', async () => {
    const size = async () => parseCheckpoint(noteText((await ts.client().get('/log/checkpoint')).text)).size;
    const before = await size();
    // As a command run outside HTTP would: committed, then nobody asks for the tree.
    await ts.server.ctx.db
      .transaction()
      .execute((tx) => record(tx, { type: 'bench.appended', actor: null, subject: { place: 'SY0200' }, data: { note: 'أعزاز' } }));
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await size();
    }
    expect(after).toBe(before + 1);
    const last = (await admin.get(`/api/log/entries?from=${before}&limit=1`)).body.entries[0];
    expect(last.entry.subject).toEqual({ place: 'SY0200' });
  });

  it('refuses a checkpoint signed by another key', async () => {
    const lines: string[] = [];
    const other = 'truce/syria-ceasefire-demo+00000000+AQ' + 'A'.repeat(42) + '=';
    const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'truce-verify-')), 'state.json');
    expect(await runVerify(['--url', ts.url, '--key', other, '--state', state], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/FAILED/);
  });
});
