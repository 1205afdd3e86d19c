import { geoData } from '../geo/index.ts';
import type { Areas } from './present.ts';

/**
 * The governorate and district a point falls in, from the OCHA boundaries that ship with
 * Truce; none for a point outside them (a report from across the border is still taken).
 */
export async function locateAreas(lon: number, lat: number): Promise<Areas> {
  const found = (await geoData()).areas.locate(lon, lat);
  if (!found) return {};
  const ref = (a: { pcode: string; nameEn: string; nameAr: string } | null | undefined) =>
    a ? { pcode: a.pcode, nameEn: a.nameEn, nameAr: a.nameAr } : undefined;
  return { adm1: ref(found.adm1), ...(found.adm2 ? { adm2: ref(found.adm2) } : {}) };
}
