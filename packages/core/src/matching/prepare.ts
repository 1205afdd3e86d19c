/**
 * Preparing a list for matching: everything about a record that does not depend on the
 * record it is compared with is computed once here — its names tokenised and assigned to
 * slots, each distinct token's key, phonetic codes and blocking skeleton, birth date,
 * sex, ID digits and blocking keys — and stored as integer ids and typed arrays, so the
 * comparison of a pair allocates nothing and a prepared list can cross to a worker thread.
 */
import type { PersonRecord } from '../detainees/person.ts';
import { asciiDigits, foldArabic } from './arabic.ts';
import { recordKeys, textHash } from './blocking.ts';
import { emptyLexicon, placeInArabic, type Lexicon } from './lexicon.ts';
import { fullNameReadings, parseFullName, tokenizeName, type NameToken } from './name-parts.ts';
import { arabicCode, blockingSkeleton, codeDistance, codeSize, latinCodes } from './phonetic.ts';
import { N_SLOTS, type PreparedList } from './types.ts';

const size2 = (code: string) => Math.min(255, Math.round(codeSize(code) * 2));

/** A Latin spelling seen this often in the lexicon is trusted to name its Arabic form. */
const TRUSTED_COUNT = 5;

class VocabBuilder {
  text: string[] = [];
  key: string[] = [];
  altKeys: string[] = [];
  codes: string[] = [];
  skel: string[] = [];
  /** textHash of skel, for blocking keys. */
  skelHash: number[] = [];
  prior: number[] = [];
  particle: number[] = [];
  size2: number[] = [];
  count: number[] = [];
  placeCount: number[] = [];
  article: number[] = [];
  famCount: number[] = [];
  familySlotCount: number[] = [];
  nameCount: number[] = [];
  private ids = new Map<string, number>();
  private byToken = new Map<NameToken, number>();

  constructor(private readonly lex: Lexicon) {}

  id(t: NameToken): number {
    // Tokens are shared by the records that write a name the same way: remembered by object.
    const seen = this.byToken.get(t);
    if (seen !== undefined) return seen;
    const ident = `${t.script}${t.article ? '@' : ''}${t.text}${t.alt ? `/${t.alt}` : ''}`;
    const known = this.ids.get(ident);
    if (known !== undefined) {
      this.byToken.set(t, known);
      return known;
    }
    const id = this.key.length;
    this.ids.set(ident, id);
    this.byToken.set(t, id);
    this.text.push(t.particle ? t.particle : t.text);
    this.describe(t);
    this.article.push(t.article ? 1 : 0);
    this.famCount.push(0);
    this.familySlotCount.push(0);
    this.nameCount.push(0);
    this.count.push(0);
    this.placeCount.push(0);
    return id;
  }

