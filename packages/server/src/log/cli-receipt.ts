import fs from 'node:fs';
import { PolicyError, ProofError, parsePolicy, verifyProof } from '@truce/core/log/index';

type Out = (line: string) => void;

/**
 * `truce verify --receipt FILE --policy FILE`: checks a c2sp.org/tlog-proof receipt
 * offline against a c2sp.org/tlog-policy (as served at /log/policy). Exit 0: the entry
 * is in a checkpoint the policy's log signed and its quorum cosigned; 1: it is not, and
 * why; 2: usage.
 */
export function runReceiptVerify(receiptPath: string, policyPath: string | undefined, out: Out): number {
  if (!policyPath) {
    out('truce verify: --receipt needs --policy FILE (the policy is served at <server>/log/policy)');
    return 2;
  }
  const read = (file: string, what: string): string | null => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      out(`FAILED: cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return null;
    }
  };
  const policyText = read(policyPath, 'policy');
  const receiptText = read(receiptPath, 'receipt');
  if (policyText === null || receiptText === null) return 1;
  let policy;
  try {
    policy = parsePolicy(policyText);
  } catch (err) {
    out(`FAILED: the policy ${policyPath} is not valid: ${(err as Error).message}`);
    return 1;
  }
  try {
    const ok = verifyProof(receiptText, policy);
    const witnesses = ok.quorum === null ? 'no witness quorum required' : `quorum ${ok.quorum} met by ${ok.cosigners.join(', ')}`;
    out(`OK: entry ${ok.index} of ${ok.origin} is in its tree of ${ok.treeSize} entries (${witnesses})${describeEntry(ok.entry)}`);
    return 0;
  } catch (err) {
    if (err instanceof ProofError || err instanceof PolicyError) {
      out(`FAILED (${err instanceof ProofError ? err.problem : 'policy'}): ${err.message}`);
      return 1;
    }
    out(`FAILED: ${(err as Error).message}`);
    return 1;
  }
}

/** The entry's type and subject when it is one of ours, so the holder sees what was proved. */
function describeEntry(entry: Uint8Array): string {
  try {
    const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry)) as { type?: unknown; subject?: unknown };
    if (typeof parsed.type !== 'string') return '';
    return `: ${parsed.type}${parsed.subject ? ' ' + JSON.stringify(parsed.subject) : ''}`;
  } catch {
    return '';
  }
}
