import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { formatCheckpoint } from './checkpoint.ts';
import { addSignatureLines, cosignCheckpoint, formatCosignerKey } from './cosignature.ts';
import { fromHex, toBase64 } from './hash.ts';
import { formatVerifierKey, parseSignerKey, type Signer } from './keys.ts';
import { signNote } from './note.ts';
import { parsePolicy } from './policy.ts';
import { ProofError, formatProof, parseProof, verifyProof, type ProofProblem } from './proof.ts';

// The RFC 6962 test tree of 8 leaves (transparency-dev/merkle): leaf 5, its published
// inclusion path in the tree of size 8, and that tree's root.
const ENTRY = fromHex('40414243');
const PATH = [
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
].map(fromHex);
const ROOT = fromHex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');

// Keys from fixed seeds, so that every signature below is the same on every run.
const signer = (name: string, n: number): Signer => {
  const secretKey = new Uint8Array(32).fill(n);
  return { name, secretKey, publicKey: ed25519.getPublicKey(secretKey) };
};
const LOG = signer('truce.example/log', 7);
const OTHER = signer('truce.example/log', 8); // same name, another key
const W = [signer('guarantor-a.example/w', 1), signer('guarantor-b.example/w', 2), signer('guarantor-c.example/w', 3)];
const TS = 1_700_000_000;

const TEXT = formatCheckpoint({ origin: LOG.name, size: 8, rootHash: ROOT });
const cosigned = (note: string, witnesses: Signer[]) =>
  addSignatureLines(
    note,
    witnesses.map((w) => cosignCheckpoint(TEXT, w, TS)),
  );
const NOTE = signNote(TEXT, LOG);
const LOG_VKEY = formatVerifierKey(LOG.name, LOG.publicKey);
const POLICY_NONE = parsePolicy(`log ${LOG_VKEY} https://truce.example/\nquorum none\n`);
const POLICY_2OF3 = parsePolicy(
  [
    `log ${LOG_VKEY}`,
    ...W.map((w, i) => `witness g${i + 1} ${formatCosignerKey(w.name, w.publicKey)}`),
    'group guarantors 2 g1 g2 g3',
    'quorum guarantors',
    '',
  ].join('\n'),
);

const receipt = (overrides: Partial<Parameters<typeof formatProof>[0]> = {}) =>
  formatProof({ extra: ENTRY, index: 5, path: PATH, checkpoint: NOTE, ...overrides });

