import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import type { Role } from '@truce/core/model/accounts';
import { Rng } from '@truce/synthetic/random';
import { parsePlacesTsv, type PlaceRow } from '@truce/core/geo/index';
import { zoneContains, type ZoneGeometry } from '@truce/core/mechanism/geojson';
import { decide, type Assessment, type Attribution, type Verification } from '@truce/core/incidents/findings';
import type { ReportContent, ReportFlags, TimePrecision, GeoPrecision, SourceKind } from '@truce/core/reports/model';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { record } from '../log/record.ts';
import { GEO_DIR } from '../geo/service.ts';
import { locateAreas } from '../reports/areas.ts';
import { headerColumns, publicFacts } from '../reports/service.ts';
import type { Areas } from '../reports/present.ts';

/**
 * Fictional violation reports for the demo mechanism (C2, C3): about 2,000 reports over
 * January–March 2017 at real populated places from the gazetteer, grouped into
 * incidents, with replies, assessments and findings in every state. Everything is
 * generated from a fixed seed by the one seeded generator (@truce/synthetic/random), so
 * every load has the same data, and every state change is written with its log entry,
 * exactly as the services write it; the rows carry 2017 times, the
 * log entries the time of loading. All people, witnesses and armed groups are invented.
 */
type Db = Kysely<Database>;

export interface DemoParticipants {
  /** Organisation ids by demo key (seed.ts ORGANISATIONS). */
  orgIds: Map<string, string>;
  users: { id: string; orgId: string; role: Role }[];
}

export interface DemoIncidentsSummary {
  reports: number;
  incidents: number;
  entries: number;
}

// ---------------------------------------------------------------------------------------
// The shape of the conflict in early 2017 (fictional groups, real geography)

type Side = 'government' | 'north-dawn' | 'orontes' | 'southern-union';
type Excluded = 'isil' | 'jfs';
const GUARANTORS = ['russia', 'turkey', 'iran'] as const;
type Guarantor = (typeof GUARANTORS)[number];

/** Governorate weights (by adm1 p-code), the opposition groups present and the excluded groups around. */
const GOVERNORATES: Record<string, { weight: number; groups: [Side, number][]; excluded: Excluded | null }> = {
  SY07: { weight: 18, groups: [['north-dawn', 0.7], ['orontes', 0.3]], excluded: 'jfs' }, // Idleb
  SY02: { weight: 16, groups: [['north-dawn', 1]], excluded: 'jfs' }, // Aleppo
  SY05: { weight: 14, groups: [['orontes', 0.7], ['north-dawn', 0.3]], excluded: 'jfs' }, // Hama
  SY03: { weight: 14, groups: [['southern-union', 0.6], ['orontes', 0.4]], excluded: 'jfs' }, // Rural Damascus
  SY12: { weight: 10, groups: [['southern-union', 1]], excluded: 'isil' }, // Dar'a
  SY04: { weight: 9, groups: [['orontes', 1]], excluded: 'isil' }, // Homs
  SY06: { weight: 5, groups: [['north-dawn', 1]], excluded: 'jfs' }, // Lattakia
  SY14: { weight: 3, groups: [['southern-union', 1]], excluded: 'jfs' }, // Quneitra
  SY01: { weight: 2, groups: [['southern-union', 1]], excluded: 'jfs' }, // Damascus
  SY09: { weight: 3, groups: [], excluded: 'isil' }, // Deir-ez-Zor
  SY11: { weight: 1.5, groups: [], excluded: 'isil' }, // Ar-Raqqa
  SY08: { weight: 1, groups: [], excluded: 'isil' }, // Al-Hasakeh
  SY13: { weight: 1, groups: [['southern-union', 1]], excluded: 'isil' }, // As-Sweida
  SY10: { weight: 0.5, groups: [['north-dawn', 1]], excluded: null }, // Tartous
};

/** Reports a week (0 = the week of 1 January): a fragile start, a lull around Astana, a rise in March. */
const WEEK_WEIGHTS = [1.5, 1.7, 1.5, 1.2, 1.0, 0.9, 0.75, 0.8, 1.0, 1.1, 1.35, 1.55, 1.7];

/** Where the fighting concentrated in a given week (Wadi Barada in January, Hama and Jobar in March). */
function governorateBoost(adm1: string, week: number) {
  if (adm1 === 'SY03' && week <= 4) return 2.2;
  if (adm1 === 'SY05' && week >= 11) return 2.0;
  if (adm1 === 'SY01' && week >= 11) return 4;
  if (adm1 === 'SY12' && week >= 6 && week <= 9) return 1.8;
  if (adm1 === 'SY02' && week >= 5 && week <= 8) return 1.4;
  return 1;
}

const TYPES: [string, number][] = [
  ['shelling', 30], ['armed-clash', 24], ['air-strike', 10], ['troop-movement', 6], ['attack-on-civilians', 5],
  ['humanitarian-obstruction', 4], ['base-established', 4], ['territory-taken', 3], ['territory-regained', 3],
  ['explosive-device', 3], ['arrests', 3], ['abduction', 2], ['looting', 2], ['suicide-bomb', 0.6], ['chemical-weapon', 0.3],
];
const NO_CASUALTIES = new Set(['troop-movement', 'base-established', 'humanitarian-obstruction', 'looting', 'territory-taken', 'territory-regained']);

// ---------------------------------------------------------------------------------------
// Words

type Lang = 'ar' | 'en' | 'ru' | 'tr' | 'fa';

