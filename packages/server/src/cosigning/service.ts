import { addSignatureLines, parseVerifierKey, SIG_COSIGNATURE_V1 } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { badRequest } from '../errors/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import { currentCheckpoint, checkpointFor, verifierKey, type SignedCheckpoint } from '../log/index.ts';
import type { WitnessesUpdate, WitnessHealth, Witnesses } from './schema.ts';
import * as store from './store.ts';

/** Every registered witness must cosign, except that three guarantors need any two. */
export function defaultQuorum(n: number): number {
  return n === 3 ? 2 : n;
}

export async function getWitnesses(ctx: AppContext): Promise<Witnesses> {
  const [rows, k] = await Promise.all([store.listWitnesses(ctx.db), store.quorumK(ctx.db)]);
  return {
    quorum: k ?? defaultQuorum(rows.length),
    witnesses: rows.map((w) => ({
      name: w.name,
      url: w.url,
      vkey: w.vkey,
      lastCosignedSize: w.last_cosigned_size === null ? null : Number(w.last_cosigned_size),
      lastCosignedAt: w.last_cosigned_at?.toISOString() ?? null,
      lastError: w.last_error,
    })),
  };
}

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

export interface ServedCheckpoint extends SignedCheckpoint {
  quorumMet: boolean;
  cosigners: { name: string; cosignedAt: Date }[];
}

/**
 * The checkpoint /log/checkpoint serves: the newest one the quorum cosigned, with every
 * cosignature held for it. Before any checkpoint reaches the quorum, the newest signed
 * one with the cosignatures it has (quorumMet false), so the record stays readable.
 */
export async function servedCheckpoint(ctx: AppContext): Promise<ServedCheckpoint> {
  const witnesses = await store.listWitnesses(ctx.db);
  if (witnesses.length === 0) return { ...(await currentCheckpoint(ctx)), quorumMet: true, cosigners: [] };
  const k = (await store.quorumK(ctx.db)) ?? defaultQuorum(witnesses.length);
  const size = await store.newestWithQuorum(ctx.db, k);
  const checkpoint = size === null ? await currentCheckpoint(ctx) : await checkpointFor(ctx, size);
  const lines = await store.cosignaturesAt(ctx.db, checkpoint.size);
  return {
    ...checkpoint,
    note: addSignatureLines(
      checkpoint.note,
      lines.map((l) => l.line),
    ),
    quorumMet: size !== null,
    cosigners: lines.map((l) => ({ name: l.witness, cosignedAt: l.cosigned_at })),
  };
}

/** c2sp.org/tlog-policy text for this log and its witnesses. */
export async function policyText(ctx: AppContext, logUrl: string): Promise<string> {
  const { witnesses, quorum } = await getWitnesses(ctx);
  const lines = [`log ${await verifierKey(ctx)} ${logUrl}`];
  for (const w of witnesses) lines.push(`witness ${w.name} ${w.vkey} ${w.url}`);
  if (witnesses.length === 0) lines.push('quorum none');
  else lines.push(`group guarantors ${quorum} ${witnesses.map((w) => w.name).join(' ')}`, 'quorum guarantors');
  return lines.join('\n') + '\n';
}

/** For /api/health: per witness, when it last cosigned, and how far the served checkpoint lags. */
export async function witnessHealth(ctx: AppContext): Promise<WitnessHealth | null> {
  const witnesses = await store.listWitnesses(ctx.db);
  if (witnesses.length === 0) return null;
  const [latest, served] = await Promise.all([
    ctx.db.selectFrom('log_checkpoints').select('size').orderBy('size', 'desc').limit(1).executeTakeFirst(),
    servedCheckpoint(ctx),
  ]);
  const newest = latest ? Number(latest.size) : 0;
  return {
    quorum: (await store.quorumK(ctx.db)) ?? defaultQuorum(witnesses.length),
    quorumMet: served.quorumMet,
    servedSize: served.size,
    newestSignedSize: newest,
    behind: Math.max(0, newest - served.size),
    witnesses: witnesses.map((w) => ({
      name: w.name,
      lastCosignedSize: w.last_cosigned_size === null ? null : Number(w.last_cosigned_size),
      lastCosignedAt: w.last_cosigned_at?.toISOString() ?? null,
      behind: newest - Number(w.last_cosigned_size ?? 0),
      lastError: w.last_error,
    })),
  };
}
