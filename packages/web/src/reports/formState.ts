import type { GeoPrecision, ReportContent, SourceKind, TimePrecision } from '@truce/core/reports/model';
import type { EvidenceItem } from '../evidence/api.ts';

/**
 * The report form's state, kept as the user typed it (strings), and the pure rules that
 * turn it into a report's content or into messages next to the fields.
 */

export const CASUALTY_KEYS = ['killedCivilian', 'killedCombatant', 'injuredCivilian', 'injuredCombatant'] as const;
export type CasualtyKey = (typeof CASUALTY_KEYS)[number];

export const MAX_COUNT = 100_000;
/** The server's default (TRUCE_TEXT_MAX_CHARS); the form uses the installation's own from /api/limits. */
export const MAX_DESCRIPTION = 20_000;
export const MAX_SOURCE_DETAIL = 2_000;

export interface FormState {
  /** "YYYY-MM-DDTHH:MM" as in a datetime-local input; only the date counts for precision "day". */
  when: string;
  /** Whether `when` is in UTC or in this device's own time zone. */
  zone: 'utc' | 'device';
  timePrecision: TimePrecision;
  lat: string;
  lon: string;
  geoPrecision: GeoPrecision;
  pcode: string;
  placeName: string;
  sealLocation: boolean;
  typeCode: string;
  /** "unknown", "party:<organisation id>" or "excluded:<group id>". */
  alleged: string;
  /** "unknown", "civilians" or "party:<organisation id>". */
  affected: string;
  /** An empty box means "not known", which is not zero. */
  casualties: Record<CasualtyKey, string>;
  description: string;
  language: string;
  /** Once the user chooses the language it is no longer guessed from the text. */
  languageChosen: boolean;
  sources: { kind: SourceKind; detail: string }[];
  evidence: EvidenceItem[];
}

export function emptyForm(language: string): FormState {
  return {
    when: '',
    zone: 'utc',
    timePrecision: 'exact',
    lat: '',
    lon: '',
    geoPrecision: 'exact',
    pcode: '',
    placeName: '',
    sealLocation: false,
    typeCode: '',
    alleged: 'unknown',
    affected: 'unknown',
    casualties: { killedCivilian: '', killedCombatant: '', injuredCivilian: '', injuredCombatant: '' },
    description: '',
    language,
    languageChosen: false,
    sources: [],
    evidence: [],
  };
}

/** A report's content back into the form, for a correction. Evidence names are not known here: the hash stands in. */
export function formFromContent(c: ReportContent): FormState {
  const count = (n: number | null) => (n === null ? '' : String(n));
  const p = c.allegedPerpetrator;
  const a = c.affectedSide;
  return {
    when: c.occurredAt.slice(0, 16),
    zone: 'utc',
    timePrecision: c.timePrecision,
    lat: String(c.location.lat),
    lon: String(c.location.lon),
    geoPrecision: c.location.geoPrecision,
    pcode: c.location.pcode ?? '',
    placeName: c.location.placeName ?? '',
    sealLocation: c.sealLocation,
    typeCode: c.typeCode,
    alleged: p.kind === 'party' ? `party:${p.organisationId}` : p.kind === 'excluded' ? `excluded:${p.groupId}` : 'unknown',
    affected: a.kind === 'party' ? `party:${a.organisationId}` : a.kind,
    casualties: {
      killedCivilian: count(c.casualties.killedCivilian),
      killedCombatant: count(c.casualties.killedCombatant),
      injuredCivilian: count(c.casualties.injuredCivilian),
      injuredCombatant: count(c.casualties.injuredCombatant),
    },
    description: c.description,
    language: c.language,
    languageChosen: true,
    sources: c.sources.map((s) => ({ ...s })),
    evidence: c.evidence.map((sha256) => ({ sha256, name: '', size: 0, mediaType: '' })),
  };
}

/** Arabic-Indic and Persian digits and separators to ASCII, so that numbers typed on any keyboard are read. */
export function asciiDigits(text: string): string {
  return text
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.')
    .replace(/[\u066c\u00a0\u202f\s]/g, '');
}

