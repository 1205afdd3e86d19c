import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/schema.ts';
import type { LogKeyring } from './log/signer.ts';
import type { LogSequencer } from './log/sequencer.ts';

/**
 * Where the use cases read the time of an action: the time its rows carry and the time
 * its rules (a reply deadline, a report dated in the future) are checked against. The
 * server's clock is the system's; the demo loader runs the same use cases on a clock it
 * sets to each scripted action's time (demo/scripted-clock.ts), so a seeded incident of
 * 2017 is created, answered and assessed exactly as users would have done it then. The
 * log stamps its entries with the system's time in either case: it says when it wrote.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every use case may need: configuration, the database, the clock, the log's key and sequencer. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  engine: 'pglite' | 'postgres';
  clock: Clock;
  keyring: LogKeyring;
  /** Puts committed log entries in the tree; write requests wait for it before answering. */
  sequencer: LogSequencer;
}