  private describe(t: NameToken) {
    const lex = this.lex;
    if (t.particle) {
      this.push(t.particle, '', '', t.particle, 0, 1, 0);
      return;
    }
    if (t.script === 'a') {
      const folded = foldArabic(t.text);
      const code = arabicCode(t.text);
      const prior = (lex.arabic.get(folded) ?? 0) / lex.arabicTotal;
      this.push(`a:${folded}`, '', code, blockingSkeleton(code) || `=${folded}`, prior, 0, size2(code));
      return;
    }
    const bare = t.text.replace(/'/g, '');
    const entry = lex.latin.get(bare) ?? (t.alt ? lex.latin.get(t.alt.replace(/'/g, '')) : undefined);
    const own = latinCodes(t.text);
    if (t.alt) for (const c of latinCodes(t.alt)) if (!own.includes(c)) own.push(c);
    if (entry) {
      const formCodes = entry.forms.map((f) => arabicCode(f));
      const total = entry.counts.reduce((s, c) => s + c, 0);
      // A well-attested spelling names its Arabic form; its own sound still counts, at a
      // cost (Taha is طه, but طاها too), so that Said (سعيد) stays apart from سعد.
      const codes = [...formCodes, ...own.map((c) => (total >= TRUSTED_COUNT ? `~${c}` : c))];
      const prior = (lex.arabic.get(entry.forms[0]) ?? 0) / lex.arabicTotal;
      this.push(
        `a:${entry.forms[0]}`,
        entry.forms
          .slice(1)
          .map((f) => `a:${f}`)
          .join('|'),
        codes.join('|'),
        blockingSkeleton(formCodes[0]) || `=${entry.forms[0]}`,
        prior,
        0,
        size2(formCodes[0]),
      );
      return;
    }
    this.push(`l:${bare}`, '', own.join('|'), blockingSkeleton(own[0]) || `=${bare}`, 0, 0, size2(own[0]));
  }

  private push(key: string, alt: string, codes: string, skel: string, prior: number, particle: number, size: number) {
    this.skelHash.push(textHash(skel));
    this.key.push(key);
    this.altKeys.push(alt);
    this.codes.push(codes);
    this.skel.push(skel);
    this.prior.push(prior);
    this.particle.push(particle);
    this.size2.push(size);
  }
}

const MALE = /^(m|male|man|boy|ذكر|ذ|رجل|erkek|мужской|м)$/i;
const FEMALE = /^(f|female|woman|girl|انثى|أنثى|ا|امرأة|kadın|женский|ж)$/i;

function sexOf(v: string | null | undefined): number {
  if (!v) return 0;
  const s = String(v).trim();
  return MALE.test(s) ? 1 : FEMALE.test(s) ? 2 : 0;
}

/** Year, month and day of a birth date in the usual written forms; zeros where unknown. */
export function parseBirth(date: string | null | undefined, year: number | string | null | undefined): [number, number, number] {
  const plausible = (y: number) => y >= 1880 && y <= 2100;
  if (date) {
    const d = asciiDigits(String(date)).trim();
    let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(d);
    if (m && plausible(+m[1]) && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= 31) return [+m[1], +m[2], +m[3]];
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(d);
    if (m && plausible(+m[3])) {
      let day = +m[1];
      let month = +m[2];
      if (month > 12 && day <= 12) [day, month] = [month, day];
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return [+m[3], month, day];
    }
    m = /^(\d{4})(?:[-/.](\d{1,2}))?$/.exec(d);
    if (m && plausible(+m[1])) return [+m[1], m[2] && +m[2] <= 12 ? +m[2] : 0, 0];
  }
  if (year !== null && year !== undefined && year !== '') {
    const y = Number(asciiDigits(String(year)).trim());
    if (Number.isInteger(y) && plausible(y)) return [y, 0, 0];
  }
  return [0, 0, 0];
}

/** Days since 1970-01-01 of a date written YYYY-MM-DD (or D/M/YYYY); 0 when unknown. */
export function dayNumber(v: string | null | undefined): number {
  if (!v) return 0;
  const [y, m, d] = parseBirth(String(v), null);
  if (!y || !m || !d) return 0;
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

function idDigits(v: string | null | undefined): string {
  if (!v) return '';
  const d = asciiDigits(String(v)).replace(/\D/g, '');
  return d.length >= 5 ? d : '';
}

const countUnits = (ts: NameToken[]) => ts.filter((t) => !t.particle || t.particle === '#ABU').length;

export interface RecordView {
  /** given, father, grandfather, family, mother, place of birth, place of detention. */
  slots: NameToken[][];
  /** 0: the record's name parts; 1: its full name, read one way; 2: one of two readings of its full name. */
  reading: 0 | 1 | 2;
  /** Read family name first. */
  familyFirst?: boolean;
}

const slotText = (ts: NameToken[]) => ts.map((t) => t.text).join(' ');
const sameSlots = (a: NameToken[][], b: NameToken[][]) => a.slice(0, 4).every((ts, i) => slotText(ts) === slotText(b[i]));

/**
 * The ways a record names its person: its name parts, and its full name when that says
 * something else (the parts in Arabic, the full name in Latin, or a name the parts lack).
 * A record without parts is its full name parsed.
 */
export function recordViews(r: PersonRecord, known?: (w: string) => boolean, cache?: Map<string, NameToken[]>): RecordView[] {
  // Lists repeat their names: each written form is tokenised once per list.
  const tok = (v: string | null | undefined): NameToken[] => {
    if (!v) return [];
    if (!cache) return tokenizeName(v, known);
    let t = cache.get(v);
    if (!t) cache.set(v, (t = tokenizeName(v, known)));
    return t;
  };
  const given = tok(r.givenName);
  const father = tok(r.fatherName);
  const grandfather = tok(r.grandfatherName);
  const family = tok(r.familyName);
  const mother = tok(r.motherName);
  const place = tok(r.birthPlace);
  const detainedAt = tok(r.detainedAt);
  const full = tok(r.fullName);
  const fromFull = (): RecordView[] => {
    const readings = fullNameReadings(full);
    return readings.map((p, i) => ({
      slots: [p.given, p.father, p.grandfather, p.family, mother, place, detainedAt],
      reading: readings.length > 1 ? 2 : 1,
      familyFirst: i === 1,
    }));
  };
  const hasParts = given.length + father.length + grandfather.length + family.length > 0;
  if (!hasParts) return full.length ? fromFull() : [{ slots: [[], [], [], [], mother, place, detainedAt], reading: 0 }];
  let parts: RecordView = { slots: [given, father, grandfather, family, mother, place, detainedAt], reading: 0 };
  // A whole name typed into the given-name column.
  if (father.length + grandfather.length + family.length === 0 && countUnits(given) >= 3) {
    const p = parseFullName(given);
    parts = { slots: [p.given, p.father, p.grandfather, p.family, mother, place, detainedAt], reading: 1 };
  }
  if (full.length === 0) return [parts];
  const readings = fromFull();
  // The full name is the parts written out: nothing more to read.
  if (readings.some((v) => sameSlots(parts.slots, v.slots))) return [parts];
  return [parts, ...readings];
}

/** The sound of a slot's first name, for lining up two writings of one name. */
function slotCodes(slot: NameToken[], vb: VocabBuilder): string[] {
  const t = slot.find((x) => !x.particle);
  if (!t) return [];
  return vb.codes[vb.id(t)].split('|').map((c) => (c.startsWith('~') ? c.slice(1) : c));
}

function slotDistance(a: NameToken[], b: NameToken[], vb: VocabBuilder): number {
  const ca = slotCodes(a, vb);
  const cb = slotCodes(b, vb);
  if (ca.length === 0 || cb.length === 0) return 1;
  let d = 3;
  for (const x of ca) for (const y of cb) d = Math.min(d, codeDistance(x, y, d));
  return d;
}

/**
 * A record with name parts and a full name read two ways keeps the reading that lines up
 * with its parts (the full name is the same person's name, often in the other script).
 */
function pickReading(views: RecordView[], vb: VocabBuilder): RecordView[] {
  if (views.length !== 3 || views[0].reading !== 0) return views;
  const parts = views[0].slots;
  const cost = (v: RecordView) => slotDistance(parts[0], v.slots[0], vb) + slotDistance(parts[3], v.slots[3], vb);
  const a = cost(views[1]);
  const b = cost(views[2]);
  if (Math.abs(a - b) < 0.5) return views;
  return [views[0], { ...(a < b ? views[1] : views[2]), reading: 1 }];
}

/**
 * Prepares a list for `matchPrepared` / `findDuplicates`. The lexicon (parseLexicon)
 * improves cross-script keys and name frequencies; without it the phonetic code alone
 * carries the matching.
 */
export function prepareList(records: readonly PersonRecord[], lexicon?: Lexicon): PreparedList {
  const lex = lexicon ?? emptyLexicon();
  const known = lex.latin.size > 0 ? (w: string) => lex.latin.has(w.replace(/'/g, '')) : undefined;
  const vb = new VocabBuilder(lex);
  const n = records.length;
  const viewStart = new Int32Array(n + 1);
  const off: number[] = [];
  const tok: number[] = [];
  const sex = new Uint8Array(n);
  const year = new Uint16Array(n);
  const month = new Uint8Array(n);
  const day = new Uint8Array(n);
  const reading: number[] = [];
  const familyFirst: number[] = [];
  const nationalId: string[] = new Array(n);
  const refs: string[] = new Array(n);
  const keyOff = new Int32Array(n + 1);
  const keys: number[] = [];
  const dateCount = new Map<string, number>();
  const yearCount = new Map<number, number>();
  const detainedDay = new Int32Array(n);
  const detainedCount = new Map<number, number>();
  let nameTokens = 0;
  const slotSkel: number[] = new Array(5);
  const recKeys = new Set<number>();
  const tokenCache = new Map<string, NameToken[]>();
  for (let r = 0; r < n; r++) {
    let rec = records[r];
    // A place the gazetteer knows is compared under its Arabic name, whatever the script it was written in.
    if (lex.places && (rec.birthPlace || rec.detainedAt))
      rec = { ...rec, birthPlace: placeInArabic(lex, rec.birthPlace), detainedAt: placeInArabic(lex, rec.detainedAt) };
    refs[r] = String(rec.ref);
    const [y, m, d] = parseBirth(rec.birthDate, rec.birthYear);
    year[r] = y;
    month[r] = m;
    day[r] = d;
    if (y) {
      yearCount.set(y, (yearCount.get(y) ?? 0) + 1);
      if (m && d) {
        const k = `${y}-${m}-${d}`;
        dateCount.set(k, (dateCount.get(k) ?? 0) + 1);
      }
    }
    sex[r] = sexOf(rec.sex);
    detainedDay[r] = dayNumber(rec.detainedOn);
    if (detainedDay[r]) detainedCount.set(detainedDay[r], (detainedCount.get(detainedDay[r]) ?? 0) + 1);
    nationalId[r] = idDigits(rec.nationalId);
    viewStart[r] = reading.length;
    recKeys.clear();
    for (const view of pickReading(recordViews(rec, known, tokenCache), vb)) {
      reading.push(view.reading);
      familyFirst.push(view.familyFirst ? 1 : 0);
      const tokenSkels: number[] = [];
      let placeSkel = 0;
      for (let s = 0; s < N_SLOTS; s++) {
        off.push(tok.length);
        let firstContent = 0;
        let lastContent = 0;
        let particles = 0;
        const slot = view.slots[s];
        for (let q = 0; q < slot.length && q < 8; q++) {
          const t = slot[q];
          const id = vb.id(t);
          tok.push(id);
          if (s < 5) {
            vb.count[id]++;
            if (s === 3) vb.familySlotCount[id]++;
            nameTokens++;
            // How the lists use each name, where the slot is known: family name or not.
            if (view.reading === 0 && s < 4 && !t.particle) {
              if (s === 3) vb.famCount[id]++;
              else vb.nameCount[id]++;
            }
            if (!t.particle) {
              if (!firstContent) firstContent = vb.skelHash[id];
              lastContent = vb.skelHash[id];
              tokenSkels.push(vb.skelHash[id]);
            } else if (t.particle !== '#BIN') particles = Math.imul(particles ^ vb.skelHash[id], 0x01000193) || 1;
          } else {
            vb.placeCount[id]++;
            if (s === 5 && !placeSkel && !t.particle) placeSkel = vb.skelHash[id];
          }
        }
        // A family name's last word is its core (Abu Zeid, Bin Laden, Hajj Ali).
        if (s < 5) slotSkel[s] = (s === 3 ? lastContent : firstContent) || particles;
      }
      recordKeys(
        { slots: slotSkel, place: placeSkel, tokens: tokenSkels, year: y, month: m, day: d, nationalId: nationalId[r], detained: detainedDay[r] },
        recKeys,
      );
    }
    keyOff[r] = keys.length;
    for (const k of recKeys) keys.push(k);
  }
  viewStart[n] = reading.length;
  off.push(tok.length);
  keyOff[n] = keys.length;
  return {
    size: n,
    refs,
    vocab: {
      text: vb.text,
      key: vb.key,
      altKeys: vb.altKeys,
      codes: vb.codes,
      skel: vb.skel,
      prior: Float64Array.from(vb.prior),
      count: Int32Array.from(vb.count),
      familySlotCount: Int32Array.from(vb.familySlotCount),
      placeCount: Int32Array.from(vb.placeCount),
      article: Uint8Array.from(vb.article),
      famCount: Int32Array.from(vb.famCount),
      nameCount: Int32Array.from(vb.nameCount),
      particle: Uint8Array.from(vb.particle),
      size2: Uint8Array.from(vb.size2),
    },
    viewStart,
    off: Int32Array.from(off),
    tok: Int32Array.from(tok),
    nameTokens,
    sex,
    year,
    month,
    day,
    nationalId,
    detainedDay,
    detainedCount,
    reading: Uint8Array.from(reading),
    familyFirst: Uint8Array.from(familyFirst),
    keyOff,
    keys: Uint32Array.from(keys),
    dateCount,
    yearCount,
  };
}