/** A latitude or longitude as typed ("36.2", "36,2", "٣٦٫٢"); null when it is not a number. */
export function parseDegrees(text: string): number | null {
  const s = asciiDigits(text).replace(',', '.');
  if (!/^[-+]?\d{1,3}(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** "36.2, 37.1" or "36.2 37.1" pasted into one box: latitude and longitude. */
export function parsePair(text: string): { lat: number; lon: number } | null {
  const m =
    /^\s*([-+]?[\d\u0660-\u0669\u06f0-\u06f9]+(?:[.\u066b][\d\u0660-\u0669\u06f0-\u06f9]+)?)\s*[,;\s،]\s*([-+]?[\d\u0660-\u0669\u06f0-\u06f9]+(?:[.\u066b][\d\u0660-\u0669\u06f0-\u06f9]+)?)\s*$/.exec(
      text,
    );
  if (!m) return null;
  const lat = parseDegrees(m[1]);
  const lon = parseDegrees(m[2]);
  return lat === null || lon === null ? null : { lat, lon };
}

/** A casualty count: null for an empty box (not known), a number, or undefined when it is not a whole number in range. */
export function parseCount(text: string): number | null | undefined {
  const s = asciiDigits(text);
  if (s === '') return null;
  if (!/^\d{1,6}$/.test(s)) return undefined;
  const n = Number(s);
  return n <= MAX_COUNT ? n : undefined;
}

/**
 * The instant the form's date and time stand for, as ISO 8601 in UTC; null when none or
 * not a date. For precision "day" only the date counts and it is the day in UTC.
 */
export function toInstant(when: string, zone: FormState['zone'], precision: TimePrecision): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(when);
  if (!m) return null;
  const date = m[1];
  const time = precision === 'day' ? '00:00' : m[2];
  if (!time) return null;
  const d = zone === 'device' && precision !== 'day' ? new Date(`${date}T${time}:00`) : new Date(`${date}T${time}:00Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The language a description is probably written in, from its script; the fallback when unclear. */
export function guessLanguage(text: string, fallback: string): string {
  const arabicScript = (text.match(/[\u0600-\u06ff]/g) ?? []).length;
  const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z\u00c0-\u024f]/g) ?? []).length;
  const most = Math.max(arabicScript, cyrillic, latin);
  if (most === 0) return fallback;
  if (most === arabicScript) return /[پچژگکی]/.test(text) && !/[ةيك]/.test(text) ? 'fa' : 'ar';
  if (most === cyrillic) return 'ru';
  if (/[ğşıİĞŞ]/.test(text)) return 'tr';
  return fallback === 'en' || fallback === 'tr' ? fallback : 'en';
}

export type FieldErrors = Partial<Record<string, string>>;

export interface Messages {
  required: string;
  notDate: string;
  future: string;
  latitude: string;
  longitude: string;
  count: string;
  tooLong: string;
}

/** Five minutes' grace, as on the server, for phone clocks that run a little fast. */
const SKEW_MS = 5 * 60 * 1000;

/** Checks made before sending; the keys are the form's field names (those of reportField). */
export function validate(s: FormState, now: Date, m: Messages, maxDescription = MAX_DESCRIPTION): FieldErrors {
  const errors: FieldErrors = {};
  const at = toInstant(s.when, s.zone, s.timePrecision);
  if (!s.when) errors.occurredAt = m.required;
  else if (!at) errors.occurredAt = m.notDate;
  else if (Date.parse(at) > now.getTime() + SKEW_MS) errors.occurredAt = m.future;
  const lat = parseDegrees(s.lat);
  const lon = parseDegrees(s.lon);
  if (!s.lat.trim()) errors.lat = m.required;
  else if (lat === null || lat < -90 || lat > 90) errors.lat = m.latitude;
  if (!s.lon.trim()) errors.lon = m.required;
  else if (lon === null || lon < -180 || lon > 180) errors.lon = m.longitude;
  if (!s.typeCode) errors.typeCode = m.required;
  for (const k of CASUALTY_KEYS) if (parseCount(s.casualties[k]) === undefined) errors[k] = m.count;
  if (!s.description.trim()) errors.description = m.required;
  else if (s.description.length > maxDescription) errors.description = m.tooLong;
  if (s.sources.some((src) => src.detail.length > MAX_SOURCE_DETAIL)) errors.sources = m.tooLong;
  if (s.placeName.length > 200) errors.placeName = m.tooLong;
  return errors;
}

/** The content to send. Call after validate() found nothing. */
export function toContent(s: FormState): ReportContent {
  const [allegedKind, allegedId] = s.alleged.split(':');
  const [affectedKind, affectedId] = s.affected.split(':');
  const location: ReportContent['location'] = { lat: parseDegrees(s.lat)!, lon: parseDegrees(s.lon)!, geoPrecision: s.geoPrecision };
  if (s.pcode) location.pcode = s.pcode;
  if (s.placeName.trim()) location.placeName = s.placeName.trim();
  const count = (k: CasualtyKey) => parseCount(s.casualties[k]) ?? null;
  const counts = {
    killedCivilian: count('killedCivilian'),
    killedCombatant: count('killedCombatant'),
    injuredCivilian: count('injuredCivilian'),
    injuredCombatant: count('injuredCombatant'),
  };
  return {
    occurredAt: toInstant(s.when, s.zone, s.timePrecision)!,
    timePrecision: s.timePrecision,
    location,
    sealLocation: s.sealLocation,
    typeCode: s.typeCode,
    allegedPerpetrator:
      allegedKind === 'party'
        ? { kind: 'party', organisationId: allegedId }
        : allegedKind === 'excluded'
          ? { kind: 'excluded', groupId: allegedId }
          : { kind: 'unknown' },
    affectedSide:
      affectedKind === 'party' ? { kind: 'party', organisationId: affectedId } : affectedKind === 'civilians' ? { kind: 'civilians' } : { kind: 'unknown' },
    casualties: counts,
    description: s.description.trim(),
    language: s.language,
    sources: s.sources.map((src) => ({ kind: src.kind, detail: src.detail.trim() })),
    evidence: s.evidence.map((e) => e.sha256),
  };
}

/** The names (as validate() and reportField() give them) of the fields a change touches. */
export function changedFields(before: FormState, patch: Partial<FormState>): string[] {
  const out = new Set<string>();
  for (const key of Object.keys(patch) as (keyof FormState)[]) {
    if (patch[key] === before[key]) continue;
    if (key === 'when' || key === 'zone' || key === 'timePrecision') out.add('occurredAt');
    else if (key === 'alleged') out.add('allegedPerpetrator');
    else if (key === 'affected') out.add('affectedSide');
    else if (key === 'casualties') {
      for (const k of CASUALTY_KEYS) if (patch.casualties![k] !== before.casualties[k]) out.add(k);
    } else out.add(key);
  }
  return [...out];
}

/**
 * The form field a server error is about: "/body/location/lat" → "lat",
 * "/body/content/casualties/killedCivilian" → "killedCivilian", "/body/evidence/2" → "evidence".
 */
export function reportField(path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'content') parts.shift();
  if ((parts[0] === 'location' || parts[0] === 'casualties') && parts[1]) return parts[1];
  return parts[0] ?? '';
}
