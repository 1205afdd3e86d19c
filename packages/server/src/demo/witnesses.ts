import path from 'node:path';
import { parseVerifierKey } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { getWitnesses, setWitnesses } from '../cosigning/index.ts';
import { verifierKey } from '../log/index.ts';
import { ensureWitnessKey, witnessVerifierKey } from '../witness/index.ts';
import { startWitness, type RunningWitness } from '../witness/index.ts';

/** One witness per guarantor of the demo; in a real mechanism each runs on its guarantor's own machine. */
const DEMO_WITNESSES = ['witness.russia.demo.truce.example', 'witness.turkiye.demo.truce.example', 'witness.iran.demo.truce.example'];

/**
 * Starts the demo's three witnesses in this process on loopback ports, each with its own
 * key in <data dir>/witnesses/<name>/, and registers them with a quorum of 2 of 3 (again
 * on each start, since the ports change). Returns the function that stops them.
 */
export async function startDemoWitnesses(ctx: AppContext): Promise<() => Promise<void>> {
  const logKey = parseVerifierKey(await verifierKey(ctx));
  const running: RunningWitness[] = [];
  const registered: { name: string; url: string; vkey: string }[] = [];
  try {
    for (const name of DEMO_WITNESSES) {
      const dir = path.join(ctx.config.dataDir, 'witnesses', name);
      const signer = ensureWitnessKey(dir, name);
      const witness = await startWitness({ dir, signer, logs: [logKey], host: '127.0.0.1', port: 0 });
      running.push(witness);
      registered.push({ name, url: witness.url, vkey: witnessVerifierKey(signer) });
    }
    const current = await getWitnesses(ctx);
    const same = current.quorum === 2 && JSON.stringify(current.witnesses.map(({ name, url, vkey }) => ({ name, url, vkey }))) === JSON.stringify(registered);
    if (!same) await setWitnesses(ctx, null, { witnesses: registered, quorum: 2 });
  } catch (err) {
    for (const w of running) await w.close();
    throw err;
  }
  return async () => {
    for (const w of running) await w.close();
  };
}
