import type { Labels } from './labels.ts';

/**
 * The default taxonomy's labels in the other interface languages (issue 16), by type code.
 * English is the `label` of DEFAULT_TAXONOMY (taxonomy.ts); the secretariat edits any of
 * them in set-up.
 */
export const DEFAULT_TAXONOMY_TRANSLATIONS: Readonly<Record<string, Omit<Required<Labels>, 'en'>>> = {
  'armed-clash': { ar: 'اشتباك مسلح', ru: 'Вооружённое столкновение', tr: 'Silahlı çatışma', fa: 'درگیری مسلحانه' },
  'territory-taken': { ar: 'الاستيلاء على أراضٍ', ru: 'Захват территории', tr: 'Toprak ele geçirme', fa: 'تصرف سرزمین' },
  'territory-regained': {
    ar: 'استعادة الحكومة السيطرة على أراضٍ',
    ru: 'Возвращение территории правительством',
    tr: 'Hükümetin toprakları geri alması',
    fa: 'بازپس‌گیری سرزمین به دست دولت',
  },
  shelling: {
    ar: 'قصف مدفعي أو صاروخي',
    ru: 'Обстрел, артиллерийский или ракетный удар',
    tr: 'Bombardıman, topçu veya füze saldırısı',
    fa: 'گلوله‌باران، حملهٔ توپخانه‌ای یا موشکی',
  },
  'air-strike': {
    ar: 'غارة جوية أو بطائرة مسيّرة',
    ru: 'Авиаудар или удар беспилотника',
    tr: 'Hava veya insansız hava aracı saldırısı',
    fa: 'حملهٔ هوایی یا پهپادی',
  },
  'explosive-device': {
    ar: 'عبوة ناسفة أو لغم أرضي',
    ru: 'Взрывное устройство или мина',
    tr: 'Patlayıcı düzenek veya kara mayını',
    fa: 'بمب دست‌ساز یا مین زمینی',
  },
  'suicide-bomb': { ar: 'تفجير انتحاري', ru: 'Теракт смертника', tr: 'İntihar saldırısı', fa: 'بمب‌گذاری انتحاری' },
  'chemical-weapon': { ar: 'استخدام أسلحة كيميائية', ru: 'Применение химического оружия', tr: 'Kimyasal silah kullanımı', fa: 'کاربرد سلاح شیمیایی' },
  'attack-on-civilians': { ar: 'هجوم على مدنيين', ru: 'Нападение на мирных жителей', tr: 'Sivillere saldırı', fa: 'حمله به غیرنظامیان' },
  abduction: {
    ar: 'اختطاف أو إخفاء قسري',
    ru: 'Похищение или насильственное исчезновение',
    tr: 'Kaçırma veya zorla kaybetme',
    fa: 'آدم‌ربایی یا ناپدیدسازی قهری',
  },
  'sexual-violence': { ar: 'عنف جنسي', ru: 'Сексуальное насилие', tr: 'Cinsel şiddet', fa: 'خشونت جنسی' },
  arrests: { ar: 'اعتقالات تعسفية', ru: 'Произвольные аресты', tr: 'Keyfi gözaltılar', fa: 'بازداشت‌های خودسرانه' },
  looting: { ar: 'نهب الممتلكات أو تدميرها', ru: 'Мародёрство или уничтожение имущества', tr: 'Yağma veya mülklerin tahribi', fa: 'غارت یا تخریب اموال' },
  'base-established': { ar: 'موقع أو قاعدة جديدة', ru: 'Новая позиция или база', tr: 'Yeni mevzi veya üs', fa: 'موضع یا پایگاه تازه' },
  'humanitarian-obstruction': {
    ar: 'عرقلة وصول المساعدات الإنسانية',
    ru: 'Препятствование гуманитарному доступу',
    tr: 'İnsani yardım erişiminin engellenmesi',
    fa: 'ممانعت از دسترسی بشردوستانه',
  },
  'troop-movement': { ar: 'تحريك محظور للقوات', ru: 'Запрещённое перемещение сил', tr: 'Yasak kuvvet hareketi', fa: 'جابه‌جایی ممنوع نیروها' },
};
