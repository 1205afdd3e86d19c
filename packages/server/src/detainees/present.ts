/** A moment as the answers give it (what JSON makes of a Date). */
export const iso = (at: Date | string) => new Date(at).toISOString();
