import { can } from '@truce/core/policy/policy';
import { notFound } from '../../errors/index.ts';
import { scopeOf } from '../../reports/index.ts';
import { reportsStore as reportStore } from '../../reports/index.ts';
import type { OpeningRule } from './rule.ts';

/** A report's filing, correction and withdrawal: to those who may read the report. */
const report: OpeningRule = async (ctx, auth, entry, fields) => {
  const found = entry.subject.report ? await reportStore.findReport(ctx.db, entry.subject.report) : undefined;
  if (!found || !can(auth.actor, 'report.read', scopeOf(found))) throw notFound('There is no such report.');
  // The whole content is committed at once: opening it needs the sealed parts too.
  const sealedVisible = can(auth.actor, 'report.read.sealed', scopeOf(found));
  return new Map(
    fields.map((f) => [f, f === 'content' && !sealedVisible ? 'the content includes sealed parts (sources, exact place) you may not read' : true]),
  );
};

export const reportRules: Record<string, OpeningRule> = { 'report.filed': report, 'report.corrected': report, 'report.withdrawn': report };
