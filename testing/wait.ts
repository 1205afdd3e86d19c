/**
 * Waits until `probe` gives a value (anything but false, null or undefined) and returns
 * it; fails naming `what` after `timeoutMs`. For what happens in the background: a
 * witness cosigning, a mirror catching up, an e-mail leaving.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | false | null | undefined> | T | false | null | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== false && value !== null && value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A signed note's text: what is signed, up to and with the newline before the blank line. */
export const noteText = (note: string) => note.slice(0, note.indexOf('\n\n') + 1);

/** A signed note's signature lines after the first (the log's own): the witnesses' cosignatures. */
export const cosignatureLines = (note: string) =>
  note
    .slice(note.indexOf('\n\n') + 2)
    .split('\n')
    .filter((l) => l.length > 0)
    .slice(1);
