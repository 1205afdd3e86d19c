import fs from 'node:fs';
import path from 'node:path';
import { bytesEqual, fromBase64, openNote, parseCheckpoint, parsePolicy, parseProof, verifyConsistency, verifyProof, type Policy } from '@truce/core/log/index';
import { Api, HttpError } from './receipts/api.ts';
import type { LoggedEntry } from './receipts/common.ts';
import { CHECKERS } from './receipts/index.ts';

type Out = (line: string) => void;

/**
 * `truce audit --receipts DIR --url URL --token T`: the audit as a party can run it, with
 * nothing but the receipts it was given and its own access. For each receipt: the receipt
 * verifies (against --policy, or the policy the server serves), the server's current
 * checkpoint is consistent with the receipt's and still holds the same entry at that
 * index, and the item the entry records, as the server serves it to this party now,
 * matches what the entry recorded (public fields compared, sealed fields re-committed
 * with the salts from /api/log/entries/I/openings). Exit 0: every receipt checked out;
 * 1: something diverged (each divergence is named: item, field, recorded vs served); 2: usage.
 *
 * Covered (receipts/*.ts, one file per module): report versions and withdrawals, evidence
 * uploads, incident replies and assessments, detainee list versions, match decisions,
 * exchange proposals, approvals, endorsements and outcomes, meeting decisions and their
 * approvals, issued publications. Other entries are reported as not covered. An item the
 * server does not show this party is reported as not readable: the server answers 404
 * alike for "hidden from you" and "not there", so it is counted apart, and nothing of
 * the item is printed.
 */
export async function runReceiptsAudit(args: { dir: string; url: string; token?: string; policy?: string }, out: Out): Promise<number> {
  const base = args.url.replace(/\/+$/, '');
  const api = new Api(base, args.token);
  let files: string[];
  try {
    files = fs
      .readdirSync(args.dir)
      .filter((f) => f.endsWith('.tlog-proof'))
      .sort();
  } catch (err) {
    out(`truce audit: cannot read ${args.dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return 2;
  }
  if (files.length === 0) {
    out(`truce audit: no .tlog-proof receipts in ${args.dir}`);
    return 2;
  }
  let policy: Policy;
  try {
    policy = parsePolicy(args.policy ? fs.readFileSync(args.policy, 'utf8') : await api.text('/log/policy'));
    if (!args.policy) out(`note: using the policy ${base}/log/policy serves; pass --policy to use one obtained another way`);
  } catch (err) {
    out(`FAILED: no usable policy: ${(err as Error).message}`);
    return 1;
  }
  let current: { size: number; root: Uint8Array } | null = null;
  try {
    const note = await api.text('/log/checkpoint');
    const log = policy.logs[0];
    openNote(note, [log.verifier]);
    const cp = parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));
    current = { size: cp.size, root: cp.rootHash };
  } catch (err) {
    out(`FAILED: the server's checkpoint cannot be checked: ${(err as Error).message}`);
    return 1;
  }

  let divergences = 0;
  let uncovered = 0;
  let unreadable = 0;
  for (const file of files) {
    const problems: string[] = [];
    const notes: string[] = [];
    let readable = true;
    const say = (line: string) => out(`${file}: ${line}`);
    try {
      const text = fs.readFileSync(path.join(args.dir, file), 'utf8');
      const verified = verifyProof(parseProof(text), policy);
      const i = verified.index;
      // The server must still tell the same history: consistent with the receipt's tree, same entry at i.
      const consistency = (await api.json(`/api/log/proof/consistency?first=${verified.treeSize}&second=${current.size}`)) as { proof: string[] };
      if (!verifyConsistency(verified.treeSize, current.size, consistency.proof.map(fromBase64), verified.rootHash, current.root)) {
        problems.push(
          `the server's record (${current.size} entries) is not consistent with the receipt's checkpoint (${verified.treeSize}): history was rewritten`,
        );
      }
      const served = (await api.json(`/api/log/entries/${i}`)) as { entryBase64: string };
      if (!bytesEqual(fromBase64(served.entryBase64), verified.entry)) problems.push(`the server's entry ${i} is not the entry the receipt proves`);
      const entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(verified.entry)) as LoggedEntry;
      const checker = Object.hasOwn(CHECKERS, entry.type) ? CHECKERS[entry.type] : undefined;
      if (!checker) {
        uncovered++;
        notes.push(`NOT COVERED entry ${i} (${entry.type}): its item is not compared yet`);
      } else {
        const logProblems = problems.length;
        try {
          let salts = new Map<string, Uint8Array>();
          // An entry with no sealed field needs no openings.
          if (Object.keys(entry.commitments ?? {}).length > 0) {
            const openings = (await api.json(`/api/log/entries/${i}/openings`)) as { salts: Record<string, string>; withheld: Record<string, string> };
            salts = new Map(Object.entries(openings.salts).map(([f, s]) => [f, fromBase64(s)]));
            for (const [field, why] of Object.entries(openings.withheld)) notes.push(`NOT CHECKED entry ${i} field ${field}: ${why}`);
          }
          await checker({
            api,
            index: i,
            entry,
            salts,
            diverges: (item, field, message) => problems.push(`entry ${i} (${entry.type}) ${item} field ${field}: ${message}`),
            note: (message) => notes.push(`NOT CHECKED entry ${i}: ${message}`),
          });
        } catch (err) {
          if (!(err instanceof HttpError && err.status === 404)) throw err;
          // Hidden and missing look alike to this reader: counted apart, and nothing of the item is printed.
          unreadable++;
          readable = false;
          notes.length = 0;
          problems.length = logProblems;
          notes.push(`NOT READABLE entry ${i} (${entry.type}): the server does not show you this item (you may not read it, or it is no longer there)`);
        }
      }
      if (problems.length === 0 && readable) say(`OK entry ${i} ${entry.type} ${JSON.stringify(entry.subject ?? {})}`);
    } catch (err) {
      problems.push(
        err instanceof HttpError && err.status === 404 ? `the server does not show you what this receipt is about (${err.message})` : (err as Error).message,
      );
    }
    for (const n of notes) say(n);
    for (const p of problems) say(`DIVERGES ${p}`);
    if (problems.length) divergences++;
  }
  const summary = `${files.length} receipt(s), ${divergences} diverging, ${uncovered} not covered${unreadable ? `, ${unreadable} not readable` : ''}`;
  out(divergences === 0 ? `OK: ${summary}` : `FAILED: ${summary}`);
  return divergences === 0 ? 0 : 1;
}
