import { createDocument, type Block, type Document, type DocumentInput, type DocumentLanguage } from './model.ts';

/**
 * Small sample documents in Arabic, Persian and English, for tests and for previewing the
 * renderers. Figures are invented; place names are real governorates.
 */

/** A checkpoint root hash in the base64 form of checkpoint notes (SHA-256 of "truce"). */
export const SAMPLE_ROOT_HASH = 'SzcPMODAJOKCLslsxK2fVqSIlNpNNcBnDt0dIS1lo70=';

/** Text that means something in Typst markup or code, HTML or CSS: every renderer must print it as it is. */
export const HOSTILE_STRINGS = [
  '#import "@preview/cetz:0.3.0": *',
  '#read("/etc/passwd")',
  '#{ panic("x") }',
  '$x^2$ and $',
  '*bold* _under_ `raw` ~ -- ---',
  '@ref <label> = heading',
  'back\\slash \\ and \\"quote\\" "double"',
  '[bracket] ] [ {brace} }',
  '// comment /* open',
  '- item\n+ item\n/ term: x\n1. one',
  'https://example.org/a_b*c',
  "</style><script>alert(1)</script> &amp; 'single'",
] as const;

const CHART = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="160" viewBox="0 0 400 160">
<rect x="0" y="0" width="400" height="160" fill="#f7f9fb"/>
<g fill="#1f4e79"><rect x="30" y="40" width="60" height="100"/><rect x="120" y="70" width="60" height="70"/><rect x="210" y="95" width="60" height="45"/><rect x="300" y="120" width="60" height="20"/></g>
<line x1="20" y1="140" x2="380" y2="140" stroke="#333" stroke-width="1"/>
</svg>`;

type Content = Pick<DocumentInput, 'title' | 'subtitle'> & { mechanism: string; version: string; blocks: Block[] };

const CONTENT: Partial<Record<DocumentLanguage, Content>> = {
  ar: {
    title: 'التقرير الدوري عن الانتهاكات',
    subtitle: 'مقدَّم إلى الأمم المتحدة',
    mechanism: 'آلية مراقبة وقف الأعمال العدائية',
    version: '1',
    blocks: [
      { kind: 'heading', level: 1, text: 'ملخص الفترة' },
      { kind: 'paragraph', text: 'رصدت الآلية 37 انتهاكاً خلال الفترة، منها 12 انتهاكاً في محافظة حلب، وفق بيانات منصة Truce الموقعة.' },
      {
        kind: 'figures',
        items: [
          { label: 'الانتهاكات المبلغ عنها', value: 37 },
          { label: 'الحوادث المؤكدة', value: 21 },
          { label: 'التغير عن الفترة السابقة', value: '-8%' },
        ],
      },
      {
        kind: 'table',
        caption: 'الانتهاكات حسب المحافظة',
        columns: [{ label: 'المحافظة' }, { label: 'البلاغات', numeric: true }, { label: 'الحوادث المؤكدة', numeric: true }],
        rows: [
          ['حلب', 12, 7],
          ['إدلب', 10, 6],
          ['حماة', 8, 5],
          ['ريف دمشق', 7, 3],
        ],
        footer: ['المجموع', 37, 21],
      },
      { kind: 'list', items: ['قصف مدفعي على أطراف المدينة', ['رمز المنطقة ', { text: 'SY0200', ltr: true }]] },
      { kind: 'figure', svg: CHART, caption: 'عدد البلاغات حسب المحافظة' },
      { kind: 'note', tone: 'warning', text: 'الأرقام أولية وقد تتغير بعد التحقق.' },
    ],
  },
  fa: {
    title: 'گزارش دوره‌ای نقض آتش‌بس',
    subtitle: 'برای سازمان ملل متحد',
    mechanism: 'سازوکار نظارت بر توقف خصومت‌ها',
    version: '1',
    blocks: [
      { kind: 'heading', level: 1, text: 'خلاصهٔ دوره' },
      { kind: 'paragraph', text: 'سازوکار در این دوره ۳۷ مورد نقض را ثبت کرد که ۱۲ مورد آن در استان حلب بود، بر پایهٔ داده‌های امضاشدهٔ Truce.' },
      {
        kind: 'figures',
        items: [
          { label: 'موارد گزارش‌شده', value: 37 },
          { label: 'حوادث تأییدشده', value: 21 },
        ],
      },
      {
        kind: 'table',
        caption: 'موارد نقض بر حسب استان',
        columns: [{ label: 'استان' }, { label: 'گزارش‌ها', numeric: true }, { label: 'حوادث تأییدشده', numeric: true }],
        rows: [
          ['حلب', 12, 7],
          ['ادلب', 10, 6],
          ['حماه', 8, 5],
          ['ریف دمشق', 7, 3],
        ],
        footer: ['جمع', 37, 21],
      },
      { kind: 'note', text: 'این ارقام مقدماتی هستند.' },
    ],
  },
  en: {
    title: 'Periodic violation report',
    subtitle: 'To the United Nations',
    mechanism: 'Cessation of Hostilities Monitoring Mechanism',
    version: '1',
    blocks: [
      { kind: 'heading', level: 1, text: 'Summary of the period' },
      {
        kind: 'paragraph',
        text: ['The mechanism recorded ', { text: '37', strong: true }, ' violations in the period, 12 of them in Aleppo governorate (حلب).'],
      },
      {
        kind: 'figures',
        items: [
          { label: 'Reported violations', value: 37 },
          { label: 'Confirmed incidents', value: 21 },
          { label: 'Change on previous period', value: '-8%' },
        ],
      },
      {
        kind: 'table',
        caption: 'Violations by governorate',
        columns: [{ label: 'Governorate' }, { label: 'Reports', numeric: true }, { label: 'Confirmed incidents', numeric: true }],
        rows: [
          ['Aleppo', 12, 7],
          ['Idleb', 10, 6],
          ['Hama', 8, 5],
          ['Rural Damascus', 7, 3],
        ],
        footer: ['Total', 37, 21],
      },
      { kind: 'list', ordered: true, items: ['Shelling on the outskirts of the city', 'Small-arms fire at a checkpoint'] },
      { kind: 'figure', svg: CHART, caption: 'Reports by governorate', width: 0.8 },
      { kind: 'note', text: 'Figures are provisional until verified.' },
    ],
  },
};

/** A sample document; other languages than ar, fa and en get the English content under their own language. */
export function sampleDocument(language: DocumentLanguage = 'en', overrides: Partial<DocumentInput> = {}): Document {
  const c = CONTENT[language] ?? CONTENT.en!;
  return createDocument({
    language,
    title: c.title,
    subtitle: c.subtitle,
    meta: {
      mechanism: c.mechanism,
      period: { from: '2016-12-30', to: '2017-01-28' },
      issued: '2017-02-02',
      version: c.version,
      checkpoint: { origin: 'truce/syria-2016', size: 1284, rootHash: SAMPLE_ROOT_HASH },
    },
    blocks: c.blocks,
    ...overrides,
  });
}
