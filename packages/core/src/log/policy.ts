import { toHex } from './hash.ts';
import { NoteError, SIG_COSIGNATURE_V1, SIG_ED25519, parseVerifierKey, type Verifier } from './keys.ts';

/**
 * c2sp.org/tlog-policy: which logs a verifier trusts and which witness cosignatures it
 * needs before it believes a checkpoint. One statement a line, fields separated by spaces
 * or tabs, "#" to the end of the line is a comment:
 *
 *   log <vkey> [url]
 *   witness <name> <vkey> [url]
 *   group <name> all|any|<k> <member>...
 *   quorum <name>|none            (exactly once)
 *
 * A name is defined before it is used and only once (witnesses and groups share one
 * namespace), and a witness or group is a member at most once in the whole policy, so a
 * quorum is a tree and one cosignature never counts twice.
 */

export interface PolicyLog {
  /** The log's key name, which tlog-policy makes its origin. */
  origin: string;
  vkey: string;
  verifier: Verifier;
  url?: string;
}

export interface PolicyWitness {
  name: string;
  vkey: string;
  verifier: Verifier;
  url?: string;
}

export interface PolicyGroup {
  name: string;
  /** How many members must be satisfied: `all` and `any` are kept as written for formatting. */
  threshold: number | 'all' | 'any';
  members: string[];
}

