import type { Labels } from '@truce/core/mechanism/labels';

/**
 * The demo's names in the five interface languages (issue 16): its organisations (name
 * and short name), the groups excluded from the ceasefire and its zone. The taxonomy's
 * translations come with the mechanism's defaults (core/mechanism/taxonomy-labels.ts).
 * The armed groups marked "fictional" are invented for the demo, in every language.
 */
export const DEMO_ORGANISATION_LABELS: Readonly<Record<string, { labels: Required<Labels>; shortLabels: Required<Labels> }>> = {
  secretariat: {
    labels: {
      en: 'Joint Monitoring Group Secretariat (demo)',
      ar: 'أمانة فريق المراقبة المشترك (تجريبي)',
      ru: 'Секретариат Совместной группы мониторинга (демо)',
      tr: 'Ortak İzleme Grubu Sekreterliği (demo)',
      fa: 'دبیرخانهٔ گروه نظارت مشترک (نمایشی)',
    },
    shortLabels: { en: 'Secretariat', ar: 'الأمانة', ru: 'Секретариат', tr: 'Sekreterlik', fa: 'دبیرخانه' },
  },
  russia: {
    labels: { en: 'Russian Federation', ar: 'الاتحاد الروسي', ru: 'Российская Федерация', tr: 'Rusya Federasyonu', fa: 'فدراسیون روسیه' },
    shortLabels: { en: 'Russia', ar: 'روسيا', ru: 'Россия', tr: 'Rusya', fa: 'روسیه' },
  },
  turkey: {
    labels: { en: 'Republic of Türkiye', ar: 'جمهورية تركيا', ru: 'Турецкая Республика', tr: 'Türkiye Cumhuriyeti', fa: 'جمهوری ترکیه' },
    shortLabels: { en: 'Türkiye', ar: 'تركيا', ru: 'Турция', tr: 'Türkiye', fa: 'ترکیه' },
  },
  iran: {
    labels: {
      en: 'Islamic Republic of Iran',
      ar: 'جمهورية إيران الإسلامية',
      ru: 'Исламская Республика Иран',
      tr: 'İran İslam Cumhuriyeti',
      fa: 'جمهوری اسلامی ایران',
    },
    shortLabels: { en: 'Iran', ar: 'إيران', ru: 'Иран', tr: 'İran', fa: 'ایران' },
  },
  government: {
    labels: {
      en: 'Government of the Syrian Arab Republic',
      ar: 'حكومة الجمهورية العربية السورية',
      ru: 'Правительство Сирийской Арабской Республики',
      tr: 'Suriye Arap Cumhuriyeti Hükümeti',
      fa: 'دولت جمهوری عربی سوریه',
    },
    shortLabels: { en: 'Government', ar: 'الحكومة', ru: 'Правительство', tr: 'Hükümet', fa: 'دولت' },
  },
  'north-dawn': {
    labels: {
      en: 'Northern Dawn Brigades (fictional)',
      ar: 'ألوية فجر الشمال (متخيَّلة)',
      ru: 'Бригады «Северный рассвет» (вымышленные)',
      tr: 'Kuzey Şafağı Tugayları (kurgusal)',
      fa: 'تیپ‌های سپیده‌دم شمال (خیالی)',
    },
    shortLabels: { en: 'Northern Dawn', ar: 'فجر الشمال', ru: 'Северный рассвет', tr: 'Kuzey Şafağı', fa: 'سپیده‌دم شمال' },
  },
  orontes: {
    labels: {
      en: 'Orontes Valley Front (fictional)',
      ar: 'جبهة وادي العاصي (متخيَّلة)',
      ru: 'Фронт долины Оронта (вымышленный)',
      tr: 'Asi Vadisi Cephesi (kurgusal)',
      fa: 'جبههٔ درهٔ عاصی (خیالی)',
    },
    shortLabels: { en: 'Orontes Front', ar: 'جبهة العاصي', ru: 'Фронт Оронта', tr: 'Asi Cephesi', fa: 'جبههٔ عاصی' },
  },
  'southern-union': {
    labels: {
      en: 'Southern Free Union (fictional)',
      ar: 'الاتحاد الجنوبي الحر (متخيَّل)',
      ru: 'Южный свободный союз (вымышленный)',
      tr: 'Güney Özgür Birliği (kurgusal)',
      fa: 'اتحادیهٔ آزاد جنوب (خیالی)',
    },
    shortLabels: { en: 'Southern Union', ar: 'الاتحاد الجنوبي', ru: 'Южный союз', tr: 'Güney Birliği', fa: 'اتحادیهٔ جنوب' },
  },
  facilitator: {
    labels: {
      en: 'Neutral Humanitarian Committee (fictional)',
      ar: 'اللجنة الإنسانية المحايدة (متخيَّلة)',
      ru: 'Нейтральный гуманитарный комитет (вымышленный)',
      tr: 'Tarafsız İnsani Yardım Komitesi (kurgusal)',
      fa: 'کمیتهٔ بشردوستانهٔ بی‌طرف (خیالی)',
    },
    shortLabels: { en: 'Humanitarian Committee', ar: 'اللجنة الإنسانية', ru: 'Гуманитарный комитет', tr: 'İnsani Yardım Komitesi', fa: 'کمیتهٔ بشردوستانه' },
  },
  osesgs: {
    labels: {
      en: 'UN Office of the Special Envoy for Syria',
      ar: 'مكتب المبعوث الخاص للأمم المتحدة إلى سوريا',
      ru: 'Канцелярия Специального посланника ООН по Сирии',
      tr: 'BM Suriye Özel Temsilcisi Ofisi',
      fa: 'دفتر فرستادهٔ ویژهٔ سازمان ملل برای سوریه',
    },
    shortLabels: { en: 'UN OSE', ar: 'مكتب المبعوث الأممي', ru: 'Канцелярия спецпосланника', tr: 'BM Özel Temsilci Ofisi', fa: 'دفتر فرستادهٔ ملل متحد' },
  },
  issg: {
    labels: {
      en: 'International Syria Support Group',
      ar: 'المجموعة الدولية لدعم سوريا',
      ru: 'Международная группа поддержки Сирии',
      tr: 'Uluslararası Suriye Destek Grubu',
      fa: 'گروه بین‌المللی حمایت از سوریه',
    },
    shortLabels: { en: 'ISSG', ar: 'مجموعة دعم سوريا', ru: 'МГПС', tr: 'Suriye Destek Grubu', fa: 'گروه حمایت از سوریه' },
  },
};

