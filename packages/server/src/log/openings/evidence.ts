import { evidenceMeta } from '../../evidence/index.ts';
import type { OpeningRule } from './rule.ts';

/** An upload's original file name: to those who may see that upload (evidenceMeta lists only those; 404 when none). */
const uploaded: OpeningRule = async (ctx, auth, entry, fields) => {
  const meta = await evidenceMeta(ctx, auth.actor, entry.subject.evidence ?? '');
  const mine = meta.uploads.some((u) => u.logIndex === entry.index);
  return new Map(fields.map((f) => [f, f === 'originalName' && mine ? true : 'this upload is not shown to you']));
};

export const evidenceRules: Record<string, OpeningRule> = { 'evidence.uploaded': uploaded };