export interface Policy {
  logs: PolicyLog[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  /** The name of the witness or group that must be satisfied; null for `quorum none`. */
  quorum: string | null;
}

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** Implementations must take at least 32 of each; far more is a mistake or an attack. */
export const MAX_POLICY_ITEMS = 1000;
const MAX_POLICY_BYTES = 1 << 20;
const THRESHOLD = /^[1-9][0-9]{0,5}$/;
const NAME = /^[^\s#]+$/u;
const URL_FIELD = /^[^\s#\p{Cc}]+$/u;

function checkName(name: string, where: string): void {
  if (!NAME.test(name) || /\p{Cc}/u.test(name)) throw new PolicyError(`${where}: invalid name ${JSON.stringify(name)}`);
  if (name === 'none' || name === 'all' || name === 'any') throw new PolicyError(`${where}: "${name}" is a keyword and cannot name a witness or group`);
}

function verifierOf(vkey: string, type: number, where: string): Verifier {
  let v: Verifier;
  try {
    v = parseVerifierKey(vkey);
  } catch (err) {
    throw new PolicyError(`${where}: ${err instanceof NoteError ? err.message : 'invalid verifier key'}`);
  }
  if (v.type !== type) {
    const want = type === SIG_ED25519 ? 'an Ed25519 log key (type 0x01)' : 'an Ed25519 cosignature key (type 0x04)';
    throw new PolicyError(`${where}: the key ${v.name}+${toHex(v.keyId)} is not ${want}`);
  }
  return v;
}

function optionalUrl(fields: string[], at: number, where: string): string | undefined {
  if (fields.length > at + 1) throw new PolicyError(`${where}: too many fields`);
  const url = fields[at];
  if (url !== undefined && !URL_FIELD.test(url)) throw new PolicyError(`${where}: invalid URL`);
  return url;
}

/** Parses a policy file, throwing PolicyError naming the line and the rule it breaks. */
export function parsePolicy(text: string): Policy {
  if (typeof text !== 'string') throw new PolicyError('a policy is text');
  if (text.length > MAX_POLICY_BYTES) throw new PolicyError('the policy is too large');
  const policy: Policy = { logs: [], witnesses: [], groups: [], quorum: null };
  const defined = new Set<string>();
  const used = new Set<string>();
  let quorumSeen = false;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const where = `policy line ${i + 1}`;
    const hash = lines[i].indexOf('#');
    const content = (hash >= 0 ? lines[i].slice(0, hash) : lines[i]).replace(/\r$/, '');
    const fields = content.split(/[ \t]+/).filter((f) => f.length > 0);
    if (fields.length === 0) continue;
    const [keyword, ...args] = fields;
    switch (keyword) {
      case 'log': {
        if (args.length < 1) throw new PolicyError(`${where}: "log" needs a verifier key`);
        const verifier = verifierOf(args[0], SIG_ED25519, where);
        if (policy.logs.some((l) => l.origin === verifier.name)) throw new PolicyError(`${where}: a second log with origin ${verifier.name}`);
        policy.logs.push({ origin: verifier.name, vkey: args[0], verifier, url: optionalUrl(args, 1, where) });
        break;
      }
      case 'witness': {
        if (args.length < 2) throw new PolicyError(`${where}: "witness" needs a name and a verifier key`);
        const [name, vkey] = args;
        checkName(name, where);
        if (defined.has(name)) throw new PolicyError(`${where}: ${name} is already defined`);
        const verifier = verifierOf(vkey, SIG_COSIGNATURE_V1, where);
        defined.add(name);
        policy.witnesses.push({ name, vkey, verifier, url: optionalUrl(args, 2, where) });
        break;
      }
      case 'group': {
        if (args.length < 3) throw new PolicyError(`${where}: "group" needs a name, a threshold (all, any or a number) and at least one member`);
        const [name, k, ...members] = args;
        checkName(name, where);
        if (defined.has(name)) throw new PolicyError(`${where}: ${name} is already defined`);
        let threshold: PolicyGroup['threshold'];
        if (k === 'all' || k === 'any') threshold = k;
        else if (THRESHOLD.test(k)) threshold = Number(k);
        else throw new PolicyError(`${where}: the threshold "${k}" is not all, any or a positive number`);
        if (typeof threshold === 'number' && threshold > members.length) {
          throw new PolicyError(`${where}: the threshold ${threshold} is more than the ${members.length} member(s) of ${name}`);
        }
        for (const m of members) {
          if (!defined.has(m)) throw new PolicyError(`${where}: ${m} is not defined before this line`);
          if (used.has(m)) throw new PolicyError(`${where}: ${m} is already a member of a group`);
          used.add(m);
        }
        defined.add(name);
        policy.groups.push({ name, threshold, members });
        break;
      }
      case 'quorum': {
        if (quorumSeen) throw new PolicyError(`${where}: a second "quorum" line`);
        if (args.length !== 1) throw new PolicyError(`${where}: "quorum" takes one name, or none`);
        quorumSeen = true;
        if (args[0] === 'none') policy.quorum = null;
        else if (!defined.has(args[0])) throw new PolicyError(`${where}: the quorum ${args[0]} is not defined before this line`);
        else policy.quorum = args[0];
        break;
      }
      default:
        throw new PolicyError(`${where}: unknown keyword "${keyword}"`);
    }
    if (policy.logs.length + policy.witnesses.length + policy.groups.length > MAX_POLICY_ITEMS)
      throw new PolicyError(`more than ${MAX_POLICY_ITEMS} logs, witnesses and groups`);
  }
  if (!quorumSeen) throw new PolicyError('the policy has no "quorum" line');
  if (policy.logs.length === 0) throw new PolicyError('the policy names no log');
  return policy;
}

/** Writes a policy in the canonical layout: logs, witnesses, groups, then the quorum. */
export function formatPolicy(policy: {
  logs: Array<{ vkey: string; url?: string }>;
  witnesses?: Array<{ name: string; vkey: string; url?: string }>;
  groups?: Array<{ name: string; threshold: number | 'all' | 'any'; members: string[] }>;
  quorum: string | null;
}): string {
  const line = (...fields: Array<string | number | undefined>) => fields.filter((f) => f !== undefined).join(' ') + '\n';
  const text =
    policy.logs.map((l) => line('log', l.vkey, l.url)).join('') +
    (policy.witnesses ?? []).map((w) => line('witness', w.name, w.vkey, w.url)).join('') +
    (policy.groups ?? []).map((g) => line('group', g.name, g.threshold, ...g.members)).join('') +
    line('quorum', policy.quorum ?? 'none');
  parsePolicy(text); // never write a policy that would not read back
  return text;
}

/** The policy of a log with no witnesses: its key, where it is, and `quorum none`. */
export function logOnlyPolicy(logVerifierKey: string, url?: string): string {
  return formatPolicy({ logs: [{ vkey: logVerifierKey, url }], quorum: null });
}

/**
 * Whether the witnesses that verifiably cosigned satisfy the quorum. A witness counts once
 * however many groups name it (the parser allows one membership); a group is satisfied
 * when at least its threshold of members are.
 */
export function quorumMet(policy: Policy, cosigned: ReadonlySet<string>): boolean {
  if (policy.quorum === null) return true;
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  const satisfied = (name: string, depth: number): boolean => {
    if (depth > MAX_POLICY_ITEMS) return false; // cannot happen: names are defined before use
    const group = groups.get(name);
    if (!group) return cosigned.has(name);
    const need = group.threshold === 'all' ? group.members.length : group.threshold === 'any' ? 1 : group.threshold;
    let got = 0;
    for (const m of group.members) if (satisfied(m, depth + 1)) got++;
    return got >= need;
  };
  return satisfied(policy.quorum, 0);
}