const TYPE_WORDS: Record<Lang, Record<string, string>> = {
  ar: {
    shelling: 'قصف مدفعي وصاروخي', 'armed-clash': 'اشتباكات بالأسلحة الخفيفة والمتوسطة', 'air-strike': 'غارة جوية', 'troop-movement': 'تحركات وحشود عسكرية',
    'attack-on-civilians': 'اعتداء على المدنيين', 'humanitarian-obstruction': 'منع دخول قافلة مساعدات', 'base-established': 'إقامة نقطة عسكرية جديدة',
    'territory-taken': 'محاولة تقدم والسيطرة على نقاط', 'territory-regained': 'هجوم لاستعادة مواقع', 'explosive-device': 'انفجار عبوة ناسفة', arrests: 'حملة اعتقالات',
    abduction: 'خطف مدنيين', looting: 'نهب وحرق ممتلكات', 'suicide-bomb': 'تفجير انتحاري', 'chemical-weapon': 'استخدام مواد سامة', 'sexual-violence': 'عنف جنسي',
  },
  en: {
    shelling: 'artillery and mortar shelling', 'armed-clash': 'an exchange of fire', 'air-strike': 'an air strike', 'troop-movement': 'a reinforcement of forces',
    'attack-on-civilians': 'an attack on civilians', 'humanitarian-obstruction': 'an aid convoy denied passage', 'base-established': 'a new fortified position',
    'territory-taken': 'an assault on forward positions', 'territory-regained': 'an attack to retake positions', 'explosive-device': 'an IED explosion', arrests: 'a wave of arrests',
    abduction: 'the abduction of civilians', looting: 'the looting of houses', 'suicide-bomb': 'a vehicle-borne suicide attack', 'chemical-weapon': 'the suspected use of toxic chemicals', 'sexual-violence': 'sexual violence',
  },
  ru: { shelling: 'обстрел', 'armed-clash': 'боестолкновение', 'air-strike': 'авиаудар', 'troop-movement': 'переброска сил', 'base-established': 'оборудование новой позиции' },
  tr: { shelling: 'topçu ve havan atışı', 'armed-clash': 'silahlı çatışma', 'air-strike': 'hava saldırısı', 'attack-on-civilians': 'sivillere saldırı', 'humanitarian-obstruction': 'insani yardım konvoyunun engellenmesi' },
  fa: { shelling: 'گلوله‌باران', 'armed-clash': 'درگیری مسلحانه', 'troop-movement': 'جابه‌جایی نیروها', 'explosive-device': 'انفجار بمب کنار جاده‌ای' },
};
const GENERIC: Record<Lang, string> = { ar: 'خرق لوقف الأعمال العدائية', en: 'a ceasefire violation', ru: 'нарушение режима прекращения огня', tr: 'ateşkes ihlali', fa: 'نقض آتش‌بس' };
const typeWord = (lang: Lang, code: string) => TYPE_WORDS[lang][code] ?? GENERIC[lang];

type Actor = Side | Excluded | 'unknown';
const ACTOR_WORDS: Record<Lang, Record<Actor, string>> = {
  ar: { government: 'قوات النظام', 'north-dawn': 'ألوية الفجر الشمالي', orontes: 'جبهة وادي العاصي', 'southern-union': 'الاتحاد الجنوبي الحر', isil: 'تنظيم داعش', jfs: 'جبهة فتح الشام', unknown: 'جهة مجهولة' },
  en: { government: 'government forces', 'north-dawn': 'the Northern Dawn Brigades', orontes: 'the Orontes Valley Front', 'southern-union': 'the Southern Free Union', isil: 'ISIL', jfs: 'Jabhat Fatah al-Sham', unknown: 'an unidentified party' },
  ru: { government: 'правительственные силы', 'north-dawn': 'Northern Dawn', orontes: 'Orontes Valley Front', 'southern-union': 'Southern Free Union', isil: 'ИГИЛ', jfs: 'Джебхат Фатх аш-Шам', unknown: 'не установлен' },
  tr: { government: 'rejim güçleri', 'north-dawn': 'Kuzey Şafak Tugayları', orontes: 'Asi Vadisi Cephesi', 'southern-union': 'Güney Özgür Birliği', isil: 'DEAŞ', jfs: 'Fetih el-Şam Cephesi', unknown: 'bilinmiyor' },
  fa: { government: 'نیروهای دولتی', 'north-dawn': 'تیپ‌های سپیده شمال', orontes: 'جبهه دره عاصی', 'southern-union': 'اتحاد آزاد جنوب', isil: 'داعش', jfs: 'جبهه فتح الشام', unknown: 'نامشخص' },
};
/** How the government's reports name the groups it accuses. */
const GOV_NAMES_GROUP: Record<string, string> = {
  'north-dawn': 'المجموعات المسلحة التابعة لما يسمى ألوية الفجر الشمالي',
  orontes: 'مجموعات مسلحة من جبهة وادي العاصي',
  'southern-union': 'المجموعات المسلحة المنضوية في الاتحاد الجنوبي الحر',
};

function timeOfDay(lang: Lang, hour: number) {
  const i = hour < 5 ? 0 : hour < 11 ? 1 : hour < 15 ? 2 : hour < 20 ? 3 : 4;
  return {
    ar: ['فجر اليوم', 'صباح اليوم', 'ظهر اليوم', 'مساء اليوم', 'ليلاً'],
    en: ['Before dawn', 'In the morning', 'Around midday', 'In the evening', 'During the night'],
    ru: ['Ночью', 'Утром', 'Днём', 'Вечером', 'Поздно вечером'],
    tr: ['Sabaha karşı', 'Sabah saatlerinde', 'Öğle saatlerinde', 'Akşam saatlerinde', 'Gece saatlerinde'],
    fa: ['سحرگاه', 'صبح', 'ظهر', 'عصر', 'شب'],
  }[lang][i];
}

