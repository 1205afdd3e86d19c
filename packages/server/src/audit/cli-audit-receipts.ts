import fs from 'node:fs';
import path from 'node:path';
import {
  bytesEqual,
  commitment,
  encodeEntry,
  fromBase64,
  openNote,
  parseCheckpoint,
  parsePolicy,
  parseProof,
  verifyConsistency,
  verifyProof,
  type Policy,
} from '@truce/core/log/index';
import type { ReportContent } from '@truce/core/reports/model';
import { publicFacts } from '../reports/service.ts';

type Out = (line: string) => void;

/**
 * `truce audit --receipts DIR --url URL --token T`: the audit as a party can run it, with
 * nothing but the receipts it was given and its own access. For each receipt: the receipt
 * verifies (against --policy, or the policy the server serves), the server's current
 * checkpoint is consistent with the receipt's and still holds the same entry at that
 * index, and the item the entry records, as the server serves it to this party now,
 * matches what the entry recorded (public fields compared, sealed fields re-committed
 * with the salts from /api/log/entries/I/openings). Exit 0: every receipt checked out;
 * 1: something diverged (each divergence is named); 2: usage.
 *
 * Covered: report.filed, report.corrected, report.withdrawn, incident.replied. Other
 * entries are reported as not covered.
 */
export async function runReceiptsAudit(args: { dir: string; url: string; token?: string; policy?: string }, out: Out): Promise<number> {
  const base = args.url.replace(/\/+$/, '');
  const api = new Api(base, args.token);
  let files: string[];
  try {
    files = fs.readdirSync(args.dir).filter((f) => f.endsWith('.tlog-proof')).sort();
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
  for (const file of files) {
    const problems: string[] = [];
    const notes: string[] = [];
    const say = (line: string) => out(`${file}: ${line}`);
    try {
      const text = fs.readFileSync(path.join(args.dir, file), 'utf8');
      const verified = verifyProof(parseProof(text), policy);
      const i = verified.index;
      // The server must still tell the same history: consistent with the receipt's tree, same entry at i.
      const consistency = (await api.json(`/api/log/proof/consistency?first=${verified.treeSize}&second=${current.size}`)) as { proof: string[] };
      if (!verifyConsistency(verified.treeSize, current.size, consistency.proof.map(fromBase64), verified.rootHash, current.root)) {
        problems.push(`the server's record (${current.size} entries) is not consistent with the receipt's checkpoint (${verified.treeSize}): history was rewritten`);
      }
      const served = (await api.json(`/api/log/entries/${i}`)) as { entryBase64: string };
      if (!bytesEqual(fromBase64(served.entryBase64), verified.entry)) problems.push(`the server's entry ${i} is not the entry the receipt proves`);
      const entry = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(verified.entry)) as LoggedEntry;
      const checker = CHECKERS[entry.type];
      if (!checker) {
        uncovered++;
        notes.push(`NOT COVERED entry ${i} (${entry.type}): only ${Object.keys(CHECKERS).join(', ')} entries are compared with their items yet`);
      } else {
        const openings = (await api.json(`/api/log/entries/${i}/openings`)) as { salts: Record<string, string>; withheld: Record<string, string> };
        const salts = new Map(Object.entries(openings.salts).map(([f, s]) => [f, fromBase64(s)]));
        for (const [field, why] of Object.entries(openings.withheld)) notes.push(`NOT CHECKED entry ${i} field ${field}: ${why}`);
        const found = await checker(api, entry, salts);
        problems.push(...found.map((p) => `entry ${i} (${entry.type}) ${p}`));
      }
      if (problems.length === 0) say(`OK entry ${i} ${entry.type} ${JSON.stringify(entry.subject ?? {})}`);
    } catch (err) {
      problems.push(err instanceof HttpError && err.status === 404 ? `the server does not show you the item this receipt is about (${err.message})` : (err as Error).message);
    }
    for (const n of notes) say(n);
    for (const p of problems) say(`DIVERGES ${p}`);
    if (problems.length) divergences++;
  }
  const summary = `${files.length} receipt(s), ${divergences} diverging, ${uncovered} not covered`;
  out(divergences === 0 ? `OK: ${summary}` : `FAILED: ${summary}`);
  return divergences === 0 ? 0 : 1;
}

interface LoggedEntry {
  type: string;
  actor?: { organisation: string; user: string };
  subject?: Record<string, string>;
  data?: Record<string, unknown>;
  commitments?: Record<string, string>;
}

type Checker = (api: Api, entry: LoggedEntry, salts: Map<string, Uint8Array>) => Promise<string[]>;

const same = (a: unknown, b: unknown) => bytesEqual(encodeEntry(a ?? null), encodeEntry(b ?? null));

