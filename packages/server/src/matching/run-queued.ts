import type { AppContext } from '../context.ts';
import { detaineesStore } from '../detainees/index.ts';
import { record } from '../log/index.ts';
import { runMatching } from './match-runner.ts';
import { failRun, finishRun, startNextRun } from './store.ts';

/**
 * Runs queued runs one at a time (the matcher itself spreads over worker threads). A run
 * on a version that is no longer current is still run: its candidates are about persons
 * as they were, and the reviewer sees the persons as they are now.
 */
export async function runQueued(ctx: AppContext): Promise<number> {
  let done = 0;
  for (;;) {
    const run = await startNextRun(ctx.db);
    if (!run) return done;
    try {
      const [sought, held] = await Promise.all([
        detaineesStore.personsAt(ctx.db, run.sought_list_id, run.sought_version),
        run.kind === 'dedupe' ? null : detaineesStore.personsAt(ctx.db, run.held_list_id, run.held_version),
      ]);
      const result = await runMatching(ctx, run.kind === 'dedupe' ? { kind: 'dedupe', list: sought } : { kind: 'match', sought, held: held! });
      await ctx.db.transaction().execute(async (tx) => {
        await finishRun(tx, run.id, result.candidates, result.stats);
        await record(tx, {
          type: 'detainees.match.run',
          actor: null,
          subject: { run: run.id, soughtList: run.sought_list_id, heldList: run.held_list_id },
          data: { kind: run.kind, soughtVersion: run.sought_version, heldVersion: run.held_version, ...result.stats },
        });
      });
    } catch (err) {
      await failRun(ctx.db, run.id, String((err as Error).message ?? err).slice(0, 1000));
    }
    done++;
  }
}
