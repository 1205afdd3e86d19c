import { describe, expect, it } from 'vitest';
import {
  addSignatureLines,
  cosignCheckpoint,
  formatCheckpoint,
  formatCosignerKey,
  formatPolicy,
  formatVerifierKey,
  generateSigner,
  signNote,
} from '@truce/core/log/index';
import { checkWitnesses, quorumSize, trustText, type WitnessInput } from './witnesses.ts';
import { parsePolicy } from './logCore.ts';

/** A log, three witnesses and a 2-of-3 policy, built with the core package, as the demo has them. */
const log = generateSigner('truce/test-log');
const logKey = formatVerifierKey(log.name, log.publicKey);
const names = ['witness.russia.test', 'witness.turkiye.test', 'witness.iran.test'];
const witnesses = names.map((n) => generateSigner(n));
const policyText = (urls = 'http://127.0.0.1:1', k: number | 'all' | 'any' = 2) =>
  formatPolicy({
    logs: [{ vkey: logKey, url: `${urls}/log` }],
    witnesses: witnesses.map((w, i) => ({ name: w.name, vkey: formatCosignerKey(w.name, w.publicKey), url: `${urls}/w${i}` })),
    groups: [{ name: 'guarantors', threshold: k, members: names }],
    quorum: 'guarantors',
  });
const text = formatCheckpoint({ origin: log.name, size: 42, rootHash: new Uint8Array(32).fill(7) });
const T = 1_780_000_000;
const cosigned = (which: number[], at = T) =>
  addSignatureLines(
    signNote(text, log),
    which.map((i) => cosignCheckpoint(text, witnesses[i], at + i)),
  );
const NOW = new Date((T + 10) * 1000);

const input = (over: Partial<WitnessInput>): WitnessInput => ({
  note: cosigned([0, 1, 2]),
  policyText: policyText(),
  pinnedPolicy: null,
  logKey,
  health: null,
  now: NOW,
  ...over,
});

function checked(over: Partial<WitnessInput>) {
  const r = checkWitnesses(input(over));
  if (r.state !== 'checked') throw new Error(r.message);
  return r;
}

