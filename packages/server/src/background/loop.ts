/**
 * A task the server runs every few seconds (sequencing the log, notifications, e-mail,
 * dashboard aggregates): never two runs at once, errors logged and retried at the next
 * tick rather than fatal, and stopping waits for a run in progress so the database is
 * not closed under it. Returns the stop function.
 */
export interface LoopLog {
  error: (obj: unknown, msg: string) => void;
}

export function startLoop(
  task: () => Promise<unknown>,
  options: { everyMs: number; log: LoopLog; failure: string; onStop?: () => Promise<void> | void },
): () => Promise<void> {
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (current) return;
    current = task()
      .then(
        () => undefined,
        (err) => options.log.error({ err }, options.failure),
      )
      .finally(() => (current = null));
  }, options.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
    await options.onStop?.();
  };
}
