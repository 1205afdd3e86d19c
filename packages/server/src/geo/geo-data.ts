import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { AdminAreas, Gazetteer, parsePlacesTsv, readAdminAreas, type AdminArea } from '@truce/core/geo/index';

/**
 * The country's boundaries and gazetteer ship with Truce (C10: maps work offline), in
 * packages/server/data/geo (see SOURCES.md there for origin and licence).
 */
export const GEO_DIR = fileURLToPath(new URL('../../data/geo/', import.meta.url));

/** A file served as is, prepared once: its bytes, their gzip and an ETag. */
export interface ServedFile {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export interface GeoData {
  gazetteer: Gazetteer;
  areas: AdminAreas;
  /** Governorates (1) and districts (2) as RFC 7946 FeatureCollections. */
  collections: Record<1 | 2, ServedFile>;
  attribution: string;
}

const loaded = new Map<string, Promise<GeoData>>();

/**
 * The geography data, read and indexed on first use and kept for the life of the process
 * (it is part of the release and never changes under a running server). Building takes a
 * few hundred milliseconds of CPU once; every search after that is well under one.
 * A failed load is not cached, so a fixed file is picked up by the next request.
 */
export function geoData(dir = GEO_DIR): Promise<GeoData> {
  let data = loaded.get(dir);
  if (!data) {
    data = load(dir);
    loaded.set(dir, data);
    data.catch(() => loaded.delete(dir));
  }
  return data;
}

async function load(dir: string): Promise<GeoData> {
  const read = (file: string) => fs.readFile(path.join(dir, file), 'utf8');
  const [adm1Text, adm2Text, placesText, sources] = await Promise.all([
    read('syr_adm1_governorates.geojson'),
    read('syr_adm2_districts.geojson'),
    read('syr_populated_places.tsv'),
    read('SOURCES.md'),
  ]);
  const governorates = readAdminAreas(JSON.parse(adm1Text), 1);
  const districts = readAdminAreas(JSON.parse(adm2Text), 2);
  const gazetteer = new Gazetteer(parsePlacesTsv(placesText), [...governorates, ...districts]);
  // The first searches of a fresh process run unoptimised code; run a few now, not on a user's request.
  for (const q of ['Aleppo', 'حلب', 'Deir ez', 'دير ال', 'Idlb']) gazetteer.search(q);
  return {
    gazetteer,
    areas: new AdminAreas([...governorates, ...districts]),
    collections: { 1: serve(featureCollection(governorates)), 2: serve(featureCollection(districts)) },
    attribution: attributionText(sources),
  };
}

/** Only what a map needs: the p-code and names (and the governorate of a district). */
function featureCollection(areas: AdminArea[]) {
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      id: a.pcode,
      properties: { pcode: a.pcode, name_en: a.nameEn, name_ar: a.nameAr, ...(a.parent ? { adm1_pcode: a.parent } : {}) },
      geometry: a.geometry,
    })),
  };
}

function serve(value: unknown): ServedFile {
  const body = Buffer.from(JSON.stringify(value));
  const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, gzip: gzipSync(body, { level: 9 }), etag: `"${hash}"` };
}

/** The attribution SOURCES.md requires, quoted after its "Required attribution text" heading. */
export function attributionText(sources: string): string {
  const match = /\*\*Required attribution text:\*\*\s*"([^"]+)"/.exec(sources);
  if (!match) throw new Error('SOURCES.md: no "Required attribution text" found');
  return match[1].replace(/\s+/g, ' ').trim();
}
