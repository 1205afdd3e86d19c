import { toHex } from './hash.ts';
import { NoteError, openNote, type Verifier } from './note.ts';
import { quorumMet, type Policy } from './policy.ts';

/**
 * The witness half of believing a checkpoint: which of a policy's witnesses cosigned a
 * signed checkpoint note (tlog-cosignature v1, each line verified over the note text),
 * when, and whether their cosignatures meet the policy's quorum. `truce verify` and
 * `truce mirror` print this and refuse a checkpoint that falls short, naming who is missing.
 */

export interface WitnessCheck {
  /** The policy's witnesses whose cosignatures verified, in policy order, with the time each gave. */
  cosigners: Array<{ name: string; timestamp: number }>;
  /** Signature lines by keys that are neither the log's nor a policy witness's: "name+keyid", ignored. */
  unknown: string[];
  /** The policy's quorum, null for `quorum none`. */
  quorum: string | null;
  met: boolean;
  /** The policy's witnesses that did not cosign this checkpoint. */
  missing: string[];
}

export class QuorumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuorumError';
  }
}

/**
 * Checks a signed checkpoint note against a policy, given the log's (pinned) key. The policy
 * must name that very key for the log, and the log must have signed; a cosignature by a
 * known witness that does not verify rejects the note (signed-note: a known key's bad
 * signature is an alteration, not noise). Throws QuorumError for those; a quorum not met
 * is reported in the result, so that callers can say who is missing.
 */
export function checkWitnesses(note: string, policy: Policy, log: Verifier): WitnessCheck {
  const entry = policy.logs.find((l) => l.origin === log.name);
  const describe = (v: Verifier) => `${v.name}+${toHex(v.keyId)}`;
  if (!entry) throw new QuorumError(`the policy names no log ${log.name} (it names ${policy.logs.map((l) => l.origin).join(', ')})`);
  if (entry.verifier.type !== log.type || toHex(entry.verifier.publicKey) !== toHex(log.publicKey)) {
    throw new QuorumError(`the policy's key for ${log.name} is ${describe(entry.verifier)}, not the pinned key ${describe(log)}`);
  }
  let opened;
  try {
    opened = openNote(note, [log, ...policy.witnesses.map((w) => w.verifier)]);
  } catch (err) {
    if (!(err instanceof NoteError)) throw err;
    const witness = policy.witnesses.find((w) => err.message.includes(describe(w.verifier)));
    if (err.code === 'bad-signature' && witness)
      throw new QuorumError(`the cosignature of witness ${witness.name} does not verify: the checkpoint was altered or the cosignature forged`);
    throw new QuorumError(`the checkpoint note: ${err.message}`);
  }
  const by = (v: Verifier) => opened.signatures.find((s) => s.verified && s.name === v.name && s.keyId === toHex(v.keyId));
  if (!by(log)) throw new QuorumError(`the checkpoint is not signed by the log's key ${describe(log)}`);
  const cosigners: WitnessCheck['cosigners'] = [];
  const missing: string[] = [];
  for (const w of policy.witnesses) {
    const sig = by(w.verifier);
    if (sig) cosigners.push({ name: w.name, timestamp: sig.timestamp ?? 0 });
    else missing.push(w.name);
  }
  const unknown = opened.signatures.filter((s) => !s.verified).map((s) => `${s.name}+${s.keyId}`);
  return { cosigners, unknown, quorum: policy.quorum, met: quorumMet(policy, new Set(cosigners.map((c) => c.name))), missing };
}

/** Lines for people: who cosigned and when (UTC), and whether the quorum is met. */
export function describeWitnessCheck(check: WitnessCheck): string[] {
  if (check.quorum === null && check.cosigners.length === 0) return ['witnesses: the policy requires none (quorum none)'];
  const lines = check.cosigners.map((c) => `cosigned by ${c.name} at ${new Date(c.timestamp * 1000).toISOString().replace('.000Z', 'Z')}`);
  for (const u of check.unknown) lines.push(`ignored a signature by ${u}, a key the policy does not name`);
  if (check.quorum === null) lines.push('quorum: none required');
  else if (check.met)
    lines.push(`quorum ${check.quorum} met (${check.cosigners.length} of ${check.cosigners.length + check.missing.length} witnesses cosigned)`);
  else lines.push(`quorum ${check.quorum} NOT met: missing cosignatures from ${check.missing.join(', ')}`);
  return lines;
}
