import { parseVerifierKey, SIG_COSIGNATURE_V1 } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import { defaultQuorum, getWitnesses } from './get-witnesses.ts';
import type { Witnesses, WitnessesUpdate } from './schema.ts';
import * as store from './store.ts';

/** Registers the witnesses and the quorum (replacing the previous ones), logged as `log.witnesses_changed`. */
export async function setWitnesses(ctx: AppContext, actor: LogEvent['actor'], input: WitnessesUpdate): Promise<Witnesses> {
  const names = new Set<string>();
  input.witnesses.forEach((w, i) => {
    const at = `/body/witnesses/${i}`;
    let key;
    try {
      key = parseVerifierKey(w.vkey);
    } catch (err) {
      throw badRequest(`witness ${i + 1}: ${(err as Error).message}`, [{ path: `${at}/vkey`, message: 'must be a verifier key name+id+base64' }]);
    }
    if (key.type !== SIG_COSIGNATURE_V1)
      throw badRequest(`witness ${w.name}: the key is not a cosigner key (type 0x04)`, [{ path: `${at}/vkey`, message: 'must be a cosignature/v1 key' }]);
    if (key.name !== w.name) throw badRequest(`witness ${w.name}: the key is named ${key.name}`, [{ path: `${at}/name`, message: "must be the key's name" }]);
    if (names.has(w.name)) throw badRequest(`witness ${w.name} is listed twice`, [{ path: `${at}/name`, message: 'must be unique' }]);
    names.add(w.name);
    let url: URL;
    try {
      url = new URL(w.url);
    } catch {
      throw badRequest(`witness ${w.name}: the URL is not valid`, [{ path: `${at}/url`, message: 'must be an http(s) URL' }]);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw badRequest(`witness ${w.name}: the URL must be http or https`, [{ path: `${at}/url`, message: 'must be an http(s) URL' }]);
  });
  const n = input.witnesses.length;
  const k = input.quorum ?? defaultQuorum(n);
  if (n > 0 ? k < 1 || k > n : k !== 0)
    throw badRequest(`the quorum must be from 1 to ${n}`, [
      { path: '/body/quorum', message: n > 0 ? `must be from 1 to ${n}` : 'must be 0 with no witnesses' },
    ]);
  const witnesses = input.witnesses.map((w) => ({ name: w.name, url: w.url.replace(/\/+$/, ''), vkey: w.vkey }));
  await ctx.db.transaction().execute(async (tx) => {
    await store.replaceWitnesses(tx, witnesses, k);
    await record(tx, {
      type: 'log.witnesses_changed',
      actor,
      subject: { log: 'witnesses' },
      data: { witnesses: witnesses.map(({ name, url, vkey }) => ({ name, url, vkey })), quorum: k },
    });
  });
  return getWitnesses(ctx);
}