/** A sealed field against its commitment; nothing when the salt was withheld (said apart). */
function sealed(entry: LoggedEntry, salts: Map<string, Uint8Array>, field: string, value: unknown): string[] {
  const committed = entry.commitments?.[field];
  const salt = salts.get(field);
  if (committed === undefined) return value === undefined || value === null || value === '' ? [] : [`field ${field}: the server serves a value the entry did not commit to`];
  if (!salt) return [];
  if (value === undefined || value === null) return [`field ${field}: the entry committed to a value the server no longer serves`];
  return commitment(salt, value) === committed ? [] : [`field ${field}: what the server serves does not match the entry's commitment`];
}

// What presentReport (reports/present.ts) and versions() (reports/service.ts) add around a
// version's stored content; the rest is the content as filed.
const PRESENTATION = ['id', 'version', 'reporterOrganisationId', 'filedAt', 'updatedAt', 'changeNote', 'flags', 'withdrawn', 'areas', 'sealed', 'createdBy'];

const checkReportVersion: Checker = async (api, entry, salts) => {
  const id = entry.subject?.report ?? '';
  const version = Number(entry.data?.version);
  const { versions } = (await api.json(`/api/reports/${encodeURIComponent(id)}/versions`)) as { versions: Array<Record<string, unknown>> };
  const served = versions.find((v) => v.version === version);
  if (!served) return [`report ${id}: version ${version} is not served`];
  const content = Object.fromEntries(Object.entries(served).filter(([k]) => !PRESENTATION.includes(k))) as unknown as ReportContent;
  const problems: string[] = [];
  // Public facts: recomputed from what is served, the flags being the entry's own judgement.
  const { flags: _f, ...facts } = publicFacts(content, { outsideZones: false, outsideDates: false }, served.areas as never, version);
  for (const [field, value] of Object.entries(facts)) {
    if (!same(value, entry.data?.[field])) problems.push(`report ${id} v${version} field ${field}: differs from what the entry recorded`);
  }
  if (version === 1 && entry.actor && served.reporterOrganisationId !== entry.actor.organisation) problems.push(`report ${id} field reporterOrganisationId: differs from the organisation the entry names`);
  problems.push(...sealed(entry, salts, 'content', content).map((p) => `report ${id} v${version} ${p}`));
  if (version > 1) problems.push(...sealed(entry, salts, 'changeNote', served.changeNote).map((p) => `report ${id} v${version} ${p}`));
  return problems;
};

const checkWithdrawal: Checker = async (api, entry, salts) => {
  const id = entry.subject?.report ?? '';
  const report = (await api.json(`/api/reports/${encodeURIComponent(id)}`)) as { withdrawn: { reason: string } | null };
  if (!report.withdrawn) return [`report ${id}: served as not withdrawn, but the entry withdrew it`];
  return sealed(entry, salts, 'reason', report.withdrawn.reason).map((p) => `report ${id} ${p}`);
};

const checkReply: Checker = async (api, entry, salts) => {
  const { incident = '', reply = '' } = entry.subject ?? {};
  const view = (await api.json(`/api/incidents/${encodeURIComponent(incident)}`)) as { replyTexts: Array<{ id: string; text: string | null; evidence: string[]; withheld: boolean }> };
  const served = view.replyTexts.find((r) => r.id === reply);
  if (!served) return [`reply ${reply} of incident ${incident}: not served`];
  if (served.withheld) return []; // its text is not disclosed to this reader; the openings said so
  const problems = sealed(entry, salts, 'text', served.text).map((p) => `reply ${reply} ${p}`);
  if (!same(served.evidence, entry.data?.evidence)) problems.push(`reply ${reply} field evidence: differs from what the entry recorded`);
  return problems;
};

const CHECKERS: Record<string, Checker> = {
  'report.filed': checkReportVersion,
  'report.corrected': checkReportVersion,
  'report.withdrawn': checkWithdrawal,
  'incident.replied': checkReply,
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

class Api {
  constructor(
    readonly base: string,
    readonly token: string | undefined,
  ) {}
  private async get(p: string): Promise<Response> {
    const res = await fetch(this.base + p, { headers: this.token ? { authorization: `Bearer ${this.token}` } : {} });
    if (!res.ok) {
      let detail = '';
      try {
        detail = ((await res.json()) as { detail?: string }).detail ?? '';
      } catch {
        /* not a problem document */
      }
      throw new HttpError(res.status, `GET ${p} answered ${res.status}${detail ? `: ${detail}` : ''}`);
    }
    return res;
  }
  async text(p: string): Promise<string> {
    return (await this.get(p)).text();
  }
  async json(p: string): Promise<unknown> {
    return (await this.get(p)).json();
  }
}