function casualtyWords(lang: Lang, c: ReportContent['casualties']) {
  const killed = (c.killedCivilian ?? 0) + (c.killedCombatant ?? 0);
  const injured = (c.injuredCivilian ?? 0) + (c.injuredCombatant ?? 0);
  const unknown = c.killedCivilian === null && c.killedCombatant === null && c.injuredCivilian === null && c.injuredCombatant === null;
  if (unknown) return { ar: 'لا توجد معلومات مؤكدة عن الإصابات حتى الآن.', en: 'Casualties not yet confirmed.', ru: 'Данные о потерях уточняются.', tr: 'Kayıplara ilişkin bilgi henüz doğrulanmadı.', fa: 'آمار تلفات هنوز تأیید نشده است.' }[lang];
  if (killed === 0 && injured === 0) return { ar: 'لم تسجل إصابات.', en: 'No casualties reported.', ru: 'Потерь нет.', tr: 'Can kaybı bildirilmedi.', fa: 'تلفاتی گزارش نشد.' }[lang];
  if (killed === 0) return { ar: `أسفر ذلك عن إصابة ${injured} بجروح.`, en: `${injured} injured.`, ru: `Ранены: ${injured}.`, tr: `${injured} kişi yaralandı.`, fa: `${injured} زخمی.` }[lang];
  if (injured === 0) return { ar: `أسفر ذلك عن مقتل ${killed}.`, en: `${killed} killed.`, ru: `Погибли: ${killed}.`, tr: `${killed} kişi hayatını kaybetti.`, fa: `${killed} کشته.` }[lang];
  return {
    ar: `أسفر ذلك عن مقتل ${killed} وإصابة ${injured} بجروح.`,
    en: `${killed} killed and ${injured} injured.`,
    ru: `Погибли: ${killed}, ранены: ${injured}.`,
    tr: `${killed} kişi hayatını kaybetti, ${injured} kişi yaralandı.`,
    fa: `${killed} کشته و ${injured} زخمی.`,
  }[lang];
}

interface Words {
  lang: Lang;
  place: string;
  governorate: string;
  hour: number;
  type: string;
  accused: Actor;
  reporter: string;
  cas: string;
}

const TEMPLATES: Record<Lang, ((w: Words) => string)[]> = {
  ar: [
    (w) => `${timeOfDay('ar', w.hour)} ${typeWord('ar', w.type)} من قبل ${w.reporter === 'government' && w.accused in GOV_NAMES_GROUP ? GOV_NAMES_GROUP[w.accused] : ACTOR_WORDS.ar[w.accused]} على ${w.place} في ريف ${w.governorate}. ${w.cas}`,
    (w) => `خرق جديد للهدنة: ${typeWord('ar', w.type)} استهدف ${w.place} (${w.governorate}). الجهة المسؤولة: ${ACTOR_WORDS.ar[w.accused]}. ${w.cas}`,
    (w) => `رصد مراصدنا ${typeWord('ar', w.type)} في محيط ${w.place} ${timeOfDay('ar', w.hour)}، مصدره مواقع ${ACTOR_WORDS.ar[w.accused]}. ${w.cas}`,
    (w) => `حمّل مراسلونا ${ACTOR_WORDS.ar[w.accused]} مسؤولية ${typeWord('ar', w.type)} في ${w.place} رغم سريان وقف إطلاق النار. ${w.cas} نطالب الدول الضامنة بالتحقق.`,
  ],
  en: [
    (w) => `${timeOfDay('en', w.hour)}, ${typeWord('en', w.type)} was reported at ${w.place} (${w.governorate}), attributed to ${ACTOR_WORDS.en[w.accused]}. ${w.cas}`,
    (w) => `Our monitoring centre recorded ${typeWord('en', w.type)} near ${w.place}, ${w.governorate}. Alleged perpetrator: ${ACTOR_WORDS.en[w.accused]}. ${w.cas}`,
    (w) => `Local sources in ${w.place} describe ${typeWord('en', w.type)} ${timeOfDay('en', w.hour).toLowerCase()}; they blame ${ACTOR_WORDS.en[w.accused]}. ${w.cas}`,
  ],
  ru: [
    (w) => `${timeOfDay('ru', w.hour)} в районе н.п. ${w.place} (провинция ${w.governorate}) зафиксировано нарушение: ${typeWord('ru', w.type)}. Предполагаемый нарушитель: ${ACTOR_WORDS.ru[w.accused]}. ${w.cas}`,
    (w) => `Российская часть комиссии по нарушениям сообщает: ${typeWord('ru', w.type)}, н.п. ${w.place}, провинция ${w.governorate}. Сторона: ${ACTOR_WORDS.ru[w.accused]}. ${w.cas}`,
  ],
  tr: [
    (w) => `${timeOfDay('tr', w.hour)} ${w.place} (${w.governorate}) bölgesinde ${typeWord('tr', w.type)} tespit edildi. Sorumlu tutulan taraf: ${ACTOR_WORDS.tr[w.accused]}. ${w.cas}`,
    (w) => `${w.governorate} ilinin ${w.place} yerleşiminde ${typeWord('tr', w.type)} yaşandığı bildirildi; ${ACTOR_WORDS.tr[w.accused]} sorumlu tutuluyor. ${w.cas}`,
  ],
  fa: [
    (w) => `${typeWord('fa', w.type)} در ${w.place} (استان ${w.governorate}) ${timeOfDay('fa', w.hour)} گزارش شد. طرف متهم: ${ACTOR_WORDS.fa[w.accused]}. ${w.cas}`,
    (w) => `بر اساس گزارش ناظران، ${typeWord('fa', w.type)} در حوالی ${w.place} رخ داد. مسئول احتمالی: ${ACTOR_WORDS.fa[w.accused]}. ${w.cas}`,
  ],
};

