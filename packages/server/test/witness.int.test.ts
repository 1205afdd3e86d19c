import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consistencyProof,
  formatAddCheckpoint,
  formatCheckpoint,
  formatVerifierKey,
  generateSigner,
  leafHash,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  rootFromLeafHashes,
  signNote,
  utf8,
  verifyCosignature,
  type NodeId,
  type Signer,
} from '@truce/core/log/index';
import { initWitnessKey, loadWitnessKey, witnessVerifierKey } from '../src/witness/key.ts';
import { startWitness, type RunningWitness } from '../src/witness/server.ts';
import { ENGINES, startTestServer, type Client, type TestServer } from './harness.ts';
import { cosignatureLines, noteText, waitFor } from '../../../testing/wait.ts';

const ADMIN = 'admin.secretariat@demo.truce.example';

const post = (url: string, body: string | Uint8Array) => fetch(`${url}/add-checkpoint`, { method: 'POST', body: body as BodyInit });

/** A log made here, so that two logs with one key and origin can be made to diverge. */
function tree(signer: Signer, prefix: string, n: number) {
  const leaves = Array.from({ length: n }, (_, i) => leafHash(utf8(`${prefix}${i}`)));
  const get = (node: NodeId) => rootFromLeafHashes(leaves.slice(node.index * 2 ** node.level, (node.index + 1) * 2 ** node.level));
  const note = signNote(formatCheckpoint({ origin: signer.name, size: n, rootHash: rootFromLeafHashes(leaves) }), signer);
  return { note, request: (old: number) => formatAddCheckpoint({ oldSize: old, proof: old === 0 ? [] : consistencyProof(old, n, get), note }) };
}

