import type { AppContext, Clock } from '../context.ts';

/**
 * The demo's clock (see Clock in context.ts). A seed moves it to the time of each action
 * it scripts and then calls the use case, which reads that time; so the rows carry the
 * story's times and every rule (a reply deadline, a report dated in the future) is
 * checked as it would have been then.
 *
 * One seed can leave an action for a later time of the story (`later`): it runs as soon
 * as any seed moves the clock past that time, at its own time, or at the end
 * (`runRemaining`). The February exchange is completed this way only after the first
 * meeting has put it on its record.
 */
export class ScriptedClock implements Clock {
  private time: Date;
  private pending: { at: Date; run: () => Promise<unknown> }[] = [];
  /** The story's today: where the clock starts, and what the seeds call "now". */
  readonly today: Date;

  constructor(today: Date = new Date()) {
    this.today = new Date(today);
    this.time = new Date(today);
  }

  now(): Date {
    return new Date(this.time);
  }

  /** Runs the actions left for earlier times, then stands at `at`. */
  async moveTo(at: Date): Promise<void> {
    for (;;) {
      const due = this.pending.filter((p) => p.at.getTime() <= at.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime())[0];
      if (!due) break;
      this.pending.splice(this.pending.indexOf(due), 1);
      this.time = new Date(due.at);
      await due.run();
    }
    this.time = new Date(at);
  }

  later(at: Date, run: () => Promise<unknown>): void {
    this.pending.push({ at: new Date(at), run });
  }

  /** Runs what is still left, in time order. */
  async runRemaining(): Promise<void> {
    const last = this.pending.reduce((t, p) => Math.max(t, p.at.getTime()), -Infinity);
    if (Number.isFinite(last)) await this.moveTo(new Date(last));
  }
}

/** The context the use cases get during the demo's loading: the server's, on the scripted clock. */
export function onScriptedClock(ctx: AppContext, clock: ScriptedClock): AppContext {
  return { ...ctx, clock };
}
