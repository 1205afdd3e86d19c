/**
 * The words of the demo's fictional reports, replies and assessments, in the languages the
 * reporters write in (parties in Arabic; guarantors in English or their own language).
 * All people, witnesses and armed groups are invented.
 */
import type { ReportContent, SourceKind } from '@truce/core/reports/model';
import type { Verification } from '@truce/core/incidents/findings';
import type { Excluded, Side } from './conflict.ts';

export type Lang = 'ar' | 'en' | 'ru' | 'tr' | 'fa';

const TYPE_WORDS: Record<Lang, Record<string, string>> = {
  ar: {
    shelling: 'قصف مدفعي وصاروخي',
    'armed-clash': 'اشتباكات بالأسلحة الخفيفة والمتوسطة',
    'air-strike': 'غارة جوية',
    'troop-movement': 'تحركات وحشود عسكرية',
    'attack-on-civilians': 'اعتداء على المدنيين',
    'humanitarian-obstruction': 'منع دخول قافلة مساعدات',
    'base-established': 'إقامة نقطة عسكرية جديدة',
    'territory-taken': 'محاولة تقدم والسيطرة على نقاط',
    'territory-regained': 'هجوم لاستعادة مواقع',
    'explosive-device': 'انفجار عبوة ناسفة',
    arrests: 'حملة اعتقالات',
    abduction: 'خطف مدنيين',
    looting: 'نهب وحرق ممتلكات',
    'suicide-bomb': 'تفجير انتحاري',
    'chemical-weapon': 'استخدام مواد سامة',
    'sexual-violence': 'عنف جنسي',
  },
  en: {
    shelling: 'artillery and mortar shelling',
    'armed-clash': 'an exchange of fire',
    'air-strike': 'an air strike',
    'troop-movement': 'a reinforcement of forces',
    'attack-on-civilians': 'an attack on civilians',
    'humanitarian-obstruction': 'an aid convoy denied passage',
    'base-established': 'a new fortified position',
    'territory-taken': 'an assault on forward positions',
    'territory-regained': 'an attack to retake positions',
    'explosive-device': 'an IED explosion',
    arrests: 'a wave of arrests',
    abduction: 'the abduction of civilians',
    looting: 'the looting of houses',
    'suicide-bomb': 'a vehicle-borne suicide attack',
    'chemical-weapon': 'the suspected use of toxic chemicals',
    'sexual-violence': 'sexual violence',
  },
  ru: {
    shelling: 'обстрел',
    'armed-clash': 'боестолкновение',
    'air-strike': 'авиаудар',
    'troop-movement': 'переброска сил',
    'base-established': 'оборудование новой позиции',
  },
  tr: {
    shelling: 'topçu ve havan atışı',
    'armed-clash': 'silahlı çatışma',
    'air-strike': 'hava saldırısı',
    'attack-on-civilians': 'sivillere saldırı',
    'humanitarian-obstruction': 'insani yardım konvoyunun engellenmesi',
  },
  fa: { shelling: 'گلوله‌باران', 'armed-clash': 'درگیری مسلحانه', 'troop-movement': 'جابه‌جایی نیروها', 'explosive-device': 'انفجار بمب کنار جاده‌ای' },
};
const GENERIC: Record<Lang, string> = {
  ar: 'خرق لوقف الأعمال العدائية',
  en: 'a ceasefire violation',
  ru: 'нарушение режима прекращения огня',
  tr: 'ateşkes ihlali',
  fa: 'نقض آتش‌بس',
};
const typeWord = (lang: Lang, code: string) => TYPE_WORDS[lang][code] ?? GENERIC[lang];