describe('a witness on its own (tlog-witness over HTTP)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-witness-'));
  const log = generateSigner('example.org/log');
  const logKey = parseVerifierKey(formatVerifierKey(log.name, log.publicKey));
  let witness: RunningWitness;
  let port: number;
  const start = async () => {
    witness = await startWitness({ dir, signer: loadWitnessKey(dir), logs: [logKey], port });
    port = Number(new URL(witness.url).port);
  };

  beforeAll(async () => {
    initWitnessKey(dir, 'guarantor.example/w1');
    port = 0;
    await start();
  });
  afterAll(async () => {
    await witness.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its key with mode 0600 and cosigns a first checkpoint', async () => {
    expect(fs.statSync(path.join(dir, 'witness-key')).mode & 0o777).toBe(0o600);
    const a5 = tree(log, 'a', 5);
    const res = await post(witness.url, a5.request(0));
    expect(res.status).toBe(200);
    const line = await res.text();
    expect(line).toMatch(/^— guarantor\.example\/w1 [A-Za-z0-9+/]{102}==\n$/);
    const vkey = parseVerifierKey(witnessVerifierKey(loadWitnessKey(dir)));
    expect(verifyCosignature(line, noteText(a5.note), vkey).timestamp).toBeGreaterThan(1_700_000_000);
  });

  it('refuses a forked log with 422 and keeps its state: the fork with the same key and origin cannot take it over', async () => {
    const b7 = tree(log, 'b', 7); // same key, same origin, other entries
    const res = await post(witness.url, b7.request(5));
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/consistency proof from size 5 to 7/);
    const sameSizeFork = tree(log, 'b', 5);
    expect((await post(witness.url, sameSizeFork.request(5))).status).toBe(422);
    // The honest log goes on from the size the witness kept.
    expect((await post(witness.url, tree(log, 'a', 9).request(5))).status).toBe(200);
  });

  it('answers 409 with text/x.tlog.size on a stale old size, and keeps that state across a restart', async () => {
    const a12 = tree(log, 'a', 12);
    let res = await post(witness.url, a12.request(5));
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await res.text()).toBe('9\n');
    await witness.close();
    await start();
    res = await post(witness.url, a12.request(0));
    expect(res.status).toBe(409);
    expect(await res.text()).toBe('9\n');
    expect((await post(witness.url, a12.request(9))).status).toBe(200);
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'witness-state.json'), 'utf8'));
    expect(state.logs['example.org/log'].size).toBe(12);
    expect(fs.existsSync(path.join(dir, 'witness-state.json.tmp'))).toBe(false);
  });

  it('answers 403 for a checkpoint signed by another key, 404 for an unknown log, and does not move', async () => {
    const impostor = generateSigner('example.org/log');
    expect((await post(witness.url, tree(impostor, 'a', 20).request(12))).status).toBe(403);
    expect((await post(witness.url, tree(generateSigner('other.example/log'), 'a', 3).request(0))).status).toBe(404);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'witness-state.json'), 'utf8')).logs['example.org/log'].size).toBe(12);
  });

  it('answers 400 with a message for malformed bodies, 413 for huge ones, 404/405 elsewhere', async () => {
    for (const body of ['', 'hello', 'old -1\n\n', 'old 12\nnot base64\n\n' + tree(log, 'a', 13).note, new Uint8Array([0xff, 0xfe])]) {
      const res = await post(witness.url, body);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/^malformed add-checkpoint request: .+/);
    }
    expect((await post(witness.url, 'x'.repeat(70_000))).status).toBe(413);
    expect((await fetch(`${witness.url}/add-checkpoint`)).status).toBe(405);
    expect((await fetch(`${witness.url}/elsewhere`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});

describe.each(ENGINES)('the server asks the witnesses on %s', (engine) => {
  let ts: TestServer;
  let admin: Client;
  const dirs: string[] = [];
  const witnesses: RunningWitness[] = [];
  const names = ['russia.guarantor.example/witness', 'turkiye.guarantor.example/witness', 'iran.guarantor.example/witness'];
  const vkeys: string[] = [];

  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true });
    admin = await ts.signedIn(ADMIN);
    const logKey = parseVerifierKey((await ts.client().get('/log/key')).text.trim());
    for (const name of names) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-witness-'));
      dirs.push(dir);
      vkeys.push(witnessVerifierKey(initWitnessKey(dir, name)));
      witnesses.push(await startWitness({ dir, signer: loadWitnessKey(dir), logs: [logKey] }));
    }
    // The third is down from the start: its port is closed.
    await witnesses[2].close();
  });
  afterAll(async () => {
    for (const w of witnesses) await w.close();
    await ts.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('lets only the secretariat admin register witnesses, with a valid cosigner key', async () => {
    const body = { witnesses: names.map((name, i) => ({ name, url: witnesses[i].url, vkey: vkeys[i] })) };
    // Another organisation's admin (a guarantor's or a party's) may not.
    const other = ts.accounts.find((a) => a.role === 'admin' && a.email !== ADMIN)!;
    expect((await (await ts.signedIn(other.email)).request('PUT', '/api/mechanism/witnesses', body)).status).toBe(403);
    const logVkey = (await ts.client().get('/log/key')).text.trim();
    expect((await admin.request('PUT', '/api/mechanism/witnesses', { witnesses: [{ name: 'x', url: 'http://127.0.0.1:1', vkey: logVkey }] })).status).toBe(400);
    expect((await admin.request('PUT', '/api/mechanism/witnesses', { ...body, quorum: 4 })).status).toBe(400);
    const res = await admin.request('PUT', '/api/mechanism/witnesses', body);
    expect(res.status).toBe(200);
    expect(res.body.quorum).toBe(2);
    const entries = (await admin.get('/api/log/entries?limit=5')).body.entries;
    expect(entries.some((e: { entry: { type: string } }) => e.entry.type === 'log.witnesses_changed')).toBe(true);
  });

  it('serves a checkpoint cosigned by the quorum, with one witness down', async () => {
    const note = await waitFor('a cosigned checkpoint', async () => {
      const res = await ts.client().get('/log/checkpoint');
      return res.headers.get('x-truce-quorum') === null && cosignatureLines(res.text).length >= 2 && res.text;
    });
    const text = noteText(note);
    openNote(note, [parseVerifierKey((await ts.client().get('/log/key')).text.trim())]);
    const lines = cosignatureLines(note);
    expect(lines.length).toBe(2);
    lines.forEach((line, i) => {
      expect(verifyCosignature(line, text, parseVerifierKey(vkeys[i])).name).toBe(names[i]);
    });
    const policy = (await ts.client().get('/log/policy')).text.split('\n');
    expect(policy[0]).toMatch(/^log truce\/syria-ceasefire-demo\+[0-9a-f]{8}\+\S+ http:\/\/\S+\/log$/);
    expect(policy.slice(1, 4)).toEqual(names.map((n, i) => `witness ${n} ${vkeys[i]} ${witnesses[i].url}`));
    expect(policy.slice(4)).toEqual([`group guarantors 2 ${names.join(' ')}`, 'quorum guarantors', '']);
  });

  it('keeps answering filings when a second witness goes down, serves the older quorum checkpoint, and names the witness in health', async () => {
    const before = parseCheckpoint(noteText((await ts.client().get('/log/checkpoint')).text));
    await witnesses[1].close();
    const mechanism = (await admin.get('/api/mechanism')).body;
    const changed = await admin.patch('/api/mechanism', { name: `${mechanism.name} (renamed)`, version: mechanism.version });
    expect(changed.status).toBe(200);
    const health = await waitFor('a newer signed checkpoint', async () => {
      const h = (await ts.client().get('/api/health')).body;
      const [first, second] = h.witnesses?.witnesses ?? [];
      return h.witnesses?.newestSignedSize > before.size && second.lastError && first.lastCosignedSize === h.witnesses.newestSignedSize && h;
    });
    expect(health.witnesses.servedSize).toBe(before.size);
    expect(health.witnesses.behind).toBeGreaterThan(0);
    expect(health.witnesses.witnesses[1].name).toBe(names[1]);
    expect(health.witnesses.witnesses[0].lastCosignedSize).toBe(health.witnesses.newestSignedSize);
    const served = await ts.client().get('/log/checkpoint');
    expect(parseCheckpoint(noteText(served.text)).size).toBe(before.size);

    // The witness comes back on its port with its state, and the quorum catches up.
    const port = Number(new URL(witnesses[1].url).port);
    const logKey = parseVerifierKey((await ts.client().get('/log/key')).text.trim());
    witnesses[1] = await startWitness({ dir: dirs[1], signer: loadWitnessKey(dirs[1]), logs: [logKey], port });
    await waitFor(
      'the quorum to catch up',
      async () => {
        const res = await ts.client().get('/log/checkpoint');
        return parseCheckpoint(noteText(res.text)).size > before.size;
      },
      30_000,
    );
  });
});