const SOURCES_AR: [SourceKind, string][] = [
  ['own-observation', 'نقطة رصد متقدمة تابعة لنا، رصد بصري وسمعي'],
  ['witness', 'شاهد عيان من سكان الحي، رجل في الخمسينات يعمل في فرن (الاسم محفوظ لدى المكتب)'],
  ['witness', 'سائق صهريج مياه كان يمر على الطريق الرئيسي وقت الحادث'],
  ['victim', 'أحد المصابين، تحدث من النقطة الطبية في اليوم التالي'],
  ['official', 'المجلس المحلي للبلدة، بيان مكتوب'],
  ['media', 'مقطع مصور نشر على قناة محلية في تطبيق مراسلة، تم التحقق من الموقع'],
  ['witness', 'ممرضة في المشفى الميداني، عبر الهاتف'],
  ['other', 'مختار القرية، رسالة صوتية'],
];
const SOURCES_EN: [SourceKind, string][] = [
  ['own-observation', 'Observation post No. 4 (fictional), visual and acoustic observation'],
  ['witness', 'A schoolteacher living near the market, by phone (name held by the guarantor)'],
  ['witness', 'A farmer working in nearby fields, interviewed the same day'],
  ['official', 'Liaison officer of the reporting side, written note'],
  ['media', 'Video posted on a local messaging channel; location matched by our analysts'],
  ['victim', 'An injured man treated at the local clinic, interviewed the next day'],
  ['other', 'Drone imagery from the monitoring centre (description only)'],
];

const REPLIES = [
  'ننفي هذه الادعاءات جملة وتفصيلاً. لم تقم وحداتنا بأي عمليات في المنطقة المذكورة في التاريخ المحدد.',
  'ما جرى كان رداً على مصادر النيران بعد استهداف نقاطنا بقذائف الهاون، وهو حق مشروع في الدفاع عن النفس.',
  'المنطقة المذكورة تخضع لسيطرة جبهة فتح الشام، وهي خارج اتفاق وقف الأعمال العدائية، ولا علاقة لقواتنا بالحادث.',
  'نحقق في الحادثة، وسنزوّد الدول الضامنة بما يتوفر لدينا من معلومات خلال أيام.',
  'الصور المرفقة بالبلاغ قديمة وتعود إلى عام 2016، ونطلب استبعادها.',
  'نؤكد التزامنا بالاتفاق. لم تشهد المنطقة سوى تحركات دفاعية ضمن خطوط التماس المتفق عليها.',
];

const REASONING: Record<Verification, string[]> = {
  corroborated: [
    'Two independent sources and the reporting side’s own account agree on time, place and weapon.',
    'Impact marks and witness statements collected by our liaison officers are consistent with the report.',
    'The accused side did not reply; the account of the affected side is consistent with our own observation.',
  ],
  'not-corroborated': [
    'No independent source confirms the event; the only source is the reporting side.',
    'Our observation post in the area recorded no fire at the time given.',
    'The accounts of the two sides contradict each other and no third source was found.',
  ],
  'outside-agreement': [
    'The fighting involved a group excluded from the ceasefire; it falls outside the agreement.',
    'The action took place against a designated group, which the agreement does not protect.',
  ],
  inadmissible: [
    'The report duplicates an earlier report of the same event.',
    'The report gives no verifiable place or time; it cannot be assessed.',
    'The evidence offered predates the ceasefire.',
  ],
};

const REOPEN_REASONS = [
  'New video evidence submitted by the affected side after the finding.',
  'The accused party produced a log of its positions contradicting the time of the event.',
  'A guarantor asked to review the finding after an on-site visit.',
];

// ---------------------------------------------------------------------------------------
// Generation (in memory), then writing in time order

interface Draft {
  id: string;
  reporter: Side | Guarantor;
  userId: string;
  createdAt: Date;
  content: ReportContent;
  areas: Areas;
  flags: ReportFlags;
  correction?: { at: Date; content: ReportContent; note: string; userId: string };
  withdrawal?: { at: Date; reason: string; userId: string };
}

interface Action {
  at: number;
  seq: number;
  run: (tx: Db) => Promise<void>;
}

const START = Date.UTC(2017, 0, 1);
const DAYS = 90; // 1 January – 31 March 2017
const HOUR = 3_600_000;