export type Actor = Side | Excluded | 'unknown';
const ACTOR_WORDS: Record<Lang, Record<Actor, string>> = {
  ar: {
    government: 'قوات النظام',
    'north-dawn': 'ألوية الفجر الشمالي',
    orontes: 'جبهة وادي العاصي',
    'southern-union': 'الاتحاد الجنوبي الحر',
    isil: 'تنظيم داعش',
    jfs: 'جبهة فتح الشام',
    unknown: 'جهة مجهولة',
  },
  en: {
    government: 'government forces',
    'north-dawn': 'the Northern Dawn Brigades',
    orontes: 'the Orontes Valley Front',
    'southern-union': 'the Southern Free Union',
    isil: 'ISIL',
    jfs: 'Jabhat Fatah al-Sham',
    unknown: 'an unidentified party',
  },
  ru: {
    government: 'правительственные силы',
    'north-dawn': 'Northern Dawn',
    orontes: 'Orontes Valley Front',
    'southern-union': 'Southern Free Union',
    isil: 'ИГИЛ',
    jfs: 'Джебхат Фатх аш-Шам',
    unknown: 'не установлен',
  },
  tr: {
    government: 'rejim güçleri',
    'north-dawn': 'Kuzey Şafak Tugayları',
    orontes: 'Asi Vadisi Cephesi',
    'southern-union': 'Güney Özgür Birliği',
    isil: 'DEAŞ',
    jfs: 'Fetih el-Şam Cephesi',
    unknown: 'bilinmiyor',
  },
  fa: {
    government: 'نیروهای دولتی',
    'north-dawn': 'تیپ‌های سپیده شمال',
    orontes: 'جبهه دره عاصی',
    'southern-union': 'اتحاد آزاد جنوب',
    isil: 'داعش',
    jfs: 'جبهه فتح الشام',
    unknown: 'نامشخص',
  },
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

export function casualtyWords(lang: Lang, c: ReportContent['casualties']) {
  const killed = (c.killedCivilian ?? 0) + (c.killedCombatant ?? 0);
  const injured = (c.injuredCivilian ?? 0) + (c.injuredCombatant ?? 0);
  const unknown = c.killedCivilian === null && c.killedCombatant === null && c.injuredCivilian === null && c.injuredCombatant === null;
  if (unknown)
    return {
      ar: 'لا توجد معلومات مؤكدة عن الإصابات حتى الآن.',
      en: 'Casualties not yet confirmed.',
      ru: 'Данные о потерях уточняются.',
      tr: 'Kayıplara ilişkin bilgi henüz doğrulanmadı.',
      fa: 'آمار تلفات هنوز تأیید نشده است.',
    }[lang];
  if (killed === 0 && injured === 0)
    return { ar: 'لم تسجل إصابات.', en: 'No casualties reported.', ru: 'Потерь нет.', tr: 'Can kaybı bildirilmedi.', fa: 'تلفاتی گزارش نشد.' }[lang];
  if (killed === 0)
    return {
      ar: `أسفر ذلك عن إصابة ${injured} بجروح.`,
      en: `${injured} injured.`,
      ru: `Ранены: ${injured}.`,
      tr: `${injured} kişi yaralandı.`,
      fa: `${injured} زخمی.`,
    }[lang];
  if (injured === 0)
    return {
      ar: `أسفر ذلك عن مقتل ${killed}.`,
      en: `${killed} killed.`,
      ru: `Погибли: ${killed}.`,
      tr: `${killed} kişi hayatını kaybetti.`,
      fa: `${killed} کشته.`,
    }[lang];
  return {
    ar: `أسفر ذلك عن مقتل ${killed} وإصابة ${injured} بجروح.`,
    en: `${killed} killed and ${injured} injured.`,
    ru: `Погибли: ${killed}, ранены: ${injured}.`,
    tr: `${killed} kişi hayatını kaybetti, ${injured} kişi yaralandı.`,
    fa: `${killed} کشته و ${injured} زخمی.`,
  }[lang];
}

export interface Words {
  lang: Lang;
  place: string;
  governorate: string;
  hour: number;
  type: string;
  accused: Actor;
  reporter: string;
  cas: string;
}

export const TEMPLATES: Record<Lang, ((w: Words) => string)[]> = {
  ar: [
    (w) =>
      `${timeOfDay('ar', w.hour)} ${typeWord('ar', w.type)} من قبل ${w.reporter === 'government' && w.accused in GOV_NAMES_GROUP ? GOV_NAMES_GROUP[w.accused] : ACTOR_WORDS.ar[w.accused]} على ${w.place} في ريف ${w.governorate}. ${w.cas}`,
    (w) => `خرق جديد للهدنة: ${typeWord('ar', w.type)} استهدف ${w.place} (${w.governorate}). الجهة المسؤولة: ${ACTOR_WORDS.ar[w.accused]}. ${w.cas}`,
    (w) => `رصد مراصدنا ${typeWord('ar', w.type)} في محيط ${w.place} ${timeOfDay('ar', w.hour)}، مصدره مواقع ${ACTOR_WORDS.ar[w.accused]}. ${w.cas}`,
    (w) =>
      `حمّل مراسلونا ${ACTOR_WORDS.ar[w.accused]} مسؤولية ${typeWord('ar', w.type)} في ${w.place} رغم سريان وقف إطلاق النار. ${w.cas} نطالب الدول الضامنة بالتحقق.`,
  ],
  en: [
    (w) =>
      `${timeOfDay('en', w.hour)}, ${typeWord('en', w.type)} was reported at ${w.place} (${w.governorate}), attributed to ${ACTOR_WORDS.en[w.accused]}. ${w.cas}`,
    (w) =>
      `Our monitoring centre recorded ${typeWord('en', w.type)} near ${w.place}, ${w.governorate}. Alleged perpetrator: ${ACTOR_WORDS.en[w.accused]}. ${w.cas}`,
    (w) =>
      `Local sources in ${w.place} describe ${typeWord('en', w.type)} ${timeOfDay('en', w.hour).toLowerCase()}; they blame ${ACTOR_WORDS.en[w.accused]}. ${w.cas}`,
  ],
  ru: [
    (w) =>
      `${timeOfDay('ru', w.hour)} в районе н.п. ${w.place} (провинция ${w.governorate}) зафиксировано нарушение: ${typeWord('ru', w.type)}. Предполагаемый нарушитель: ${ACTOR_WORDS.ru[w.accused]}. ${w.cas}`,
    (w) =>
      `Российская часть комиссии по нарушениям сообщает: ${typeWord('ru', w.type)}, н.п. ${w.place}, провинция ${w.governorate}. Сторона: ${ACTOR_WORDS.ru[w.accused]}. ${w.cas}`,
  ],
  tr: [
    (w) =>
      `${timeOfDay('tr', w.hour)} ${w.place} (${w.governorate}) bölgesinde ${typeWord('tr', w.type)} tespit edildi. Sorumlu tutulan taraf: ${ACTOR_WORDS.tr[w.accused]}. ${w.cas}`,
    (w) =>
      `${w.governorate} ilinin ${w.place} yerleşiminde ${typeWord('tr', w.type)} yaşandığı bildirildi; ${ACTOR_WORDS.tr[w.accused]} sorumlu tutuluyor. ${w.cas}`,
  ],
  fa: [
    (w) =>
      `${typeWord('fa', w.type)} در ${w.place} (استان ${w.governorate}) ${timeOfDay('fa', w.hour)} گزارش شد. طرف متهم: ${ACTOR_WORDS.fa[w.accused]}. ${w.cas}`,
    (w) => `بر اساس گزارش ناظران، ${typeWord('fa', w.type)} در حوالی ${w.place} رخ داد. مسئول احتمالی: ${ACTOR_WORDS.fa[w.accused]}. ${w.cas}`,
  ],
};

export const SOURCES_AR: [SourceKind, string][] = [
  ['own-observation', 'نقطة رصد متقدمة تابعة لنا، رصد بصري وسمعي'],
  ['witness', 'شاهد عيان من سكان الحي، رجل في الخمسينات يعمل في فرن (الاسم محفوظ لدى المكتب)'],
  ['witness', 'سائق صهريج مياه كان يمر على الطريق الرئيسي وقت الحادث'],
  ['victim', 'أحد المصابين، تحدث من النقطة الطبية في اليوم التالي'],
  ['official', 'المجلس المحلي للبلدة، بيان مكتوب'],
  ['media', 'مقطع مصور نشر على قناة محلية في تطبيق مراسلة، تم التحقق من الموقع'],
  ['witness', 'ممرضة في المشفى الميداني، عبر الهاتف'],
  ['other', 'مختار القرية، رسالة صوتية'],
];
export const SOURCES_EN: [SourceKind, string][] = [
  ['own-observation', 'Observation post No. 4 (fictional), visual and acoustic observation'],
  ['witness', 'A schoolteacher living near the market, by phone (name held by the guarantor)'],
  ['witness', 'A farmer working in nearby fields, interviewed the same day'],
  ['official', 'Liaison officer of the reporting side, written note'],
  ['media', 'Video posted on a local messaging channel; location matched by our analysts'],
  ['victim', 'An injured man treated at the local clinic, interviewed the next day'],
  ['other', 'Drone imagery from the monitoring centre (description only)'],
];

export const REPLIES = [
  'ننفي هذه الادعاءات جملة وتفصيلاً. لم تقم وحداتنا بأي عمليات في المنطقة المذكورة في التاريخ المحدد.',
  'ما جرى كان رداً على مصادر النيران بعد استهداف نقاطنا بقذائف الهاون، وهو حق مشروع في الدفاع عن النفس.',
  'المنطقة المذكورة تخضع لسيطرة جبهة فتح الشام، وهي خارج اتفاق وقف الأعمال العدائية، ولا علاقة لقواتنا بالحادث.',
  'نحقق في الحادثة، وسنزوّد الدول الضامنة بما يتوفر لدينا من معلومات خلال أيام.',
  'الصور المرفقة بالبلاغ قديمة وتعود إلى عام 2016، ونطلب استبعادها.',
  'نؤكد التزامنا بالاتفاق. لم تشهد المنطقة سوى تحركات دفاعية ضمن خطوط التماس المتفق عليها.',
];

export const REASONING: Record<Verification, string[]> = {
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

export const REOPEN_REASONS = [
  'New video evidence submitted by the affected side after the finding.',
  'The accused party produced a log of its positions contradicting the time of the event.',
  'A guarantor asked to review the finding after an on-site visit.',
];
