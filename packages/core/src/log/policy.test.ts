import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { formatCosignerKey } from './cosignature.ts';
import { formatVerifierKey } from './keys.ts';
import { PolicyError, formatPolicy, logOnlyPolicy, parsePolicy, quorumMet } from './policy.ts';

// golang.org/x/mod/sumdb/note's example key: a known name, ID and public key.
const LOG_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const seed = (n: number) => new Uint8Array(32).fill(n);
const witnessVkey = (name: string, n: number) => formatCosignerKey(name, ed25519.getPublicKey(seed(n)));

const sets = (...names: string[]) => new Set(names);

describe('c2sp.org/tlog-policy', () => {
  it('reads the policy the server serves: a log, witnesses, a k-of-n group and its quorum', () => {
    const text = [
      `log ${LOG_VKEY} https://truce.example/log/`,
      `witness g1 ${witnessVkey('guarantor-a.example/w', 1)} https://a.example/witness`,
      `witness g2 ${witnessVkey('guarantor-b.example/w', 2)}`,
      `witness g3 ${witnessVkey('guarantor-c.example/w', 3)} https://c.example/witness`,
      'group guarantors 2 g1 g2 g3',
      'quorum guarantors',
      '',
    ].join('\n');
    const p = parsePolicy(text);
    expect(p.logs).toHaveLength(1);
    expect(p.logs[0].origin).toBe('PeterNeumann');
    expect(p.logs[0].url).toBe('https://truce.example/log/');
    expect(p.witnesses.map((w) => [w.name, w.verifier.name, w.url])).toEqual([
      ['g1', 'guarantor-a.example/w', 'https://a.example/witness'],
      ['g2', 'guarantor-b.example/w', undefined],
      ['g3', 'guarantor-c.example/w', 'https://c.example/witness'],
    ]);
    expect(p.groups).toEqual([{ name: 'guarantors', threshold: 2, members: ['g1', 'g2', 'g3'] }]);
    expect(p.quorum).toBe('guarantors');
    expect(formatPolicy(p)).toBe(text);
  });

  it('reads the policy of a log without witnesses', () => {
    const text = logOnlyPolicy(LOG_VKEY, 'https://truce.example/');
    expect(text).toBe(`log ${LOG_VKEY} https://truce.example/\nquorum none\n`);
    const p = parsePolicy(text);
    expect(p.quorum).toBeNull();
    expect(quorumMet(p, sets())).toBe(true);
  });

  it('takes tabs, runs of spaces, comments and blank lines', () => {
    const p = parsePolicy(`# the record\n\tlog\t ${LOG_VKEY}   # no URL\n\n  quorum none # nobody\n`);
    expect(p.logs[0].url).toBeUndefined();
    expect(p.quorum).toBeNull();
  });

  it('evaluates nested all/any/k groups over the witnesses that cosigned', () => {
    const lines = [`log ${LOG_VKEY}`];
    for (let i = 1; i <= 6; i++) lines.push(`witness w${i} ${witnessVkey(`w${i}.example`, i)}`);
    lines.push('group east any w1 w2', 'group west 2 w3 w4 w5', 'group both all east west w6', 'quorum both');
    const p = parsePolicy(lines.join('\n'));
    expect(quorumMet(p, sets('w1', 'w3', 'w4', 'w6'))).toBe(true);
    expect(quorumMet(p, sets('w1', 'w3', 'w6'))).toBe(false); // west needs 2
    expect(quorumMet(p, sets('w3', 'w4', 'w6'))).toBe(false); // east needs one
    expect(quorumMet(p, sets('w1', 'w2', 'w3', 'w4'))).toBe(false); // w6 is required
    expect(quorumMet(p, sets('x', 'y'))).toBe(false);
  });

  it('a single witness can be the quorum', () => {
    const p = parsePolicy(`log ${LOG_VKEY}\nwitness only ${witnessVkey('only.example', 9)}\nquorum only\n`);
    expect(quorumMet(p, sets('only'))).toBe(true);
    expect(quorumMet(p, sets())).toBe(false);
  });

  it('supports at least 32 logs, 32 witnesses and 32 groups', () => {
    const lines: string[] = [];
    for (let i = 0; i < 32; i++) lines.push(`log ${formatVerifierKey(`log${i}.example`, ed25519.getPublicKey(seed(100 + i)))}`);
    for (let i = 0; i < 32; i++) lines.push(`witness w${i} ${witnessVkey(`w${i}.example`, i + 1)}`);
    for (let i = 0; i < 32; i++) lines.push(`group g${i} any w${i}`);
    lines.push(`group all32 32 ${Array.from({ length: 32 }, (_, i) => `g${i}`).join(' ')}`, 'quorum all32');
    const p = parsePolicy(lines.join('\n'));
    expect([p.logs.length, p.witnesses.length, p.groups.length]).toEqual([32, 32, 33]);
    const all = new Set(Array.from({ length: 32 }, (_, i) => `w${i}`));
    expect(quorumMet(p, all)).toBe(true);
    all.delete('w31');
    expect(quorumMet(p, all)).toBe(false);
  });

  const w1 = `witness w1 ${witnessVkey('w1.example', 1)}`;
  const w2 = `witness w2 ${witnessVkey('w2.example', 2)}`;
  const refusals: Array<[string, string, RegExp]> = [
    ['no quorum line', `log ${LOG_VKEY}\n`, /no "quorum" line/],
    ['two quorum lines', `log ${LOG_VKEY}\nquorum none\nquorum none\n`, /line 3: a second "quorum"/],
    ['no log', 'quorum none\n', /names no log/],
    ['a name used before it is defined', `log ${LOG_VKEY}\ngroup g any w1\n${w1}\nquorum g\n`, /line 2: w1 is not defined before this line/],
    ['a quorum that is not defined', `log ${LOG_VKEY}\nquorum g\n`, /the quorum g is not defined/],
    ['a member twice in a group', `log ${LOG_VKEY}\n${w1}\ngroup g 1 w1 w1\nquorum g\n`, /w1 is already a member/],
    ['a member in two groups', `log ${LOG_VKEY}\n${w1}\n${w2}\ngroup a any w1\ngroup b any w1 w2\nquorum b\n`, /line 5: w1 is already a member/],
    ['a name defined twice', `log ${LOG_VKEY}\n${w1}\n${w1.replace('w1.example', 'w1.example')}\nquorum none\n`, /line 3: w1 is already defined/],
    ['a threshold above the members', `log ${LOG_VKEY}\n${w1}\ngroup g 2 w1\nquorum g\n`, /threshold 2 is more than the 1 member/],
    ['a zero threshold', `log ${LOG_VKEY}\n${w1}\ngroup g 0 w1\nquorum g\n`, /threshold "0"/],
    ['a group without members', `log ${LOG_VKEY}\ngroup g all\nquorum none\n`, /needs a name, a threshold/],
    ['a witness key used as a log key', `log ${witnessVkey('w.example', 1)}\nquorum none\n`, /not an Ed25519 log key/],
    ['a log key used as a witness key', `log ${LOG_VKEY}\nwitness w ${LOG_VKEY}\nquorum none\n`, /not an Ed25519 cosignature key/],
    ['a key with a wrong ID', `log ${LOG_VKEY.replace('c74f20a3', 'c74f20a4')}\nquorum none\n`, /line 1: the key ID c74f20a4 does not match/],
    ['an unknown keyword', `log ${LOG_VKEY}\nwitnes w x\nquorum none\n`, /line 2: unknown keyword "witnes"/],
    ['extra fields', `log ${LOG_VKEY} https://a https://b\nquorum none\n`, /too many fields/],
    ['a keyword as a name', `log ${LOG_VKEY}\nwitness none ${witnessVkey('n.example', 1)}\nquorum none\n`, /"none" is a keyword/],
  ];
  for (const [what, text, message] of refusals) {
    it(`refuses ${what}`, () => {
      expect(() => parsePolicy(text)).toThrow(PolicyError);
      expect(() => parsePolicy(text)).toThrow(message);
    });
  }
});