export async function loadDemoIncidents(ctx: AppContext, participants: DemoParticipants, count: number): Promise<DemoIncidentsSummary> {
  if (count <= 0) return { reports: 0, incidents: 0, entries: 0 };
  const rng = new Rng(20170101);
  const org = (key: string) => participants.orgIds.get(key)!;
  const userOf = (key: string, role: Role = 'officer') => participants.users.find((u) => u.orgId === org(key) && u.role === role)!.id;
  const reporterUser = (key: string) => userOf(key, rng.chance(0.25) ? 'admin' : 'officer');

  const [groups, zones, agreements, mechanism] = await Promise.all([
    ctx.db.selectFrom('excluded_groups').select(['id', 'name']).execute(),
    ctx.db.selectFrom('zones').select('geometry').execute(),
    ctx.db.selectFrom('agreements').select(['effective_from', 'effective_to']).execute(),
    ctx.db.selectFrom('mechanism').select(['reply_deadline_hours', 'decision_rule']).executeTakeFirstOrThrow(),
  ]);
  const excludedId: Record<Excluded, string> = {
    isil: groups.find((g) => g.name.startsWith('Islamic State'))!.id,
    jfs: groups.find((g) => g.name.startsWith('Jabhat'))!.id,
  };
  const zoneGeometries = zones.map((z) => z.geometry as ZoneGeometry);
  const guarantorIds = GUARANTORS.map(org);

  const places = parsePlacesTsv(fs.readFileSync(path.join(GEO_DIR, 'syr_populated_places.tsv'), 'utf8'));
  const byAdm1 = new Map<string, [PlaceRow, number][]>();
  for (const p of places) {
    const w = p.capital_level === 1 ? 12 : p.capital_level === 2 ? 6 : p.capital_level === 3 ? 3 : 1;
    byAdm1.set(p.adm1_pcode, [...(byAdm1.get(p.adm1_pcode) ?? []), [p, w]]);
  }
  const governorates = Object.keys(GOVERNORATES).filter((g) => byAdm1.has(g));
  const weekDays = Array.from({ length: DAYS }, (_, d) => [d, WEEK_WEIGHTS[Math.floor(d / 7)]] as const);

  // --- reports, event by event
  const drafts: Draft[] = [];
  const events: { reports: Draft[]; day: number; accused: Actor[]; excluded: boolean; unknown: boolean }[] = [];
  while (drafts.length < count) {
    const day = rng.weighted(weekDays);
    const week = Math.floor(day / 7);
    const adm1 = rng.weighted(governorates.map((g) => [g, GOVERNORATES[g].weight * governorateBoost(g, week)] as const));
    const g = GOVERNORATES[adm1];
    const place = rng.weighted(byAdm1.get(adm1)!);
    let type = rng.weighted(TYPES);
    const at = new Date(START + day * 24 * HOUR + rng.range(0, 23) * HOUR + rng.range(0, 59) * 60_000);

    // Who fights whom, and who says what.
    const group: Side | null = g.groups.length > 0 ? rng.weighted(g.groups) : null;
    const excluded = group === null || (g.excluded !== null && rng.chance(0.08));
    const unknownPerp = !excluded && rng.chance(0.05);
    let claims: { reporter: Side | Guarantor; accused: Actor; affected: Side | 'civilians' | 'unknown' }[];
    const friend = (side: Side): Guarantor => (side === 'government' ? (rng.chance(0.7) ? 'russia' : 'iran') : 'turkey');
    if (excluded) {
      const ex = g.excluded ?? 'isil';
      const reporter: Side | Guarantor = group && rng.chance(0.3) ? group : rng.weighted([['government', 6], ['russia', 3], ['iran', 1]] as const);
      const victim: Side = reporter === group ? group : 'government';
      claims = [{ reporter, accused: ex, affected: rng.chance(0.5) ? victim : 'civilians' }];
      claims.push({ reporter: reporter === 'russia' ? 'government' : 'russia', accused: ex, affected: 'civilians' });
      if (type === 'air-strike') type = 'shelling';
    } else {
      const other: Side = group!;
      const aggressor: Side = type === 'air-strike' ? 'government' : rng.chance(0.55) ? 'government' : other;
      const victim: Side = aggressor === 'government' ? other : 'government';
      const accused: Actor = unknownPerp ? 'unknown' : aggressor;
      const first: Side | Guarantor = rng.chance(0.75) ? victim : friend(victim);
      claims = [{ reporter: first, accused, affected: rng.weighted([[victim, 4], ['civilians', 5], ['unknown', 1]] as const) }];
      if (!unknownPerp && type !== 'air-strike' && rng.chance(0.5)) {
        // The other side tells it the other way round.
        claims.push({ reporter: aggressor, accused: victim, affected: aggressor });
      } else {
        claims.push({ reporter: first === victim ? friend(victim) : victim, accused, affected: rng.chance(0.6) ? 'civilians' : victim });
      }
      const used = new Set(claims.map((c) => c.reporter));
      const third = GUARANTORS.find((x) => !used.has(x) && (x !== 'turkey' || victim !== 'government'));
      if (third) claims.push({ reporter: third, accused, affected: 'civilians' });
    }
    const n = Math.min(claims.length, rng.weighted([[1, 50], [2, 35], [3, 15]] as const), count - drafts.length);
    const event: (typeof events)[number] = { reports: [], day, accused: [], excluded, unknown: unknownPerp };
    for (const claim of claims.slice(0, n)) {
      const d = await draftReport(claim, { at, place, type, partner: event.reports.length > 0 });
      event.reports.push(d);
      drafts.push(d);
    }
    event.accused = [...new Set(claims.slice(0, n).map((c) => c.accused))];
    events.push(event);
  }

  async function draftReport(
    claim: { reporter: Side | Guarantor; accused: Actor; affected: Side | 'civilians' | 'unknown' },
    e: { at: Date; place: PlaceRow; type: string; partner: boolean },
  ): Promise<Draft> {
    const reporter = claim.reporter;
    const isParty = !(GUARANTORS as readonly string[]).includes(reporter);
    const lang: Lang = isParty ? 'ar' : rng.chance(0.3) ? 'en' : ({ russia: 'ru', turkey: 'tr', iran: 'fa' } as const)[reporter as Guarantor];
    const occurred = new Date(e.at.getTime() + (e.partner ? rng.range(-90, 90) * 60_000 : 0));
    const timePrecision: TimePrecision = rng.weighted([['hour', 50], ['exact', 18], ['day', 17], ['approximate', 15]] as const);
    const shown = new Date(occurred);
    if (timePrecision === 'hour' || timePrecision === 'approximate') shown.setUTCMinutes(0, 0, 0);
    if (timePrecision === 'day') shown.setUTCHours(12, 0, 0, 0);
    if (timePrecision === 'exact') shown.setUTCSeconds(0, 0);
    const geoPrecision: GeoPrecision = rng.weighted([['place', 70], ['exact', 18], ['district', 12]] as const);
    const jitter = geoPrecision === 'exact' ? 0.006 : 0.003;
    let lat = Math.round((e.place.lat + (rng.next() - 0.5) * jitter) * 1e5) / 1e5;
    let lon = Math.round((e.place.lon + (rng.next() - 0.5) * jitter) * 1e5) / 1e5;
    let areas = await locateAreas(lon, lat);
    if (!areas.adm1) {
      // Jittered across the border: keep the place's own point.
      [lat, lon] = [e.place.lat, e.place.lon];
      areas = await locateAreas(lon, lat);
    }
    const location =
      geoPrecision === 'district'
        ? { lat, lon, geoPrecision, pcode: e.place.adm2_pcode, placeName: lang === 'ar' ? e.place.adm2_ar : e.place.adm2_en }
        : { lat, lon, geoPrecision, pcode: e.place.pcode, placeName: lang === 'ar' ? e.place.name_ar : e.place.name_en };
    const quiet = NO_CASUALTIES.has(e.type);
    const cnt = (mean: number, unknownP: number) => (rng.chance(unknownP) ? null : quiet ? 0 : rng.count(mean));
    const casualties = { killedCivilian: cnt(0.5, 0.35), killedCombatant: cnt(0.4, 0.5), injuredCivilian: cnt(1.3, 0.3), injuredCombatant: cnt(0.6, 0.5) };
    const accused = claim.accused;
    const allegedPerpetrator: ReportContent['allegedPerpetrator'] =
      accused === 'unknown' ? { kind: 'unknown' } : accused === 'isil' || accused === 'jfs' ? { kind: 'excluded', groupId: excludedId[accused] } : { kind: 'party', organisationId: org(accused) };
    const affectedSide: ReportContent['affectedSide'] =
      claim.affected === 'civilians' || claim.affected === 'unknown' ? { kind: claim.affected } : { kind: 'party', organisationId: org(claim.affected) };
    const words: Words = {
      lang,
      place: lang === 'ar' ? e.place.name_ar : e.place.name_en,
      governorate: lang === 'ar' ? e.place.adm1_ar : e.place.adm1_en,
      hour: occurred.getUTCHours() + 2, // Damascus time, roughly
      type: e.type,
      accused,
      reporter,
      cas: casualtyWords(lang, casualties),
    };
    const pool = lang === 'ar' ? SOURCES_AR : SOURCES_EN;
    const sources = Array.from({ length: rng.weighted([[0, 1], [1, 5], [2, 3]] as const) }, () => {
      const [kind, detail] = rng.pick(pool);
      return { kind, detail };
    });
    const content: ReportContent = {
      occurredAt: shown.toISOString(),
      timePrecision,
      location,
      sealLocation: rng.chance(0.1),
      typeCode: e.type,
      allegedPerpetrator,
      affectedSide,
      casualties,
      description: rng.pick(TEMPLATES[lang])(words).trim(),
      language: lang,
      sources,
      evidence: [],
    };
    const day = content.occurredAt.slice(0, 10);
    const flags: ReportFlags = {
      outsideZones: zoneGeometries.length > 0 && !zoneGeometries.some((z) => zoneContains(z, lon, lat)),
      outsideDates: !agreements.some((a) => a.effective_from <= day && (a.effective_to === null || day <= a.effective_to)),
    };
    const createdAt = new Date(occurred.getTime() + (timePrecision === 'approximate' ? rng.range(20, 72) : rng.range(1, 18)) * HOUR + rng.range(0, 59) * 60_000);
    const userId = reporterUser(reporter);
    const draft: Draft = { id: uuidv7(), reporter, userId, createdAt, content, areas, flags };
    if (rng.chance(0.04) && !quiet && casualties.injuredCivilian !== null) {
      const corrected = { ...casualties, injuredCivilian: casualties.injuredCivilian + rng.range(1, 4), killedCivilian: casualties.killedCivilian ?? rng.range(0, 1) };
      const note = lang === 'ar' ? 'تحديث حصيلة الضحايا بعد وصول معلومات من النقطة الطبية.' : 'Casualty figures updated after verification.';
      draft.correction = {
        at: new Date(createdAt.getTime() + rng.range(6, 60) * HOUR),
        content: { ...content, casualties: corrected, description: rng.pick(TEMPLATES[lang])({ ...words, cas: casualtyWords(lang, corrected) }).trim() },
        note,
        userId,
      };
    } else if (rng.chance(0.015)) {
      draft.withdrawal = {
        at: new Date(createdAt.getTime() + rng.range(3, 96) * HOUR),
        reason: lang === 'ar' ? rng.pick(['تبين أن البلاغ مكرر لبلاغ سابق.', 'أُرسل البلاغ بالخطأ قبل التحقق من المعلومات.']) : 'Duplicate of an earlier report.',
        userId,
      };
    }
    return draft;
  }

  // --- incidents
  const actions: Action[] = [];
  let seq = 0;
  const push = (at: Date, run: Action['run']) => actions.push({ at: at.getTime(), seq: seq++, run });
  for (const d of drafts) {
    push(d.createdAt, (tx) => writeReport(tx, d));
    if (d.correction) push(d.correction.at, (tx) => writeCorrection(tx, d));
    if (d.withdrawal) push(d.withdrawal.at, (tx) => writeWithdrawal(tx, d));
  }

  interface Plan {
    id: string;
    reports: Draft[];
    createdAt: Date;
    deadline: Date;
    accusedParties: string[];
    event: (typeof events)[number];
  }
  const plans: Plan[] = [];
  const secretariatUser = userOf('secretariat');
  for (const event of events) {
    // Awaiting grouping: more of them in late March, when the secretariat is behind.
    const pAwaiting = event.day < 31 ? 0.03 : event.day < 59 ? 0.06 : event.day < 80 ? 0.12 : 0.35;
    if (rng.chance(pAwaiting)) continue;
    const members = event.reports.length === 3 && rng.chance(0.1) ? event.reports.slice(0, 2) : event.reports;
    const createdAt = new Date(Math.max(...members.map((r) => r.createdAt.getTime())) + rng.range(4, 48) * HOUR);
    const accusedParties = [...new Set(members.map((r) => (r.content.allegedPerpetrator.kind === 'party' ? r.content.allegedPerpetrator.organisationId : null)).filter((x): x is string => x !== null))];
    plans.push({ id: uuidv7(), reports: members, createdAt, deadline: new Date(createdAt.getTime() + mechanism.reply_deadline_hours * HOUR), accusedParties, event });
  }
  // A handful of the latest incidents still wait for the accused party's reply.
  const byCreation = [...plans].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const open = new Set(byCreation.filter((p) => p.accusedParties.length > 0).slice(0, Math.max(2, Math.round(plans.length / 150))).map((p) => p.id));
  const now = Date.now();

  // Every state at least once, then at random (recent incidents are more often still pending).
  const forced = ['corroborated', 'not-corroborated', 'outside-agreement', 'inadmissible', 'disagreement', 'partial', 'none', 'reopened', 'reopened'] as const;
  let forcedAt = 0;
  const candidates = plans.filter((p) => !open.has(p.id));
  const order = candidates.map((p) => [p, rng.next()] as const).sort((a, b) => a[1] - b[1]).map(([p]) => p);
  const modeOf = new Map<string, string>();
  for (const p of order) {
    let mode: string;
    if (forcedAt < forced.length) mode = forced[forcedAt++];
    else {
      const recent = p.event.day >= 75;
      mode = rng.weighted([['none', recent ? 0.55 : 0.18], ['partial', 0.1], ['adopted', 0.52], ['disagreement', 0.15], ['reopened', 0.025]] as const);
      if (mode === 'adopted') mode = naturalVerdict(p);
    }
    modeOf.set(p.id, mode);
  }

  function naturalVerdict(p: Plan): Verification {
    if (p.event.excluded) return rng.chance(0.8) ? 'outside-agreement' : 'corroborated';
    if (p.reports.every((r) => r.withdrawal)) return 'inadmissible';
    return rng.weighted([['corroborated', 0.55], ['not-corroborated', 0.2], ['outside-agreement', 0.08], ['inadmissible', 0.12]] as const);
  }

  function attributionFor(p: Plan): Attribution {
    const r = rng.next();
    if (p.accusedParties.length === 0 || r < 0.15) return { kind: 'undetermined' };
    if (r < 0.25) {
      const others = ['government', 'north-dawn', 'orontes', 'southern-union'].map(org).filter((o) => !p.accusedParties.includes(o));
      return { kind: 'other-party', organisationId: rng.pick(others) };
    }
    return { kind: 'alleged' };
  }

  for (const p of plans) {
    const isOpen = open.has(p.id);
    if (isOpen) p.deadline = new Date(now + rng.range(6, 66) * HOUR);
    const groupedBy = rng.chance(0.7) ? secretariatUser : userOf(rng.pick(GUARANTORS));
    push(p.createdAt, (tx) => writeIncident(tx, p.id, p.reports.map((r) => r.id), p.createdAt, p.deadline, groupedBy));
    if (!isOpen) {
      for (const party of p.accusedParties) {
        if (!rng.chance(0.45)) continue;
        const at = new Date(p.createdAt.getTime() + rng.range(3, mechanism.reply_deadline_hours - 2) * HOUR);
        const key = [...participants.orgIds.entries()].find(([, v]) => v === party)![0];
        const text = rng.pick(REPLIES);
        const userId = userOf(key);
        push(at, (tx) => writeReply(tx, p.id, party, text, userId, at));
      }
    }
    const mode = modeOf.get(p.id);
    if (!mode || mode === 'none') continue;
    let t = p.deadline.getTime() + rng.range(2, 48) * HOUR;
    const assessments: { round: number; guarantor: Guarantor; verification: Verification; attribution: Attribution; at: Date }[] = [];
    const addRound = (round: number, verdicts: [Guarantor, Verification, Attribution][]) => {
      for (const [guarantor, verification, attribution] of verdicts) {
        t += rng.range(3, 120) * HOUR;
        assessments.push({ round, guarantor, verification, attribution, at: new Date(t) });
      }
    };
    const shuffled = [...GUARANTORS].map((x) => [x, rng.next()] as const).sort((a, b) => a[1] - b[1]).map(([x]) => x);
    if (mode === 'partial') {
      const v = naturalVerdict(p);
      const a = attributionFor(p);
      addRound(1, shuffled.slice(0, rng.range(1, 2)).map((g) => [g, v, a]));
    } else if (mode === 'disagreement') {
      // Typically the guarantors close to the accused see it differently.
      const v = p.event.excluded ? 'outside-agreement' : 'corroborated';
      const a = attributionFor(p);
      const dissent: Verification = v === 'corroborated' ? rng.pick(['not-corroborated', 'inadmissible'] as const) : 'corroborated';
      const govAccused = p.accusedParties.includes(org('government'));
      const dissenter: Guarantor = govAccused ? rng.pick(['russia', 'iran'] as const) : 'turkey';
      const verdicts: [Guarantor, Verification, Attribution][] = shuffled.map((g) => (g === dissenter ? [g, dissent, { kind: 'undetermined' }] : [g, v, a]));
      addRound(1, rng.chance(0.3) ? verdicts.filter((x) => x[0] === dissenter || x[0] === shuffled.find((g) => g !== dissenter)) : verdicts);
    } else if (mode === 'reopened') {
      const v = naturalVerdict(p);
      const a = attributionFor(p);
      addRound(1, shuffled.map((g) => [g, v, a]));
      // Reopened some days after the finding; round 2 may already be decided, or not yet.
      const reopenAt = new Date(t + rng.range(3, 15) * 24 * HOUR);
      const reason = rng.pick(REOPEN_REASONS);
      const reopenUser = userOf('secretariat', 'admin');
      push(reopenAt, (tx) => writeReopen(tx, p.id, reason, reopenUser, reopenAt));
      t = reopenAt.getTime();
      const v2: Verification = v === 'corroborated' ? 'not-corroborated' : 'corroborated';
      const a2 = attributionFor(p);
      addRound(2, shuffled.slice(0, rng.range(0, 3)).map((g) => [g, v2, a2]));
    } else {
      const v = mode as Verification;
      const a = attributionFor(p);
      addRound(1, shuffled.map((g) => [g, v, a]));
    }
    // Adopt findings exactly as assess() does: after each assessment, apply the rule.
    const adopted = new Set<number>();
    for (const [i, a] of assessments.entries()) {
      const inRound = assessments.slice(0, i + 1).filter((x) => x.round === a.round);
      const decision = decide(
        mechanism.decision_rule as 'consensus' | 'majority',
        guarantorIds,
        inRound.map((x) => ({ guarantorId: org(x.guarantor), verification: x.verification, attribution: x.attribution }) satisfies Assessment),
      );
      const adopt = !adopted.has(a.round) && decision.status === 'adopted' ? decision : null;
      if (adopt) adopted.add(a.round);
      const userId = userOf(a.guarantor);
      const reasoning = rng.pick(REASONING[a.verification]);
      push(a.at, (tx) => writeAssessment(tx, p.id, a.round, org(a.guarantor), userId, a.verification, a.attribution, reasoning, a.at, adopt));
    }
  }

  // --- write, in time order, in transactions of a few hundred changes
  actions.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const before = await ctx.db.selectFrom('log_head').select('size').executeTakeFirstOrThrow();
  const CHUNK = 400;
  for (let i = 0; i < actions.length; i += CHUNK) {
    await ctx.db.transaction().execute(async (tx) => {
      for (const a of actions.slice(i, i + CHUNK)) await a.run(tx);
    });
    await ctx.sequencer.flush();
  }
  const after = await ctx.db.selectFrom('log_head').select('size').executeTakeFirstOrThrow();
  return { reports: drafts.length, incidents: plans.length, entries: after.size - before.size };

  // --- writers: the same rows and log entries as the services

  async function writeReport(tx: Db, d: Draft) {
    const reporterOrg = org(d.reporter);
    await tx
      .insertInto('reports')
      .values({ id: d.id, reporter_org: reporterOrg, reporter_user: d.userId, created_at: d.createdAt, current_version: 1, ...headerColumns(d.content, d.flags, d.areas) })
      .execute();
    await tx
      .insertInto('report_versions')
      .values({ report_id: d.id, version: 1, content: JSON.stringify(d.content), areas: JSON.stringify(d.areas), change_note: '', created_by: d.userId, created_at: d.createdAt })
      .execute();
    await record(tx, { type: 'report.filed', actor: { organisation: reporterOrg, user: d.userId }, subject: { report: d.id }, data: publicFacts(d.content, d.flags, d.areas, 1), sealed: { content: d.content } });
  }

  async function writeCorrection(tx: Db, d: Draft) {
    const c = d.correction!;
    await tx
      .insertInto('report_versions')
      .values({ report_id: d.id, version: 2, content: JSON.stringify(c.content), areas: JSON.stringify(d.areas), change_note: c.note, created_by: c.userId, created_at: c.at })
      .execute();
    await tx.updateTable('reports').set({ current_version: 2, ...headerColumns(c.content, d.flags, d.areas) }).where('id', '=', d.id).execute();
    await record(tx, {
      type: 'report.corrected',
      actor: { organisation: org(d.reporter), user: c.userId },
      subject: { report: d.id },
      data: publicFacts(c.content, d.flags, d.areas, 2),
      sealed: { content: c.content, changeNote: c.note },
    });
  }

  async function writeWithdrawal(tx: Db, d: Draft) {
    const w = d.withdrawal!;
    await tx.updateTable('reports').set({ withdrawn_at: w.at, withdrawn_by: w.userId, withdrawn_reason: w.reason }).where('id', '=', d.id).execute();
    await record(tx, { type: 'report.withdrawn', actor: { organisation: org(d.reporter), user: w.userId }, subject: { report: d.id }, sealed: { reason: w.reason } });
  }

  async function orgOfUser(tx: Db, userId: string) {
    return participants.users.find((u) => u.id === userId)!.orgId;
  }

  async function writeIncident(tx: Db, id: string, reportIds: string[], at: Date, deadline: Date, userId: string) {
    await tx.insertInto('incidents').values({ id, created_at: at, created_by: userId, reply_deadline: deadline, round: 1, merged_into: null, version: 1 }).execute();
    await tx
      .insertInto('incident_reports')
      .values(reportIds.map((reportId) => ({ incident_id: id, report_id: reportId, added_at: at, added_by: userId })))
      .execute();
    await record(tx, { type: 'incident.created', actor: { organisation: await orgOfUser(tx, userId), user: userId }, subject: { incident: id }, data: { reports: reportIds, replyDeadlineHours: mechanism.reply_deadline_hours } });
  }

  async function writeReply(tx: Db, incidentId: string, party: string, text: string, userId: string, at: Date) {
    const replyId = uuidv7();
    await tx.insertInto('incident_replies').values({ id: replyId, incident_id: incidentId, party_id: party, text, evidence: JSON.stringify([]), created_by: userId, created_at: at }).execute();
    await record(tx, { type: 'incident.replied', actor: { organisation: party, user: userId }, subject: { incident: incidentId, reply: replyId }, data: { evidence: [] }, sealed: { text } });
  }

  async function writeAssessment(
    tx: Db, incidentId: string, round: number, guarantorId: string, userId: string, verification: Verification, attribution: Attribution, reasoning: string, at: Date,
    adopt: { finding: unknown; basis: string[] } | null,
  ) {
    const assessmentId = uuidv7();
    const actor = { organisation: guarantorId, user: userId };
    await tx
      .insertInto('incident_assessments')
      .values({ id: assessmentId, incident_id: incidentId, round, guarantor_id: guarantorId, verification, attribution: JSON.stringify(attribution), reasoning, created_by: userId, created_at: at })
      .execute();
    await record(tx, { type: 'incident.assessed', actor, subject: { incident: incidentId, assessment: assessmentId }, data: { round, verification, attribution }, sealed: { reasoning } });
    if (adopt) {
      await tx.insertInto('incident_findings').values({ incident_id: incidentId, round, finding: JSON.stringify(adopt.finding), basis: JSON.stringify(adopt.basis), adopted_at: at }).execute();
      await record(tx, { type: 'finding.adopted', actor, subject: { incident: incidentId }, data: { round, rule: mechanism.decision_rule, finding: adopt.finding, basis: adopt.basis } });
    }
  }

  async function writeReopen(tx: Db, incidentId: string, reason: string, userId: string, at: Date) {
    await tx.updateTable('incident_findings').set({ reopened_at: at, reopened_by: userId, reopen_reason: reason }).where('incident_id', '=', incidentId).where('round', '=', 1).execute();
    await tx.updateTable('incidents').set({ round: 2, version: 2 }).where('id', '=', incidentId).execute();
    await record(tx, { type: 'finding.reopened', actor: { organisation: await orgOfUser(tx, userId), user: userId }, subject: { incident: incidentId }, data: { round: 1, reason } });
  }
}
