import { describe, expect, it } from 'vitest';
import { CheckpointError, formatCheckpoint, parseCheckpoint } from './checkpoint.ts';
import { EMPTY_ROOT, fromBase64, fromHex, toBase64, toHex } from './hash.ts';

// c2sp.org/tlog-checkpoint example.
const SPEC = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const ROOT8 = fromHex('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');

describe('parseCheckpoint', () => {
  it('parses the spec example and formats it back byte for byte', () => {
    const cp = parseCheckpoint(SPEC);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(toBase64(cp.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(cp.rootHash.length).toBe(32);
    expect(cp.extensions).toEqual([]);
    expect(formatCheckpoint(cp)).toBe(SPEC);
  });

  it('keeps extension lines', () => {
    const text = SPEC + 'ext one\nsecond — ext\n';
    const cp = parseCheckpoint(text);
    expect(cp.extensions).toEqual(['ext one', 'second — ext']);
    expect(formatCheckpoint(cp)).toBe(text);
  });

  it('accepts the empty tree only with the empty root', () => {
    const empty = `log.example\n0\n${toBase64(EMPTY_ROOT)}\n`;
    expect(parseCheckpoint(empty).size).toBe(0);
    expect(() => parseCheckpoint(`log.example\n0\n${toBase64(ROOT8)}\n`)).toThrow(/size 0/);
    expect(() => formatCheckpoint({ origin: 'log.example', size: 0, rootHash: ROOT8 })).toThrow(CheckpointError);
  });

  it('accepts origins readers must tolerate', () => {
    // Spaces and "+" are only discouraged in origins; readers must not assume the format.
    expect(parseCheckpoint(SPEC.replace('example.com/behind-the-sofa', 'odd origin+1')).origin).toBe('odd origin+1');
  });

  it('rejects every malformed variant with a reason', () => {
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    const bad: Array<[string, RegExp]> = [
      ['example.com\n5\n' + root, /end with a newline/],
      ['example.com\n5\n', /at least 3 lines/],
      ['\n5\n' + root + '\n', /empty lines/],
      ['example.com\n05\n' + root + '\n', /leading zeros/],
      ['example.com\n00\n' + root + '\n', /leading zeros/],
      ['example.com\n+5\n' + root + '\n', /not a decimal/],
      ['example.com\n-1\n' + root + '\n', /not a decimal/],
      ['example.com\n1e3\n' + root + '\n', /not a decimal/],
      ['example.com\n 5\n' + root + '\n', /not a decimal/],
      ['example.com\n9007199254740993\n' + root + '\n', /too large/],
      ['example.com\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n', /not valid base64/],
      ['example.com\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxqw==\n', /31 bytes/],
      ['example.com\n5\n' + root + '\n\n', /empty lines/],
      ['example.com\n5\n' + root + '\n\n— example.com AAAA\n', /empty lines/],
      ['example.com\n5\n' + root + '\nbad\tline\n', /control/],
      ['exa\rmple.com\n5\n' + root + '\n', /control/],
    ];
    for (const [text, reason] of bad) expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(reason);
  });
});

describe('formatCheckpoint', () => {
  it('writes origin, decimal size and base64 root on three lines', () => {
    expect(formatCheckpoint({ origin: 'truce/demo', size: 8, rootHash: ROOT8 })).toBe('truce/demo\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n');
    expect(toHex(fromBase64('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg='))).toBe(toHex(ROOT8));
  });

  it('refuses what would make an invalid or ambiguous checkpoint', () => {
    const ok = { origin: 'truce/demo', size: 8, rootHash: ROOT8 };
    expect(() => formatCheckpoint({ ...ok, origin: '' })).toThrow(/origin/);
    expect(() => formatCheckpoint({ ...ok, origin: 'a b' })).toThrow(/origin/);
    expect(() => formatCheckpoint({ ...ok, origin: 'a+b' })).toThrow(/origin/);
    expect(() => formatCheckpoint({ ...ok, size: -1 })).toThrow(/size/);
    expect(() => formatCheckpoint({ ...ok, size: 1.5 })).toThrow(/size/);
    expect(() => formatCheckpoint({ ...ok, rootHash: ROOT8.subarray(1) })).toThrow(/32 bytes/);
    expect(() => formatCheckpoint({ ...ok, extensions: [''] })).toThrow(/extension/);
    expect(() => formatCheckpoint({ ...ok, extensions: ['a\nb'] })).toThrow(/extension/);
  });
});
