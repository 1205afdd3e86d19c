import { formatAddCheckpoint, fromBase64, parseVerifierKey, verifyCosignature } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { startLoop, type LoopLog } from '../background/index.ts';
import { consistencyProof, currentCheckpoint, type SignedCheckpoint } from '../log/index.ts';
import * as store from './store.ts';

/** A witness that does not answer within this is counted as down for this round. */
const REQUEST_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 5 * 60_000;

type Witness = Awaited<ReturnType<typeof store.listWitnesses>>[number];

/**
 * One round: signs the current checkpoint if the tree grew, then asks every witness that
 * has not cosigned it yet, in parallel. A witness that fails waits 1 s, 2 s, 4 s… (at most
 * 5 min) before it is asked again; nothing here touches the write path, so a witness
 * that is down never holds up a filing.
 */
export async function pushCheckpoint(ctx: AppContext, now: () => number = Date.now): Promise<void> {
  const witnesses = await store.listWitnesses(ctx.db);
  if (witnesses.length === 0) return;
  const checkpoint = await currentCheckpoint(ctx);
  const due = witnesses.filter((w) => Number(w.last_cosigned_size ?? -1) !== checkpoint.size && (!w.next_attempt_at || w.next_attempt_at.getTime() <= now()));
  await Promise.all(due.map((w) => askWitness(ctx, w, checkpoint, now)));
}

async function askWitness(ctx: AppContext, witness: Witness, checkpoint: SignedCheckpoint, now: () => number): Promise<void> {
  let old = Number(witness.known_size);
  try {
    // Two tries: the second after a 409 told us the size the witness really holds.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (old > checkpoint.size) throw new Error(`the witness holds size ${old}, larger than this log's ${checkpoint.size}: was the log rolled back?`);
      const proof = (await consistencyProof(ctx, old, checkpoint.size)).map(fromBase64);
      const res = await fetch(`${witness.url}/add-checkpoint`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: formatAddCheckpoint({ oldSize: old, proof, note: checkpoint.note }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = await res.text();
      if (res.status === 409 && (res.headers.get('content-type') ?? '').startsWith('text/x.tlog.size') && /^(0|[1-9][0-9]*)\n$/.test(body)) {
        old = Number(body.trim());
        await store.setKnownSize(ctx.db, witness.name, old);
        continue;
      }
      if (res.status !== 200) throw new Error(`the witness answered ${res.status}: ${body.trim().slice(0, 300)}`);
      await keepCosignature(ctx, witness, checkpoint, body);
      return;
    }
    throw new Error('the witness answered 409 twice');
  } catch (err) {
    const failures = witness.failures + 1;
    const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures - 1, 20));
    await store.noteFailure(ctx.db, witness.name, (err as Error).message, failures, new Date(now() + wait));
  }
}

/** Keeps the witness's cosignature line, after checking it with the registered key. */
async function keepCosignature(ctx: AppContext, witness: Witness, checkpoint: SignedCheckpoint, body: string) {
  const key = parseVerifierKey(witness.vkey);
  const text = checkpoint.note.slice(0, checkpoint.note.lastIndexOf('\n\n') + 1);
  const lines = body.split('\n').filter((l) => l.length > 0);
  for (const line of lines) {
    try {
      const { timestamp } = verifyCosignature(line, text, key);
      await store.saveCosignature(ctx.db, witness.name, checkpoint.size, line + '\n', new Date(timestamp * 1000));
      return;
    } catch {
      // Another key's line (a witness may sign with several); look on.
    }
  }
  throw new Error('the witness answered 200 without a cosignature by its registered key');
}

export function startCosigningLoop(ctx: AppContext, log: LoopLog, everyMs = 1000): () => Promise<void> {
  return startLoop(() => pushCheckpoint(ctx), { everyMs, log, failure: 'asking the witnesses to cosign failed' });
}
