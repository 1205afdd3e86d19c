import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import { addSignatureLines, cosignCheckpoint, formatCosignerKey } from './cosignature.ts';
import { sha256, utf8 } from './hash.ts';
import { formatVerifierKey, generateSigner, parseVerifierKey, signNote } from './note.ts';
import { parsePolicy } from './policy.ts';
import { QuorumError, checkWitnesses, describeWitnessCheck } from './quorum.ts';

const log = generateSigner('truce/syria-ceasefire-demo');
const logVkey = formatVerifierKey(log.name, log.publicKey);
const logKey = parseVerifierKey(logVkey);
const names = ['russia.guarantor.example/witness', 'turkiye.guarantor.example/witness', 'iran.guarantor.example/witness'];
const witnesses = names.map((n) => generateSigner(n));
const TEXT = formatCheckpoint({ origin: log.name, size: 42, rootHash: sha256(utf8('root')) });
const NOTE = signNote(TEXT, log);
const policy = parsePolicy(
  [
    `log ${logVkey}`,
    ...witnesses.map((w) => `witness ${w.name} ${formatCosignerKey(w.name, w.publicKey)}`),
    `group guarantors 2 ${names.join(' ')}`,
    'quorum guarantors',
    '',
  ].join('\n'),
);
const cosigned = (...which: number[]) =>
  addSignatureLines(
    NOTE,
    which.map((i) => cosignCheckpoint(TEXT, witnesses[i], 1_700_000_000 + i)),
  );

describe('checkWitnesses: a checkpoint against a tlog-policy quorum', () => {
  it('names who cosigned and when, and says the quorum is met', () => {
    const check = checkWitnesses(cosigned(0, 2), policy, logKey);
    expect(check).toMatchObject({ met: true, quorum: 'guarantors', missing: [names[1]], unknown: [] });
    expect(check.cosigners).toEqual([
      { name: names[0], timestamp: 1_700_000_000 },
      { name: names[2], timestamp: 1_700_000_002 },
    ]);
    expect(describeWitnessCheck(check)).toEqual([
      `cosigned by ${names[0]} at 2023-11-14T22:13:20Z`,
      `cosigned by ${names[2]} at 2023-11-14T22:13:22Z`,
      'quorum guarantors met (2 of 3 witnesses cosigned)',
    ]);
  });

  it('reports a quorum not met, naming the witnesses missing, and ignores keys the policy does not name', () => {
    const stranger = generateSigner('stranger.example/witness');
    const note = addSignatureLines(cosigned(1), [cosignCheckpoint(TEXT, stranger, 1_700_000_100)]);
    const check = checkWitnesses(note, policy, logKey);
    expect(check.met).toBe(false);
    expect(check.missing).toEqual([names[0], names[2]]);
    expect(check.unknown).toEqual([expect.stringMatching(/^stranger\.example\/witness\+[0-9a-f]{8}$/)]);
    expect(describeWitnessCheck(check).at(-1)).toBe(`quorum guarantors NOT met: missing cosignatures from ${names[0]}, ${names[2]}`);
  });

  it('refuses a forged cosignature of a known witness, a note the log did not sign, and a policy for another key', () => {
    const forged = cosignCheckpoint(formatCheckpoint({ origin: log.name, size: 43, rootHash: sha256(utf8('root')) }), witnesses[0], 1_700_000_000);
    expect(() => checkWitnesses(addSignatureLines(NOTE, [forged]), policy, logKey)).toThrow(
      /cosignature of witness russia\.guarantor\.example\/witness does not verify/,
    );
    const onlyWitnesses = signNote(TEXT, generateSigner('someone.else/log'));
    expect(() => checkWitnesses(addSignatureLines(onlyWitnesses, [cosignCheckpoint(TEXT, witnesses[0], 5)]), policy, logKey)).toThrow(
      /not signed by the log's key/,
    );
    const impostor = generateSigner(log.name);
    expect(() => checkWitnesses(NOTE, policy, parseVerifierKey(formatVerifierKey(impostor.name, impostor.publicKey)))).toThrow(QuorumError);
  });

  it('accepts a log without witnesses under `quorum none`', () => {
    const check = checkWitnesses(NOTE, parsePolicy(`log ${logVkey}\nquorum none\n`), logKey);
    expect(check).toMatchObject({ met: true, quorum: null, cosigners: [], missing: [] });
    expect(describeWitnessCheck(check)).toEqual(['witnesses: the policy requires none (quorum none)']);
  });
});
