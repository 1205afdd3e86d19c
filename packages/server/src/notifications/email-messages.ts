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
  incidentId: string;
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
