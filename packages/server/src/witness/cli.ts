import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseVerifierKey, SIG_ED25519 } from '@truce/core/log/index';
import { initWitnessKey, loadWitnessKey, witnessVerifierKey } from './key.ts';
import { startWitness } from './server.ts';

const USAGE = `usage:
  truce witness init --name NAME --dir DIR
  truce witness serve --dir DIR --log-vkey VKEY [--log-vkey VKEY…] [--port P] [--host H]`;

/** `truce witness init|serve`: a guarantor's own witness (c2sp.org/tlog-witness). */
export async function runWitness(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === 'init') {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, dir: { type: 'string' } }, strict: true });
      if (!values.name || !values.dir) return usage('--name and --dir are required');
      const signer = initWitnessKey(path.resolve(values.dir), values.name);
      console.log(witnessVerifierKey(signer));
      return 0;
    }
    if (sub === 'serve') {
      const { values } = parseArgs({
        args: rest,
        options: {
          dir: { type: 'string' },
          'log-vkey': { type: 'string', multiple: true },
          port: { type: 'string', default: '7380' },
          host: { type: 'string', default: '127.0.0.1' },
        },
        strict: true,
      });
      if (!values.dir || !values['log-vkey']?.length) return usage('--dir and --log-vkey are required');
      const port = Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port ${values.port} is not a port number`);
      const logs = values['log-vkey'].map((k) => parseVerifierKey(k));
      const cosigner = logs.find((l) => l.type !== SIG_ED25519);
      if (cosigner) return usage(`--log-vkey ${cosigner.name} is not a log key (type 0x01)`);
      const dir = path.resolve(values.dir);
      const signer = loadWitnessKey(dir);
      const witness = await startWitness({ dir, signer, logs, port, host: values.host, onError: (err) => console.error('truce witness:', err) });
      console.log(
        `Witness ${signer.name} (${witnessVerifierKey(signer)}) serving POST ${witness.url}/add-checkpoint for ${logs.map((l) => l.name).join(', ')}`,
      );
      const stop = async () => {
        await witness.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
  } catch (err) {
    console.error(`truce witness: ${(err as Error).message}`);
    return 1;
  }
  return usage(sub ? `unknown subcommand "${sub}"` : 'a subcommand is required');
}

function usage(why: string): number {
  console.error(`truce witness: ${why}\n${USAGE}`);
  return 2;
}
