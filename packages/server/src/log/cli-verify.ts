import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandArgs } from '../cli-args.ts';
import { checkWitnesses, describeWitnessCheck, parseCheckpoint, parsePolicy, parseVerifierKey, verifyLog, type LogSource } from '@truce/core/log/index';
import { DirLogSource, HttpLogSource, type KeyedLogSource } from './sources.ts';

/**
 * `truce verify`: re-computes the log from its entries, checks the checkpoint's
 * signature against a pinned key, and checks that every checkpoint seen before from the
 * same log is consistent with the new one. The checkpoints seen and the key are kept in
 * a state file (default ~/.truce/verify-state.json) so that a rewritten history is
 * noticed on the next run. The witness policy (c2sp.org/tlog-policy: --policy FILE, or the
 * one the source offers, trusted on first use like the key) is pinned there too, and the
 * checkpoint's cosignatures must meet its quorum. With --receipt F --policy P it checks
 * one receipt offline instead (cli-receipt.ts). Exit code 0: verified; 1: verification
 * failed; 2: usage.
 */
interface State {
  logs: Record<string, { key: string; policy?: string; checkpoints: string[] }>;
}

const KEEP = 50;

export async function runVerify(args: string[], out: (line: string) => void = console.log): Promise<number> {
  const values = commandArgs(
    'truce verify',
    args,
    {
      url: { type: 'string' },
      dir: { type: 'string' },
      token: { type: 'string' },
      key: { type: 'string' },
      state: { type: 'string' },
      receipt: { type: 'string' },
      policy: { type: 'string' },
    },
    out,
  );
  if (!values) return 2;
  if (values.receipt !== undefined) {
    if (values.url || values.dir) {
      out('truce verify: --receipt is checked offline; give it without --url or --dir');
      return 2;
    }
    const { runReceiptVerify } = await import('./cli-receipt.ts');
    return runReceiptVerify(values.receipt, values.policy, out);
  }
  if (!values.url === !values.dir) {
    out('truce verify: give either --url URL or --dir DIR');
    return 2;
  }
  const token = values.token ?? process.env.TRUCE_TOKEN;
  const source: KeyedLogSource = values.url ? new HttpLogSource(values.url, token) : new DirLogSource(path.resolve(values.dir!));
  const statePath = values.state ?? path.join(os.homedir(), '.truce', 'verify-state.json');
  const state = readState(statePath);
  const where = values.url ? source.describe : `dir:${source.describe}`;
  const known = state.logs[where];

  let keyText = values.key ?? known?.key;
  try {
    if (!keyText) {
      keyText = await source.key();
      out(`note: trusting the key offered by ${source.describe} on first use: ${keyText}`);
      out('      pass --key to check it against a key you obtained another way');
    }
    const verifier = parseVerifierKey(keyText);
    const policyText = await pinnedPolicy(values.policy, known?.policy, source, !!values.url, out);
    // One fetch of the checkpoint: the note whose tree is verified is the note whose cosignatures are checked.
    const note = await source.checkpoint();
    const fixed: LogSource = { checkpoint: async () => note, tile: (l, n, w) => source.tile(l, n, w), entries: source.entries };
    const report = await verifyLog({ source: fixed, verifier, previous: known?.checkpoints ?? [] });
    for (const line of report.checks ?? []) out(`  ${line}`);
    if (!report.ok) {
      out(`FAILED: ${report.message}`);
      return 1;
    }
    const parsed = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
    if (policyText !== null) {
      const check = checkWitnesses(note, parsePolicy(policyText), verifier);
      for (const line of describeWitnessCheck(check)) out(`  ${line}`);
      if (!check.met) {
        out(
          `FAILED: the checkpoint of size ${parsed.size} does not meet the quorum ${check.quorum} of the pinned policy: missing cosignatures from ${check.missing.join(', ')}`,
        );
        return 1;
      }
    } else {
      out('  witnesses: not checked (no policy given and none offered by the source)');
    }
    out(`OK: ${parsed.origin} — ${parsed.size} entries verified${source.entries ? '' : ' (hashes only: give --token to check the entries themselves)'}`);
    const checkpoints = [...(known?.checkpoints ?? []), note].slice(-KEEP);
    state.logs[where] = { key: keyText, ...(policyText !== null ? { policy: policyText } : {}), checkpoints };
    writeState(statePath, state);
    return 0;
  } catch (err) {
    out(`FAILED: ${(err as Error).message}`);
    return 1;
  }
}

/**
 * The policy to check the quorum with: --policy FILE (which replaces a pinned one: that
 * is how a reader takes a change of witnesses), else the one pinned, else the one the
 * source offers, trusted on first use. Null when there is none anywhere.
 */
async function pinnedPolicy(
  file: string | undefined,
  pinned: string | undefined,
  source: KeyedLogSource,
  remote: boolean,
  out: (line: string) => void,
): Promise<string | null> {
  let text: string | null;
  if (file !== undefined) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new Error(`cannot read the policy ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  } else if (pinned !== undefined) {
    return pinned;
  } else {
    text = await source.policy();
    if (text === null) return null;
    out(
      `note: ${remote ? 'trusting the witness policy offered by' : 'using the witness policy kept in'} ${source.describe}${remote ? ' on first use' : '/policy'} (quorum: ${parsePolicy(text).quorum ?? 'none'})`,
    );
    out('      pass --policy to check it against a policy you obtained another way');
  }
  try {
    parsePolicy(text);
  } catch (err) {
    throw new Error(`the policy is not valid: ${(err as Error).message}`);
  }
  return text;
}

function readState(file: string): State {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as State;
    if (parsed && typeof parsed.logs === 'object') return parsed;
  } catch {
    /* no state yet */
  }
  return { logs: {} };
}

function writeState(file: string, state: State) {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}
