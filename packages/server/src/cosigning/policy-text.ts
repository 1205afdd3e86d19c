import type { AppContext } from '../context.ts';
import { verifierKey } from '../log/index.ts';
import { getWitnesses } from './get-witnesses.ts';

/** c2sp.org/tlog-policy text for this log and its witnesses. */
export async function policyText(ctx: AppContext, logUrl: string): Promise<string> {
  const { witnesses, quorum } = await getWitnesses(ctx);
  const lines = [`log ${await verifierKey(ctx)} ${logUrl}`];
  for (const w of witnesses) lines.push(`witness ${w.name} ${w.vkey} ${w.url}`);
  if (witnesses.length === 0) lines.push('quorum none');
  else lines.push(`group guarantors ${quorum} ${witnesses.map((w) => w.name).join(' ')}`, 'quorum guarantors');
  return lines.join('\n') + '\n';
}