function refusal(fn: () => unknown): { problem: ProofProblem; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProofError) return { problem: err.problem, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('c2sp.org/tlog-proof@v1 receipts', () => {
  it('lays the file out as the spec says, byte for byte', () => {
    const text = receipt();
    expect(text).toBe(
      'c2sp.org/tlog-proof@v1\n' +
        'extra QEFCQw==\n' +
        'index 5\n' +
        'vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=\n' +
        'yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=\n' +
        '037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=\n' +
        '\n' +
        'truce.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n\n' +
        NOTE.slice(TEXT.length + 1),
    );
    expect(parseProof(text)).toEqual({ extra: ENTRY, index: 5, path: PATH, checkpoint: NOTE });
  });

  it('verifies a receipt with its entry in the extra line, and without one when the entry is given', () => {
    const ok = verifyProof(receipt(), POLICY_NONE);
    expect(ok).toMatchObject({ index: 5, origin: 'truce.example/log', treeSize: 8, cosigners: [], quorum: null });
    expect(toBase64(ok.rootHash)).toBe(toBase64(ROOT));
    expect(verifyProof(receipt({ extra: undefined }), POLICY_NONE, ENTRY).index).toBe(5);
  });

  it('verifies a receipt whose checkpoint carries enough cosignatures, in any order, among unknown ones', () => {
    const stranger = signer('stranger.example/w', 9);
    const note = cosigned(NOTE, [W[2], stranger, W[0]]);
    const ok = verifyProof(receipt({ checkpoint: note }), POLICY_2OF3);
    expect(ok.cosigners).toEqual(['g1', 'g3']);
    expect(ok.quorum).toBe('guarantors');
  });

  it('reads an index-0 receipt of a one-entry tree (empty path)', () => {
    const one = formatCheckpoint({ origin: LOG.name, size: 1, rootHash: fromHex('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d') });
    const text = formatProof({ extra: new Uint8Array(0), index: 0, path: [], checkpoint: signNote(one, LOG) });
    expect(text.startsWith('c2sp.org/tlog-proof@v1\nextra \nindex 0\n\ntruce.example/log\n1\n')).toBe(true);
    expect(verifyProof(text, POLICY_NONE).treeSize).toBe(1);
  });

  const cases: Array<[string, () => unknown, ProofProblem, RegExp]> = [
    ['an empty file', () => verifyProof('', POLICY_NONE), 'malformed', /empty/],
    ['another format', () => verifyProof('c2sp.org/tlog-proof@v2\n' + receipt().split('\n').slice(1).join('\n'), POLICY_NONE), 'malformed', /first line/],
    ['a file cut in the path', () => verifyProof(receipt().slice(0, 120), POLICY_NONE), 'malformed', /base64|ends before/],
    ['a file cut before the checkpoint', () => verifyProof(receipt().split('\n\n')[0] + '\n', POLICY_NONE), 'malformed', /ends before the blank line/],
    ['a file cut in the signatures', () => verifyProof(receipt().slice(0, -20), POLICY_NONE), 'malformed', /checkpoint is not a signed note/],
    ['a file with no index', () => verifyProof(receipt().replace('index 5\n', ''), POLICY_NONE), 'malformed', /no "index <n>" line/],
    ['a negative index', () => verifyProof(receipt().replace('index 5', 'index -5'), POLICY_NONE), 'malformed', /not a decimal number/],
    [
      'a path hash of the wrong size',
      () => verifyProof(receipt().replace('037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=', 'AAAA'), POLICY_NONE),
      'malformed',
      /3 bytes, not 32/,
    ],
    ['an edited entry', () => verifyProof(receipt({ extra: fromHex('40414244') }), POLICY_NONE), 'inclusion', /does not lead from entry 5/],
    ['an entry that is not the one carried', () => verifyProof(receipt(), POLICY_NONE, fromHex('00')), 'entry', /not the entry this receipt carries/],
    ['no entry at all', () => verifyProof(receipt({ extra: undefined }), POLICY_NONE), 'entry', /carries no entry/],
    ['a wrong index', () => verifyProof(receipt({ index: 4 }), POLICY_NONE), 'inclusion', /does not lead from entry 4/],
    ['an index past the tree', () => verifyProof(receipt({ index: 8 }), POLICY_NONE), 'index', /not in the checkpoint's tree of 8/],
    ['a cut path', () => verifyProof(receipt({ path: PATH.slice(0, 2) }), POLICY_NONE), 'inclusion', /has 2 hashes, but entry 5 of a tree of 8 needs 3/],
    ['a wrong path', () => verifyProof(receipt({ path: [PATH[1], PATH[0], PATH[2]] }), POLICY_NONE), 'inclusion', /does not lead/],
    [
      'a checkpoint signed by another key',
      () => verifyProof(receipt({ checkpoint: signNote(TEXT, OTHER) }), POLICY_NONE),
      'log-signature',
      /not signed by the policy's key for truce.example\/log/,
    ],
    ['an edited checkpoint', () => verifyProof(receipt({ checkpoint: NOTE.replace('\n8\n', '\n9\n') }), POLICY_NONE), 'log-signature', /does not verify/],
    [
      'a log the policy does not know',
      () =>
        verifyProof(receipt({ checkpoint: signNote(formatCheckpoint({ origin: 'elsewhere', size: 8, rootHash: ROOT }), signer('elsewhere', 7)) }), POLICY_NONE),
      'unknown-log',
      /from elsewhere, which is not a log of the policy/,
    ],
    [
      'a checkpoint with cosignatures only',
      () => verifyProof(receipt({ checkpoint: TEXT + '\n' + W.map((w) => cosignCheckpoint(TEXT, w, TS)).join('') }), POLICY_2OF3),
      'log-signature',
      /not signed by the policy's key/,
    ],
    [
      'a quorum not met',
      () => verifyProof(receipt({ checkpoint: cosigned(NOTE, [W[1]]) }), POLICY_2OF3),
      'quorum',
      /quorum guarantors is not met: cosigned by g2/,
    ],
    ['no cosignature where a quorum is needed', () => verifyProof(receipt(), POLICY_2OF3), 'quorum', /cosigned by no known witness/],
    [
      'a forged cosignature by a known witness',
      () =>
        verifyProof(receipt({ checkpoint: NOTE + cosignCheckpoint(formatCheckpoint({ origin: LOG.name, size: 9, rootHash: ROOT }), W[0], TS) }), POLICY_2OF3),
      'cosignature',
      /witness g1 does not verify/,
    ],
  ];
  for (const [what, fn, problem, message] of cases) {
    it(`refuses ${what}, naming it`, () => {
      const r = refusal(fn);
      expect(r.problem).toBe(problem);
      expect(r.message).toMatch(message);
    });
  }

  it('never crashes on random bytes', () => {
    const base = receipt();
    for (let i = 0; i < 200; i++) {
      const at = (i * 37) % base.length;
      const mutated = base.slice(0, at) + String.fromCharCode((base.charCodeAt(at) + 1 + (i % 5)) % 128) + base.slice(at + 1);
      try {
        verifyProof(mutated, POLICY_NONE);
      } catch (err) {
        expect(err).toBeInstanceOf(ProofError);
      }
    }
  });
});