describe.each(ENGINES)('the demo on %s', (engine) => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer(engine, { demo: true, demoWitnesses: true });
  });
  afterAll(() => ts.close());

  it("starts the three guarantors' witnesses, each with its own key in the data directory, quorum 2 of 3", async () => {
    const { witnesses, quorum } = (await ts.client().get('/log/policy')).text
      .split('\n')
      .reduce(
        (acc: { witnesses: string[]; quorum: string }, line: string) =>
          line.startsWith('witness ') ? { ...acc, witnesses: [...acc.witnesses, line] } : line.startsWith('group ') ? { ...acc, quorum: line } : acc,
        { witnesses: [], quorum: '' },
      );
    expect(witnesses).toHaveLength(3);
    expect(quorum).toMatch(/^group guarantors 2 witness\.russia\.\S+ witness\.turkiye\.\S+ witness\.iran\.\S+$/);
    for (const line of witnesses) {
      const [, name, vkey] = line.split(' ');
      const dir = path.join(ts.dataDir, 'witnesses', name);
      expect(fs.statSync(path.join(dir, 'witness-key')).mode & 0o777).toBe(0o600);
      expect(witnessVerifierKey(loadWitnessKey(dir))).toBe(vkey);
    }
    const note = await waitFor('a checkpoint cosigned by all three', async () => {
      const res = await ts.client().get('/log/checkpoint');
      return cosignatureLines(res.text).length === 3 && res.text;
    });
    witnesses.forEach((line, i) => {
      const [, name, vkey] = line.split(' ');
      expect(verifyCosignature(cosignatureLines(note)[i], noteText(note), parseVerifierKey(vkey)).name).toBe(name);
    });
  });
});
