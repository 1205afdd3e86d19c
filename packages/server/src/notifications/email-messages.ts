/**
 * The text of notification e-mails, in the interface's languages. Plain text and short.
 * By design a message carries only the kind of notice, the incident's reference, the
 * reply deadline and a link to the incident page: never report content (descriptions,
 * sources, places), which may be sealed. Readers follow the link and sign in to see what
 * they are entitled to.
 */
export const EMAIL_LANGUAGES = ['en', 'ar', 'ru', 'tr', 'fa'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

export interface EmailNotice {
  kind: string;
  /** The incident it concerns; empty for a report to sort. */
  incidentId: string;
  /** The report it concerns, for a report to sort. */
  reportId?: string;
  /** ISO instant; for reply.requested. */
  replyDeadline: string | null;
  /** The incident page in the web app. */
  link: string;
}

export interface EmailMessage {
  subject: string;
  text: string;
}

interface Texts {
  replySubject: (ref: string) => string;
  replyBody: (deadline: string) => string;
  findingSubject: (ref: string) => string;
  findingBody: string;
  otherSubject: (ref: string) => string;
  otherBody: string;
  toSortSubject: (ref: string) => string;
  toSortBody: string;
  report: string;
  digestSubject: (n: number) => string;
  digestIntro: string;
  /** What each kind of notice is, on a digest's line. */
  kinds: Record<string, string>;
  incident: string;
  deadline: string;
  open: string;
  footer: string;
}

const TEXTS: Record<EmailLanguage, Texts> = {
  en: {
    replySubject: (ref) => `Truce: your organisation may reply on incident ${ref}`,
    replyBody: (deadline) => `Your organisation is named as the alleged party in an incident and has the right of reply until ${deadline}.`,
    findingSubject: (ref) => `Truce: a finding was adopted on incident ${ref}`,
    findingBody: 'A finding was adopted on an incident that concerns your organisation.',
    otherSubject: (ref) => `Truce: news on incident ${ref}`,
    otherBody: 'There is news on an incident that concerns your organisation.',
    toSortSubject: (ref) => `Truce: a new report to sort (${ref})`,
    toSortBody: 'A new report was filed and is in no incident yet.',
    report: 'Report',
    digestSubject: (n) => `Truce: ${n} ${n === 1 ? 'notice' : 'notices'} since the last digest`,
    digestIntro: 'The notices of your organisation since the last digest, as you chose to receive them:',
    kinds: {
      'reply.requested': 'Reply requested',
      'reply.period_ended': 'Reply period ended',
      'finding.adopted': 'Finding adopted',
      'finding.disputed': 'Guarantors differ on a finding',
      'reply.received': 'Reply received',
      'report.to_sort': 'New report to sort',
      'audit.mismatch': 'Audit found a mismatch',
    },
    incident: 'Incident',
    deadline: 'Reply deadline',
    open: 'Sign in to read it',
    footer: 'This message was sent by Truce. Its details are shown only after signing in.',
  },
  ar: {
    replySubject: (ref) => `Truce: يحق لمنظمتكم الرد على الحادثة ${ref}`,
    replyBody: (deadline) => `ورد اسم منظمتكم بوصفها الطرف المتهم في حادثة، ويحق لها الرد حتى ${deadline}.`,
    findingSubject: (ref) => `Truce: اعتُمدت نتيجة بشأن الحادثة ${ref}`,
    findingBody: 'اعتُمدت نتيجة بشأن حادثة تخص منظمتكم.',
    otherSubject: (ref) => `Truce: مستجدات بشأن الحادثة ${ref}`,
    otherBody: 'هناك مستجدات بشأن حادثة تخص منظمتكم.',
    toSortSubject: (ref) => `Truce: بلاغ جديد للفرز (${ref})`,
    toSortBody: 'قُدِّم بلاغ جديد ولم يُضمّ إلى أي حادثة بعد.',
    report: 'البلاغ',
    digestSubject: (n) => `Truce: ${n === 1 ? 'إشعار واحد' : n === 2 ? 'إشعاران' : n <= 10 ? `${n} إشعارات` : `${n} إشعارًا`} منذ الملخص السابق`,
    digestIntro: 'إشعارات منظمتكم منذ الملخص السابق، كما اخترتم تلقيها:',
    kinds: {
      'reply.requested': 'مطلوب رد',
      'reply.period_ended': 'انتهت مهلة الرد',
      'finding.adopted': 'اعتُمدت نتيجة',
      'finding.disputed': 'اختلف الضامنون على نتيجة',
      'reply.received': 'ورد رد',
      'report.to_sort': 'بلاغ جديد للفرز',
      'audit.mismatch': 'وجد التدقيق عدم تطابق',
    },
    incident: 'الحادثة',
    deadline: 'الموعد النهائي للرد',
    open: 'سجّلوا الدخول للاطلاع عليها',
    footer: 'أُرسلت هذه الرسالة من Truce. لا تظهر التفاصيل إلا بعد تسجيل الدخول.',
  },
  ru: {
    replySubject: (ref) => `Truce: ваша организация может ответить по инциденту ${ref}`,
    replyBody: (deadline) => `Ваша организация названа предполагаемой стороной-нарушителем в инциденте и имеет право на ответ до ${deadline}.`,
    findingSubject: (ref) => `Truce: принято заключение по инциденту ${ref}`,
    findingBody: 'Принято заключение по инциденту, касающемуся вашей организации.',
    otherSubject: (ref) => `Truce: новое по инциденту ${ref}`,
    otherBody: 'Есть новости по инциденту, касающемуся вашей организации.',
    toSortSubject: (ref) => `Truce: новое сообщение к разбору (${ref})`,
    toSortBody: 'Подано новое сообщение, ещё не включённое ни в один инцидент.',
    report: 'Сообщение',
    digestSubject: (n) => `Truce: уведомлений с прошлой сводки: ${n}`,
    digestIntro: 'Уведомления вашей организации с прошлой сводки, как вы выбрали их получать:',
    kinds: {
      'reply.requested': 'Запрошен ответ',
      'reply.period_ended': 'Срок ответа завершён',
      'finding.adopted': 'Принято заключение',
      'finding.disputed': 'Гаранты расходятся в заключении',
      'reply.received': 'Получен ответ',
      'report.to_sort': 'Новое сообщение к разбору',
      'audit.mismatch': 'Аудит обнаружил расхождение',
    },
    incident: 'Инцидент',
    deadline: 'Срок ответа',
    open: 'Войдите, чтобы прочитать',
    footer: 'Это сообщение отправлено системой Truce. Подробности доступны только после входа.',
  },
  tr: {
    replySubject: (ref) => `Truce: kuruluşunuz ${ref} numaralı olaya yanıt verebilir`,
    replyBody: (deadline) => `Kuruluşunuz bir olayda iddia edilen taraf olarak anılıyor ve ${deadline} tarihine kadar yanıt hakkına sahip.`,
    findingSubject: (ref) => `Truce: ${ref} numaralı olay hakkında bir karar kabul edildi`,
    findingBody: 'Kuruluşunuzu ilgilendiren bir olay hakkında bir karar kabul edildi.',
    otherSubject: (ref) => `Truce: ${ref} numaralı olayda yenilik`,
    otherBody: 'Kuruluşunuzu ilgilendiren bir olayda yenilik var.',
    toSortSubject: (ref) => `Truce: ayıklanacak yeni rapor (${ref})`,
    toSortBody: 'Yeni bir rapor sunuldu ve henüz hiçbir olaya bağlı değil.',
    report: 'Rapor',
    digestSubject: (n) => `Truce: son özetten bu yana ${n} bildirim`,
    digestIntro: 'Kuruluşunuzun son özetten bu yana bildirimleri, almayı seçtiğiniz gibi:',
    kinds: {
      'reply.requested': 'Yanıt isteniyor',
      'reply.period_ended': 'Yanıt süresi sona erdi',
      'finding.adopted': 'Karar kabul edildi',
      'finding.disputed': 'Garantörler bir kararda ayrışıyor',
      'reply.received': 'Yanıt alındı',
      'report.to_sort': 'Ayıklanacak yeni rapor',
      'audit.mismatch': 'Denetim uyuşmazlık buldu',
    },
    incident: 'Olay',
    deadline: 'Yanıt için son tarih',
    open: 'Okumak için oturum açın',
    footer: 'Bu ileti Truce tarafından gönderildi. Ayrıntılar yalnızca oturum açtıktan sonra görünür.',
  },
  fa: {
    replySubject: (ref) => `Truce: سازمان شما می‌تواند به رویداد ${ref} پاسخ دهد`,
    replyBody: (deadline) => `نام سازمان شما به‌عنوان طرف متهم در یک رویداد آمده است و تا ${deadline} حق پاسخ دارد.`,
    findingSubject: (ref) => `Truce: درباره رویداد ${ref} یافته‌ای تصویب شد`,
    findingBody: 'درباره رویدادی که به سازمان شما مربوط است یافته‌ای تصویب شد.',
    otherSubject: (ref) => `Truce: خبر تازه درباره رویداد ${ref}`,
    otherBody: 'درباره رویدادی که به سازمان شما مربوط است خبر تازه‌ای هست.',
    toSortSubject: (ref) => `Truce: گزارش تازه برای دسته‌بندی (${ref})`,
    toSortBody: 'گزارش تازه‌ای ثبت شده و هنوز در هیچ رویدادی نیست.',
    report: 'گزارش',
    digestSubject: (n) => `Truce: ${n} اعلان از خلاصهٔ پیشین تاکنون`,
    digestIntro: 'اعلان‌های سازمان شما از خلاصهٔ پیشین تاکنون، همان‌گونه که دریافتشان را برگزیده‌اید:',
    kinds: {
      'reply.requested': 'پاسخ خواسته شده',
      'reply.period_ended': 'مهلت پاسخ پایان یافت',
      'finding.adopted': 'یافته تصویب شد',
      'finding.disputed': 'اختلاف ضامنان دربارهٔ یافته',
      'reply.received': 'پاسخ رسید',
      'report.to_sort': 'گزارش تازه برای دسته‌بندی',
      'audit.mismatch': 'حسابرسی ناهمخوانی یافت',
    },
    incident: 'رویداد',
    deadline: 'مهلت پاسخ',
    open: 'برای خواندن وارد شوید',
    footer: 'این پیام را Truce فرستاده است. جزئیات فقط پس از ورود نمایش داده می‌شود.',
  },
};

export function isEmailLanguage(value: unknown): value is EmailLanguage {
  return typeof value === 'string' && (EMAIL_LANGUAGES as readonly string[]).includes(value);
}

/**
 * A short reference for subject lines: the id's last group (random in a UUIDv7, where the
 * first groups are the creation time and repeat between incidents made close together).
 * The body gives the full id.
 */
export function incidentReference(incidentId: string): string {
  return incidentId.split('-').pop() ?? incidentId;
}

/**
 * An instant in the one form every language reads alike: Gregorian, UTC, Latin digits
 * (as the web app shows times), e.g. "2017-02-06 21:10 UTC".
 */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Renders a notice in a language (English when the language has no texts). */
export function renderEmail(notice: EmailNotice, language: string): EmailMessage {
  const t = TEXTS[isEmailLanguage(language) ? language : 'en'];
  const ref = incidentReference(notice.incidentId);
  const lines: string[] = [];
  let subject: string;
  if (notice.kind === 'reply.requested') {
    const deadline = notice.replyDeadline ? formatInstant(notice.replyDeadline) : '–';
    subject = t.replySubject(ref);
    lines.push(t.replyBody(deadline), '', `${t.incident}: ${notice.incidentId}`, `${t.deadline}: ${deadline}`);
  } else if (notice.kind === 'report.to_sort') {
    const reportId = notice.reportId ?? '';
    subject = t.toSortSubject(incidentReference(reportId));
    lines.push(t.toSortBody, '', `${t.report}: ${reportId}`);
  } else if (notice.kind === 'finding.adopted') {
    subject = t.findingSubject(ref);
    lines.push(t.findingBody, '', `${t.incident}: ${notice.incidentId}`);
  } else {
    subject = t.otherSubject(ref);
    lines.push(t.otherBody, '', `${t.incident}: ${notice.incidentId}`);
  }
  lines.push(`${t.open}: ${notice.link}`, '', '--', t.footer, '');
  return { subject, text: lines.join('\n') };
}

/**
 * One e-mail for a person's notices waiting for the daily digest: a line for each, with
 * its kind, its reference and its link. Like every notice e-mail, no report content.
 */
export function renderDigest(notices: EmailNotice[], language: string): EmailMessage {
  const t = TEXTS[isEmailLanguage(language) ? language : 'en'];
  const lines = [t.digestIntro, ''];
  for (const n of notices) {
    const what = t.kinds[n.kind] ?? n.kind;
    const ref = n.kind === 'report.to_sort' ? `${t.report} ${n.reportId ?? ''}` : `${t.incident} ${n.incidentId}`;
    const deadline = n.kind === 'reply.requested' && n.replyDeadline ? ` (${t.deadline}: ${formatInstant(n.replyDeadline)})` : '';
    lines.push(`- ${what}: ${ref}${deadline}`, `  ${n.link}`);
  }
  lines.push('', '--', t.footer, '');
  return { subject: t.digestSubject(notices.length), text: lines.join('\n') };
}