export const DEMO_EXCLUDED_GROUP_LABELS: readonly Required<Labels>[] = [
  {
    en: 'Islamic State in Iraq and the Levant (ISIL / Da’esh)',
    ar: 'تنظيم الدولة الإسلامية في العراق والشام (داعش)',
    ru: 'Исламское государство Ирака и Леванта (ИГИЛ)',
    tr: 'Irak ve Şam İslam Devleti (IŞİD / DEAŞ)',
    fa: 'دولت اسلامی عراق و شام (داعش)',
  },
  {
    en: 'Jabhat Fatah al-Sham (formerly al-Nusra Front)',
    ar: 'جبهة فتح الشام (جبهة النصرة سابقاً)',
    ru: 'Джебхат Фатх аш-Шам (бывший «Фронт ан-Нусра»)',
    tr: 'Fetih el-Şam Cephesi (eski adıyla Nusra Cephesi)',
    fa: 'جبهه فتح الشام (جبهه النصره پیشین)',
  },
];

export const DEMO_ZONE_LABELS: Required<Labels> = {
  en: 'Syrian Arab Republic (area of application)',
  ar: 'الجمهورية العربية السورية (نطاق التطبيق)',
  ru: 'Сирийская Арабская Республика (район применения)',
  tr: 'Suriye Arap Cumhuriyeti (uygulama alanı)',
  fa: 'جمهوری عربی سوریه (محدودهٔ اجرا)',
};
