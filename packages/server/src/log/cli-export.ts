import fs from 'node:fs';
import path from 'node:path';
import { commandArgs } from '../cli-args.ts';
import { entriesPath, parseCheckpoint, tilePath, tilesForSize } from '@truce/core/log/index';
import { HttpLogSource } from './sources.ts';

/**
 * `truce log export --dir D --url URL --token T`: copies a log — checkpoint, verifier key,
 * the witnesses' policy, every hash tile and entry bundle of the checkpoint's tree — into a directory laid out
 * like the tlog-tiles URLs, so that `truce verify --dir D` checks it offline and anyone
 * can publish it as static files.
 */
export async function runExport(args: string[], out: (line: string) => void = console.log): Promise<number> {
  const values = commandArgs('truce log export', args, { dir: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' } }, out);
  if (!values) return 2;
  const token = values.token ?? process.env.TRUCE_TOKEN;
  if (!values.dir || !values.url) {
    out('truce log export: give --dir DIR and --url URL of the server (and --token, or TRUCE_TOKEN, to include the entries)');
    return 2;
  }
  const dir = path.resolve(values.dir);
  const source = new HttpLogSource(values.url, token);
  try {
    const checkpoint = await source.checkpoint();
    const { size } = parseCheckpoint(checkpoint.slice(0, checkpoint.indexOf('\n\n') + 1));
    const write = (p: string, data: Uint8Array | string) => {
      const file = path.join(dir, p);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    };
    let tiles = 0;
    let bundles = 0;
    for (const t of tilesForSize(size)) {
      write(tilePath(t.level, t.n, t.width), await source.tile(t.level, t.n, t.width));
      tiles++;
      if (t.level === 0 && source.entries) {
        write(entriesPath(t.n, t.width), await source.entries(t.n, t.width));
        bundles++;
      }
    }
    write('key', (await source.key()) + '\n');
    // The witnesses' policy too, so that `truce verify --dir` checks the checkpoint's quorum offline.
    const policy = await source.policy();
    if (policy !== null) write('policy', policy);
    write('checkpoint', checkpoint);
    out(`exported ${size} entries (${tiles} hash tiles, ${bundles} entry bundles) to ${dir}`);
    if (!source.entries) out('note: no --token given, so the entries themselves were not exported');
    return 0;
  } catch (err) {
    out(`truce log export: ${(err as Error).message}`);
    return 1;
  }
}
