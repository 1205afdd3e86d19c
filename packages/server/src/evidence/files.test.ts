import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceFiles, TooLargeError } from './files.ts';

async function* chunks(...parts: (string | Uint8Array | Error)[]): AsyncIterable<Buffer> {
  for (const p of parts) {
    if (p instanceof Error) throw p;
    yield Buffer.from(p);
  }
}

describe('evidence file store', () => {
  let root: string;
  let files: EvidenceFiles;
  const temps = () => fs.readdirSync(files.tempDir);

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'truce-evidence-'));
    files = new EvidenceFiles(root);
    await files.init();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('hashes while writing and stores under sha256/<2 hex>/<hex>, once per content', async () => {
    const first = await files.receive(chunks('evidence ', 'bytes'), 100);
    const hex = createHash('sha256').update('evidence bytes').digest('hex');
    expect(first).toMatchObject({ sha256: hex, size: 14, isText: true });
    expect(await files.commit(first)).toBe(true);
    const stored = path.join(root, 'sha256', hex.slice(0, 2), hex);
    expect(fs.readFileSync(stored, 'utf8')).toBe('evidence bytes');
    expect(fs.statSync(stored).mode & 0o777).toBe(0o600);

    const again = await files.receive(chunks('evidence bytes'), 100);
    expect(await files.commit(again)).toBe(false);
    expect(fs.readdirSync(path.dirname(stored))).toEqual([hex]);
    expect(temps()).toEqual([]);
  });

  it('removes the partial file when the stream is too long or fails', async () => {
    await expect(files.receive(chunks('12345', '67890', 'x'), 10)).rejects.toBeInstanceOf(TooLargeError);
    expect(temps()).toEqual([]);
    await expect(files.receive(chunks('half a file', new Error('client went away')), 100)).rejects.toThrow('client went away');
    expect(temps()).toEqual([]);
  });

  it('tells clean UTF-8 text from everything else, across chunk boundaries', async () => {
    const arabic = Buffer.from('شاهد', 'utf8');
    expect((await files.receive(chunks(arabic.subarray(0, 3), arabic.subarray(3), '\r\n\tok'), 100)).isText).toBe(true);
    expect((await files.receive(chunks(arabic.subarray(0, 3)), 100)).isText).toBe(false); // cut inside a character
    expect((await files.receive(chunks(new Uint8Array([0x68, 0x69, 0x00])), 100)).isText).toBe(false);
    expect((await files.receive(chunks(new Uint8Array([0xff, 0xd8, 0xff])), 100)).isText).toBe(false);
    expect((await files.receive(chunks('\u001b[2J'), 100)).isText).toBe(false);
  });

  it('sweeps only stale temporary files at start-up', async () => {
    const stale = path.join(files.tempDir, 'old.part');
    const fresh = path.join(files.tempDir, 'new.part');
    fs.writeFileSync(stale, 'x');
    fs.writeFileSync(fresh, 'y');
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    fs.utimesSync(stale, dayAgo, dayAgo);
    await files.init();
    expect(temps()).toEqual(['new.part']);
  });
});
