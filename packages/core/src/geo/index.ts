/** Geography (C2 places, C10 maps): name normalisation, the gazetteer, administrative areas. */
export * from './normalize.ts';
export * from './areas.ts';
export * from './gazetteer.ts';
