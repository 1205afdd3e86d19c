import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { witnessHealth } from '../cosigning/index.ts';
import type { Health, HealthDown } from './schema.ts';

/** The database must answer a query within this. */
const DATABASE_TIMEOUT_MS = 5000;

/** The server and its database (down when a query does not answer in time), and the witnesses when there are any. */
export async function checkHealth(ctx: AppContext): Promise<{ up: true; health: Health } | { up: false; health: HealthDown }> {
  try {
    await Promise.race([
      sql`select 1`.execute(ctx.db),
      new Promise((_, reject) => setTimeout(() => reject(new Error('database did not answer within 5 s')), DATABASE_TIMEOUT_MS).unref()),
    ]);
    // Witnesses: when each last cosigned, and how far the served checkpoint lags the newest signed one.
    const witnesses = await witnessHealth(ctx).catch(() => null);
    return { up: true, health: { status: 'ok', database: 'ok', engine: ctx.engine, ...(witnesses ? { witnesses } : {}) } };
  } catch (err) {
    return { up: false, health: { status: 'unavailable', database: 'unreachable', detail: (err as Error).message } };
  }
}
