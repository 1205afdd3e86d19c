/** Documents (C8): the neutral model of a report or briefing, and its HTML rendering. The PDF renderer lives in the server. */
export * from './model.ts';
export * from './format.ts';
export * from './labels.ts';
export * from './html.ts';
