/**
 * The fields that are not names: sex, birth date, national ID, day of detention. Each
 * comparison writes its outcome, weight (and, explaining, its text) into the shared
 * arrays; birth years, dates and days of detention are weighed by how common they are on
 * the two lists.
 */
import { F_BIRTH, F_DETAINED_ON, F_ID, F_SEX, N_FIELDS, O_AGREE, O_CONFLICT, O_MISSING, O_SIMILAR } from './levels.ts';
import { BIRTH, DETENTION, NATIONAL_ID, SEX, log2 } from './model.ts';
import { TokenSpace } from './token-space.ts';
import { N_SLOTS, type PreparedList } from './types.ts';

// Weights that do not depend on the pair (log2 of the tables in model.ts).
const LG_EXACT_DATE = log2(BIRTH.exactDate.m);
const LG_SAME_YEAR = log2(BIRTH.sameYear.m);
const LG_SWAPPED = log2(BIRTH.swapped.m) - log2(BIRTH.swapped.uPerYear);
const LG_OTHER_DAY = log2(BIRTH.sameYearOtherDay.m) - log2(BIRTH.sameYearOtherDay.uPerYear);
const LG_OFF_SAME_DAY = log2(BIRTH.yearOffSameDay.m) - log2(BIRTH.yearOffSameDay.uPerYear);
const LG_OFF_OTHER_DAY = log2(BIRTH.yearOffOtherDay.m) - log2(BIRTH.yearOffOtherDay.uPerYear);
const LG_YEAR_OFF = log2(BIRTH.yearOff.m) - log2(BIRTH.yearOff.uPerYear);
const LG_NEAR = log2(BIRTH.near.m) - log2(BIRTH.near.uPerYear);
const W_BIRTH_CONFLICT = log2(BIRTH.conflict.m / BIRTH.conflict.u);
const W_SEX_AGREE = log2(SEX.agree.m / SEX.agree.u);
const W_SEX_CONFLICT = log2(SEX.conflict.m / SEX.conflict.u);
const W_ID_NEAR = log2(NATIONAL_ID.near.m / NATIONAL_ID.near.u);
const W_ID_CONFLICT = log2(NATIONAL_ID.conflict.m / NATIONAL_ID.conflict.u);
const LG_SAME_DAY = log2(DETENTION.sameDay.m);
const W_DETAINED_MONTH = log2(DETENTION.withinMonth.m / DETENTION.withinMonth.u);
const W_DETAINED_YEAR = log2(DETENTION.withinYear.m / DETENTION.withinYear.u);
const W_DETAINED_FURTHER = log2(DETENTION.further.m / DETENTION.further.u);

export class FieldComparer extends TokenSpace {
  // Per-pair results, all fields.
  readonly outcome = new Uint8Array(N_FIELDS);
  readonly weight = new Float64Array(N_FIELDS);
  readonly level = new Uint8Array(N_SLOTS);
  detail: string[] | null = null;
  protected readonly lgYear = new Float64Array(2200);
  protected readonly lgDate: Map<string, number> = new Map();
  protected readonly lgDetained: Map<number, number> = new Map();
  protected readonly lgDetainedFloor: number;
  protected readonly yearsKnown: number;

  constructor(sought: PreparedList, held: PreparedList, dedupe: boolean) {
    super(sought, held, dedupe);
    const lists = dedupe ? [sought] : [sought, held];
    // Birth years and dates.
    let known = 0;
    const years = new Map<number, number>();
    const dates = new Map<string, number>();
    for (const l of lists) {
      for (const [y, c] of l.yearCount) years.set(y, (years.get(y) ?? 0) + c);
      for (const [d, c] of l.dateCount) dates.set(d, (dates.get(d) ?? 0) + c);
      for (const c of l.yearCount.values()) known += c;
    }
    this.yearsKnown = Math.max(known, 1);
    // Smoothed as if 60 more records were spread evenly over 60 years (small lists).
    const denom = this.yearsKnown + 60;
    this.lgYear.fill(log2(1 / denom));
    for (const [y, c] of years) if (y < this.lgYear.length) this.lgYear[y] = log2((c + 1) / denom);
    for (const [d, c] of dates) this.lgDate.set(d, log2(Math.max((c + 1 / 365) / denom, 1 / 30000)));
    // Days of detention: how many records share each (smoothed over ~6 years of days).
    const det = new Map<number, number>();
    let detKnown = 0;
    for (const l of lists) {
      for (const [d, c] of l.detainedCount) {
        det.set(d, (det.get(d) ?? 0) + c);
        detKnown += c;
      }
    }
    const detDenom = detKnown + 2000;
    this.lgDetainedFloor = log2(1 / detDenom);
    for (const [d, c] of det) this.lgDetained.set(d, log2((c + 1) / detDenom));
  }

  protected compareRest(ra: number, rb: number, explain: boolean): void {
    this.compareSex(ra, rb, explain);
    this.compareBirth(ra, rb, explain);
    this.compareId(ra, rb, explain);
    this.compareDetainedOn(ra, rb, explain);
  }

  protected compareSex(ra: number, rb: number, explain: boolean): void {
    const x = this.a.list.sex[ra];
    const y = this.b.list.sex[rb];
    if (!x || !y) {
      this.outcome[F_SEX] = O_MISSING;
      this.weight[F_SEX] = 0;
    } else if (x === y) {
      this.outcome[F_SEX] = O_AGREE;
      this.weight[F_SEX] = W_SEX_AGREE;
    } else {
      this.outcome[F_SEX] = O_CONFLICT;
      this.weight[F_SEX] = W_SEX_CONFLICT;
    }
    if (explain) this.detail![F_SEX] = x && y ? `${x === 1 ? 'male' : 'female'} / ${y === 1 ? 'male' : 'female'}` : '';
  }

