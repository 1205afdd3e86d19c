import type { DocumentLanguage } from './model.ts';

/** The words a renderer prints around a document's own text: metadata names, page numbers. */
export interface DocumentLabels {
  mechanism: string;
  period: string;
  issued: string;
  version: string;
  /** The log checkpoint the figures were computed at. */
  checkpoint: string;
  log: string;
  treeSize: string;
  rootHash: string;
  /** "{page}" and "{pages}" are replaced by the page number and the page count. */
  page: string;
}

const LABELS: Record<DocumentLanguage, DocumentLabels> = {
  en: {
    mechanism: 'Mechanism',
    period: 'Period',
    issued: 'Issued',
    version: 'Version',
    checkpoint: 'Log checkpoint',
    log: 'Log',
    treeSize: 'Tree size',
    rootHash: 'Root hash',
    page: 'Page {page} of {pages}',
  },
  ar: {
    mechanism: 'الآلية',
    period: 'الفترة',
    issued: 'تاريخ الإصدار',
    version: 'النسخة',
    checkpoint: 'نقطة التحقق في السجل',
    log: 'السجل',
    treeSize: 'حجم الشجرة',
    rootHash: 'تجزئة الجذر',
    page: 'الصفحة {page} من {pages}',
  },
  ru: {
    mechanism: 'Механизм',
    period: 'Период',
    issued: 'Дата выпуска',
    version: 'Версия',
    checkpoint: 'Контрольная точка журнала',
    log: 'Журнал',
    treeSize: 'Размер дерева',
    rootHash: 'Корневой хеш',
    page: 'Страница {page} из {pages}',
  },
  tr: {
    mechanism: 'Mekanizma',
    period: 'Dönem',
    issued: 'Yayım tarihi',
    version: 'Sürüm',
    checkpoint: 'Kayıt denetim noktası',
    log: 'Kayıt',
    treeSize: 'Ağaç boyutu',
    rootHash: 'Kök özeti',
    page: 'Sayfa {page}/{pages}',
  },
  fa: {
    mechanism: 'سازوکار',
    period: 'دوره',
    issued: 'تاریخ انتشار',
    version: 'نسخه',
    checkpoint: 'نقطهٔ وارسی دفتر ثبت',
    log: 'دفتر ثبت',
    treeSize: 'اندازهٔ درخت',
    rootHash: 'هش ریشه',
    page: 'صفحهٔ {page} از {pages}',
  },
};

export function labelsFor(language: DocumentLanguage): DocumentLabels {
  return LABELS[language];
}

export type TemplatePart = string | { slot: string };

/** Cuts "Page {page} of {pages}" into text and slots, for renderers that fill slots themselves. */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([a-z]+)\}/g)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    parts.push({ slot: m[1] });
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}