describe('witnesses of a checkpoint, checked in the browser', () => {
  it('verifies each cosignature and says when it was made; the quorum 2 of 3 is met', () => {
    const r = checked({});
    expect(r.witnesses.map((w) => [w.name, w.state, w.cosignedAt])).toEqual(names.map((n, i) => [n, 'cosigned', new Date((T + i) * 1000).toISOString()]));
    expect(r.quorum).toEqual({ need: 2, of: 3, met: true });
    expect(r.lagging).toEqual([]);
    expect(r.logKeyListed).toBe(true);
    expect(r.policy.state).toBe('first-use');
    expect(r.cosignedAt).toBe(new Date((T + 2) * 1000).toISOString());
  });

  it('meets 2 of 3 with two witnesses and names the third from the checkpoint alone', () => {
    const r = checked({ note: cosigned([0, 2]) });
    expect(r.witnesses.map((w) => w.state)).toEqual(['cosigned', 'missing', 'cosigned']);
    expect(r.quorum?.met).toBe(true);
    expect(r.lagging).toEqual([{ name: names[1], source: 'checkpoint' }]);
  });

  it('does not meet the quorum with one witness', () => {
    expect(checked({ note: cosigned([1]) }).quorum).toEqual({ need: 2, of: 3, met: false });
    expect(checked({ note: signNote(text, log) }).quorum?.met).toBe(false);
  });

  it('does not count a cosignature that does not verify, nor one over another checkpoint', () => {
    const other = formatCheckpoint({ origin: log.name, size: 43, rootHash: new Uint8Array(32).fill(8) });
    const forged = addSignatureLines(signNote(text, log), [cosignCheckpoint(text, witnesses[0], T), cosignCheckpoint(other, witnesses[1], T)]);
    const r = checked({ note: forged });
    expect(r.witnesses.map((w) => w.state)).toEqual(['cosigned', 'invalid', 'missing']);
    expect(r.witnesses[1].error).toMatch(/does not verify/);
    expect(r.quorum?.met).toBe(false);
  });

  it('ignores a cosignature by a key of the same name that the policy does not list', () => {
    const impostor = generateSigner(names[2]);
    const r = checked({ note: addSignatureLines(signNote(text, log), [cosignCheckpoint(text, witnesses[0], T), cosignCheckpoint(text, impostor, T)]) });
    expect(r.witnesses.map((w) => w.state)).toEqual(['cosigned', 'missing', 'missing']);
    expect(r.quorum?.met).toBe(false);
  });

  it('takes since when a witness has not cosigned from the health, after a grace period', () => {
    const at = (s: number) => new Date((T + s) * 1000).toISOString();
    const health = {
      witnesses: [
        { name: names[0], lastCosignedSize: 50, lastCosignedAt: at(5), behind: 0 },
        { name: names[1], lastCosignedSize: 30, lastCosignedAt: at(-3600), behind: 20 },
        { name: names[2], lastCosignedSize: 49, lastCosignedAt: at(8), behind: 1 },
      ],
    };
    const r = checked({ note: cosigned([0, 2]), health });
    // The third is one behind for 2 s only: not named.
    expect(r.lagging).toEqual([{ name: names[1], since: at(-3600), size: 30, source: 'health' }]);
    // A witness that never cosigned is named, with since null.
    const never = checked({ note: cosigned([0, 2]), health: { witnesses: [{ name: names[1], lastCosignedSize: null, lastCosignedAt: null }] } });
    expect(never.lagging).toEqual([{ name: names[1], since: null, size: null, source: 'health' }]);
  });

  it('pins what the policy trusts, not where the witnesses are, and warns when that changes', () => {
    const pinned = trustText(parsePolicy(policyText()));
    expect(pinned).not.toMatch(/http/);
    expect(checked({ pinnedPolicy: pinned, policyText: policyText('http://127.0.0.1:2') }).policy.state).toBe('pinned');
    const changed = checked({ pinnedPolicy: pinned, policyText: policyText(undefined, 1), note: cosigned([0]) });
    expect(changed.policy.state).toBe('changed');
    // Checked with the pinned policy (2 of 3), not the served one (1 of 3).
    expect(changed.quorum).toEqual({ need: 2, of: 3, met: false });
    expect(checked({ pinnedPolicy: 'not a policy' }).policy.state).toBe('first-use');
  });

  it('says when the policy does not name the pinned log key', () => {
    const other = generateSigner('truce/other-log');
    expect(checked({ logKey: formatVerifierKey(other.name, other.publicKey) }).logKeyListed).toBe(false);
  });

  it('reports a policy it cannot read, and a policy without witnesses', () => {
    expect(checkWitnesses(input({ policyText: 'quorum none\n' }))).toMatchObject({ state: 'error' });
    const none = checked({ policyText: formatPolicy({ logs: [{ vkey: logKey }], quorum: null }), note: signNote(text, log) });
    expect(none.quorum).toBeNull();
    expect(none.witnesses).toEqual([]);
  });

  it('sizes the quorum as written: a number, all, any, or a single witness', () => {
    expect(quorumSize(parsePolicy(policyText(undefined, 'all')))).toEqual({ need: 3, of: 3 });
    expect(quorumSize(parsePolicy(policyText(undefined, 'any')))).toEqual({ need: 1, of: 3 });
    const single = formatPolicy({
      logs: [{ vkey: logKey }],
      witnesses: [{ name: names[0], vkey: formatCosignerKey(names[0], witnesses[0].publicKey) }],
      quorum: names[0],
    });
    expect(quorumSize(parsePolicy(single))).toEqual({ need: 1, of: 1 });
  });
});
