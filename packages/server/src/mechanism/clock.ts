import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../context.ts';
import type { Database } from '../db/index.ts';
import * as store from './store.ts';

/**
 * The mechanism's clock: the system's, moved by the mechanism's offset. A real
 * mechanism's offset is zero. The demo's tells a story of January–March 2017, so its
 * time is set to the day after that story when it is loaded and runs on from there, on
 * every process and after every restart: its deadlines, its "today" and the periods
 * its pages start from are those of its data.
 */
export async function mechanismClock(db: Kysely<Database>): Promise<Clock> {
  const offset = (await store.getMechanism(db))?.clock_offset_ms ?? 0;
  return offsetClock(Number(offset));
}

export function offsetClock(offsetMs: number): Clock {
  return offsetMs === 0 ? systemClock : { now: () => new Date(Date.now() + offsetMs) };
}

/** Sets the mechanism's time to `at` from now on (the demo, once loaded). */
export async function setMechanismTime(db: Kysely<Database>, at: Date): Promise<void> {
  await store.setClockOffset(db, at.getTime() - Date.now());
}