  protected compareBirth(ra: number, rb: number, explain: boolean): void {
    const A = this.a.list;
    const B = this.b.list;
    const ya = A.year[ra];
    const yb = B.year[rb];
    const f = F_BIRTH;
    if (!ya || !yb) {
      this.outcome[f] = O_MISSING;
      this.weight[f] = 0;
      if (explain) this.detail![f] = '';
      return;
    }
    // 1 January is a common filler for an unknown day: read it as the year alone.
    const fullA = A.month[ra] > 0 && A.day[ra] > 0 && !(A.month[ra] === 1 && A.day[ra] === 1);
    const fullB = B.month[rb] > 0 && B.day[rb] > 0 && !(B.month[rb] === 1 && B.day[rb] === 1);
    const lgYear = this.lgYear[ya];
    const dy = Math.abs(ya - yb);
    const ma = A.month[ra];
    const da = A.day[ra];
    const mb = B.month[rb];
    const db = B.day[rb];
    let w: number;
    let o: number;
    let what: string;
    if (dy === 0) {
      if (fullA && fullB && ma === mb && da === db) {
        const lgDate = this.lgDate.get(`${ya}-${ma}-${da}`) ?? lgYear - log2(365);
        w = LG_EXACT_DATE - lgDate;
        o = O_AGREE;
        what = 'same date';
      } else if (!fullA || !fullB) {
        w = LG_SAME_YEAR - lgYear;
        o = O_AGREE;
        what = 'same year';
      } else if (ma === db && da === mb) {
        w = LG_SWAPPED - lgYear;
        o = O_SIMILAR;
        what = 'day and month swapped';
      } else {
        w = LG_OTHER_DAY - lgYear;
        o = w > 0 ? O_SIMILAR : O_CONFLICT;
        what = 'same year, other day';
      }
    } else if (dy === 1) {
      if (fullA && fullB && ma === mb && da === db) {
        w = LG_OFF_SAME_DAY - lgYear;
        what = 'same day, year off by one';
      } else if (fullA && fullB) {
        w = LG_OFF_OTHER_DAY - lgYear;
        what = 'year off by one, other day';
      } else {
        w = LG_YEAR_OFF - lgYear;
        what = 'year off by one';
      }
      o = w > 0 ? O_SIMILAR : O_CONFLICT;
    } else if (dy <= 3) {
      w = LG_NEAR - lgYear;
      o = w > 0 ? O_SIMILAR : O_CONFLICT;
      what = `${dy} years apart`;
    } else {
      w = W_BIRTH_CONFLICT;
      o = O_CONFLICT;
      what = `${dy} years apart`;
    }
    this.outcome[f] = o;
    this.weight[f] = w;
    if (explain) this.detail![f] = `${dateText(ya, ma, da)} / ${dateText(yb, mb, db)}: ${what}`;
  }

  protected compareDetainedOn(ra: number, rb: number, explain: boolean): void {
    const x = this.a.list.detainedDay[ra];
    const y = this.b.list.detainedDay[rb];
    const f = F_DETAINED_ON;
    if (!x || !y) {
      this.outcome[f] = O_MISSING;
      this.weight[f] = 0;
      if (explain) this.detail![f] = '';
      return;
    }
    const d = x > y ? x - y : y - x;
    let w: number;
    if (d === 0) {
      w = LG_SAME_DAY - (this.lgDetained.get(x) ?? this.lgDetainedFloor);
      if (w > DETENTION.sameDayMax) w = DETENTION.sameDayMax;
      this.outcome[f] = O_AGREE;
    } else if (d <= 31) {
      w = W_DETAINED_MONTH;
      this.outcome[f] = O_SIMILAR;
    } else if (d <= 366) {
      w = W_DETAINED_YEAR;
      this.outcome[f] = w > 0 ? O_SIMILAR : O_CONFLICT;
    } else {
      w = W_DETAINED_FURTHER;
      this.outcome[f] = O_CONFLICT;
    }
    this.weight[f] = w;
    if (explain) this.detail![f] = `${isoDay(x)} / ${isoDay(y)}${d ? `: ${d} days apart` : ''}`;
  }

  protected compareId(ra: number, rb: number, explain: boolean): void {
    const x = this.a.list.nationalId[ra];
    const y = this.b.list.nationalId[rb];
    const f = F_ID;
    if (!x || !y) {
      this.outcome[f] = O_MISSING;
      this.weight[f] = 0;
      if (explain) this.detail![f] = '';
      return;
    }
    if (x === y) {
      this.outcome[f] = O_AGREE;
      this.weight[f] = Math.min(this.lgIdExact, 20);
    } else if (nearId(x, y)) {
      this.outcome[f] = O_SIMILAR;
      this.weight[f] = W_ID_NEAR;
    } else {
      this.outcome[f] = O_CONFLICT;
      this.weight[f] = W_ID_CONFLICT;
    }
    if (explain) this.detail![f] = x === y ? x : `${x} / ${y}`;
  }
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function dateText(y: number, m: number, d: number): string {
  return m && d ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : String(y);
}

/** One digit different, or two adjacent digits swapped, or one digit more or less. */
export function nearId(x: string, y: string): boolean {
  if (x.length === y.length) {
    let diff = 0;
    let first = -1;
    for (let i = 0; i < x.length; i++) {
      if (x[i] !== y[i]) {
        if (diff === 0) first = i;
        diff++;
        if (diff > 2) return false;
      }
    }
    if (diff <= 1) return true;
    return x[first] === y[first + 1] && x[first + 1] === y[first];
  }
  if (Math.abs(x.length - y.length) !== 1) return false;
  const [s, l] = x.length < y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}
