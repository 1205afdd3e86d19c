import type { Config } from './config.ts';
import { systemClock, type AppContext } from './context.ts';
import type { DatabaseHandle } from './db/connection.ts';
import { LogKeyring } from './log/signer.ts';
import { LogSequencer } from './log/sequencer.ts';
import { mechanismClock } from './mechanism/index.ts';

/** The context the server and the commands give the use cases: on the system's clock until the mechanism's is read. */
export function createContext(config: Config, handle: DatabaseHandle): AppContext {
  return {
    config,
    db: handle.db,
    engine: handle.engine,
    clock: systemClock,
    keyring: new LogKeyring(config.dataDir, config.logKey),
    sequencer: new LogSequencer(handle.db),
  };
}

/** Sets the context on the mechanism's clock (the demo's runs in its own time); once the mechanism exists. */
export async function followMechanismClock(ctx: AppContext): Promise<void> {
  ctx.clock = await mechanismClock(ctx.db);
}
