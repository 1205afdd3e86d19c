import type { ListDiff } from '@truce/core/detainees/diff';
import type { PersonChanges } from './schema.ts';

/** A short account of a diff for answers: counts and the first persons of each kind. */
export function personChanges(diff: ListDiff, sample = 50): PersonChanges {
  return {
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    unchanged: diff.unchanged,
    samples: {
      added: diff.added.slice(0, sample),
      removed: diff.removed.slice(0, sample),
      changed: diff.changed.slice(0, sample).map((c) => ({ ref: c.ref, fields: c.fields, before: c.before, after: c.after })),
    },
  };
}
