/**
 * The words of the UN report and the ISSG briefing in the five languages (C11), and the
 * governorate names the boundaries file lacks. This is data: text.ts hands it out and
 * build.ts fills it. It has a file of its own so that translators edit one place and the
 * logic stays short; it is long because every string is here in every language.
 */
import type { DocumentLanguage } from '../documents/model.ts';

/**
 * The words of the UN report and the ISSG briefing in the five languages (C11). "{name}"
 * slots are filled by the builders with numbers already formatted for the language.
 * Methodology notes are written here, in every language, not translated on the fly.
 */
export interface PublicationText {
  unTitle: string;
  unSubtitle: string;
  issgTitle: string;
  /** {group}: the support group's name as set up. */
  issgSubtitle: string;
  draft: string;
  summary: string;
  summaryText: string;
  reports: string;
  incidents: string;
  killed: string;
  injured: string;
  findingsAdopted: string;
  /** {change}: signed percentage. */
  change: string;
  newSince: string;
  noChange: string;
  trendHeading: string;
  /** {current} {previous} {change} */
  trendReports: string;
  trendIncidents: string;
  previousPeriod: string;
  casualties: string;
  civilians: string;
  combatants: string;
  /** {n}: reports whose count was not fully given. */
  casualtiesUnknown: string;
  byType: string;
  byGovernorate: string;
  byParty: string;
  byWeek: string;
  type: string;
  governorate: string;
  party: string;
  week: string;
  total: string;
  notStated: string;
  unknownPlace: string;
  map: string;
  mapCaption: string;
  /** Attribution of the boundaries the map is drawn from (their licence, CC BY-IGO, requires it). */
  mapSource: string;
  mapLegend: string;
  findings: string;
  findingsIntro: string;
  noFindings: string;
  adopted: string;
  finding: string;
  /** {n} */
  andMore: string;
  verification: Record<string, string>;
  methodology: string;
  methodologyText: string[];
  checkpointNote: string;
  // briefing
  status: string;
  agreementInForce: string;
  agreementEnded: string;
  noAgreement: string;
  excludedGroups: string;
  exchanges: string;
  exchangesProposed: string;
  exchangesCompleted: string;
  personsReleased: string;
  category: string;
  persons: string;
  exchangeStatus: Record<string, string>;
  categories: Record<string, string>;
  noReleases: string;
  decisions: string;
  noDecisions: string;
  decisionsUnavailable: string;
  /** {n} */
  decisionsNotShared: string;
  openIssues: string;
  openIssuesText: string;
  repliesOverdue: string;
  repliesDue: string;
  assessmentsMissing: string;
  disputed: string;
}

const en: PublicationText = {
  unTitle: 'Report on violations of the ceasefire',
  unSubtitle: 'To the United Nations',
  issgTitle: 'Progress briefing',
  issgSubtitle: 'To the {group}',
  draft: 'draft, not issued',
  summary: 'Summary',
  summaryText: 'In the period the mechanism received {reports} reports of violations, grouped into {incidents} incidents, and adopted {findings} findings.',
  reports: 'Reports',
  incidents: 'Incidents',
  killed: 'Killed',
  injured: 'Injured',
  findingsAdopted: 'Findings adopted',
  change: '{change} on the previous period',
  newSince: 'none in the previous period',
  noChange: 'same as the previous period',
  trendHeading: 'Trend',
  trendReports: 'Reports: {current} in the period against {previous} in the previous period of the same length ({change}).',
  trendIncidents: 'Incidents: {current} against {previous} ({change}).',
  previousPeriod: 'Previous period',
  casualties: 'Casualties',
  civilians: 'Civilians',
  combatants: 'Combatants',
  casualtiesUnknown: 'Counts as reported, before assessment. {n} reports did not give a full count.',
  byType: 'Reports and incidents by type of violation',
  byGovernorate: 'Reports and incidents by governorate',
  byParty: 'Reports and incidents by alleged party',
  byWeek: 'Reports and incidents by week',
  type: 'Type',
  governorate: 'Governorate',
  party: 'Alleged party',
  week: 'Week of',
  total: 'Total',
  notStated: 'Not stated or not a party',
  unknownPlace: 'Not located',
  map: 'Map of incidents',
  mapCaption: 'Reports by governorate in the period',
  mapSource:
    'Boundaries: UNCS and UN OCHA, Syria Common Operational Dataset (HDX), CC BY-IGO. The boundaries and names shown do not imply official endorsement or acceptance by the United Nations.',
  mapLegend: 'reports',
  findings: 'Findings adopted in the period',
  findingsIntro:
    'Each finding was adopted by the guarantors under the decision rule of the mechanism. The summary is the first report of the incident, in its original language.',
  noFindings: 'No finding was adopted in the period.',
  adopted: 'Adopted',
  finding: 'Finding',
  andMore: '… and {n} more findings: see the data annex, which lists them all.',
  verification: {
    corroborated: 'Corroborated',
    'not-corroborated': 'Not corroborated',
    'outside-agreement': 'Outside the agreement',
    inadmissible: 'Inadmissible',
  },
  methodology: 'Methodology',
  methodologyText: [
    'Reports are received from the parties to the ceasefire, the guarantors and the field monitors, through the web application, its field form or its API. Each report states when and where the event took place, with what precision, the type of violation, the alleged perpetrator, the affected side, casualties and sources. A report is never changed in place: a correction is a new version, and a withdrawal is recorded.',
    'Reports of the same event are grouped into one incident by the secretariat or a guarantor. The accused party is notified and may reply before a deadline. Each guarantor records its own assessment; a finding is adopted when the decision rule of the mechanism is met (consensus of the guarantors unless set otherwise).',
    'A finding says whether the violation is corroborated by the reports and evidence, not corroborated, outside the scope of the agreement (place, time or kind of act), or inadmissible. Reports and incidents are counted by the day the event took place; a finding is listed in the period in which it was adopted. Casualty figures are those reported, before assessment.',
  ],
  checkpointNote:
    'Every figure was read at the log checkpoint shown above (tree size and root hash). Anyone holding the public key of the record can check that this checkpoint is part of it and that the record was not rewritten since.',
  status: 'Status of the ceasefire',
  agreementInForce: '{title}: in force since {from}.',
  agreementEnded: '{title}: in force from {from} to {to}.',
  noAgreement: 'No agreement is recorded.',
  excludedGroups: '{n} armed groups are outside the ceasefire.',
  exchanges: 'Exchanges of detainees',
  exchangesProposed: 'Exchanges proposed',
  exchangesCompleted: 'Exchanges completed',
  personsReleased: 'Persons released',
  category: 'Category',
  persons: 'Persons',
  exchangeStatus: {
    proposed: 'Proposed',
    approved: 'Approved by both parties',
    endorsed: 'Endorsed by the guarantors',
    completed: 'Completed',
    withdrawn: 'Withdrawn',
  },
  categories: { civilian: 'Civilians', combatant: 'Combatants', minor: 'Minors', woman: 'Women', elderly: 'Elderly', sick: 'Sick', unknown: 'Not stated' },
  noReleases: 'No release was recorded in the period.',
  decisions: 'Decisions of the period',
  noDecisions: 'No decision shared with observers was adopted in the period.',
  decisionsUnavailable: 'The record of meetings is not available.',
  decisionsNotShared: '{n} further decisions adopted in the period concern single parties and are not shared with observers.',
  openIssues: 'Open issues',
  openIssuesText: 'Open incidents (without an adopted finding), at the checkpoint of this briefing.',
  repliesOverdue: 'Replies overdue',
  repliesDue: 'Replies due',
  assessmentsMissing: 'Assessments missing',
  disputed: 'Disputed (assessments disagree)',
};

const ar: PublicationText = {
  unTitle: 'تقرير عن انتهاكات وقف إطلاق النار',
  unSubtitle: 'إلى الأمم المتحدة',
  issgTitle: 'إحاطة عن التقدم المحرز',
  issgSubtitle: 'إلى {group}',
  draft: 'مسودة، غير صادرة',
  summary: 'الملخص',
  summaryText: 'تلقت الآلية في هذه الفترة {reports} بلاغًا عن انتهاكات، جُمعت في {incidents} حادثة، واعتمدت {findings} استنتاجًا.',
  reports: 'البلاغات',
  incidents: 'الحوادث',
  killed: 'القتلى',
  injured: 'الجرحى',
  findingsAdopted: 'الاستنتاجات المعتمدة',
  change: '{change} مقارنة بالفترة السابقة',
  newSince: 'لا شيء في الفترة السابقة',
  noChange: 'مثل الفترة السابقة',
  trendHeading: 'الاتجاه',
  trendReports: 'البلاغات: {current} في هذه الفترة مقابل {previous} في الفترة السابقة المماثلة في الطول ({change}).',
  trendIncidents: 'الحوادث: {current} مقابل {previous} ({change}).',
  previousPeriod: 'الفترة السابقة',
  casualties: 'الضحايا',
  civilians: 'مدنيون',
  combatants: 'مقاتلون',
  casualtiesUnknown: 'الأعداد كما وردت في البلاغات، قبل التقييم. {n} بلاغًا لم تذكر العدد كاملًا.',
  byType: 'البلاغات والحوادث حسب نوع الانتهاك',
  byGovernorate: 'البلاغات والحوادث حسب المحافظة',
  byParty: 'البلاغات والحوادث حسب الطرف المتهم',
  byWeek: 'البلاغات والحوادث حسب الأسبوع',
  type: 'النوع',
  governorate: 'المحافظة',
  party: 'الطرف المتهم',
  week: 'أسبوع',
  total: 'المجموع',
  notStated: 'غير مذكور أو ليس طرفًا',
  unknownPlace: 'غير محدد المكان',
  map: 'خريطة الحوادث',
  mapCaption: 'البلاغات حسب المحافظة في هذه الفترة',
  mapSource:
    'الحدود: قسم رسم الخرائط في الأمم المتحدة ومكتب تنسيق الشؤون الإنسانية، مجموعة البيانات التشغيلية المشتركة لسوريا (HDX)، CC BY-IGO. لا تعني الحدود والأسماء المبينة أي تأييد أو قبول رسمي من الأمم المتحدة.',
  mapLegend: 'بلاغ',
  findings: 'الاستنتاجات المعتمدة في هذه الفترة',
  findingsIntro: 'اعتمد الضامنون كل استنتاج وفق قاعدة القرار في الآلية. الملخص هو أول بلاغ عن الحادثة، بلغته الأصلية.',
  noFindings: 'لم يُعتمد أي استنتاج في هذه الفترة.',
  adopted: 'تاريخ الاعتماد',
  finding: 'الاستنتاج',
  andMore: '… و{n} استنتاجًا آخر: انظر ملحق البيانات الذي يتضمنها كلها.',
  verification: {
    corroborated: 'مؤكَّد',
    'not-corroborated': 'غير مؤكَّد',
    'outside-agreement': 'خارج نطاق الاتفاق',
    inadmissible: 'غير مقبول',
  },
  methodology: 'المنهجية',
  methodologyText: [
    'تتلقى الآلية البلاغات من أطراف وقف إطلاق النار ومن الضامنين ومن المراقبين الميدانيين، عبر تطبيق الويب أو استمارته الميدانية أو واجهته البرمجية. يذكر كل بلاغ زمان الحدث ومكانه ودرجة دقتهما، ونوع الانتهاك، والجهة المتهمة، والطرف المتضرر، والضحايا، والمصادر. لا يُعدَّل البلاغ في مكانه أبدًا: التصحيح نسخة جديدة، والسحب يُسجَّل.',
    'تجمع الأمانة أو أحد الضامنين البلاغات المتعلقة بالحدث نفسه في حادثة واحدة. يُبلَّغ الطرف المتهم وله حق الرد قبل موعد محدد. يسجل كل ضامن تقييمه الخاص، ويُعتمد الاستنتاج عند استيفاء قاعدة القرار في الآلية (توافق الضامنين ما لم يُحدَّد غير ذلك).',
    'يبيّن الاستنتاج ما إذا كانت البلاغات والأدلة تؤكد وقوع الانتهاك، أو لا تؤكده، أو أن ما حدث خارج نطاق الاتفاق (المكان أو الزمان أو نوع الفعل)، أو أن البلاغ غير مقبول. تُحسب البلاغات والحوادث بيوم وقوع الحدث، ويُدرج الاستنتاج في الفترة التي اعتُمد فيها. أعداد الضحايا هي الأعداد الواردة في البلاغات قبل التقييم.',
  ],
  checkpointNote:
    'قُرئت كل الأرقام عند نقطة التحقق في السجل المبينة أعلاه (حجم الشجرة وتجزئة الجذر). يستطيع كل من يملك المفتاح العام للسجل أن يتحقق من أن هذه النقطة جزء منه وأن السجل لم يُعَد كتابته منذ ذلك الحين.',
  status: 'حالة وقف إطلاق النار',
  agreementInForce: '{title}: نافذ منذ {from}.',
  agreementEnded: '{title}: كان نافذًا من {from} إلى {to}.',
  noAgreement: 'لا يوجد اتفاق مسجل.',
  excludedGroups: '{n} مجموعات مسلحة خارج وقف إطلاق النار.',
  exchanges: 'عمليات تبادل المحتجزين',
  exchangesProposed: 'عمليات التبادل المقترحة',
  exchangesCompleted: 'عمليات التبادل المنجزة',
  personsReleased: 'الأشخاص المفرج عنهم',
  category: 'الفئة',
  persons: 'الأشخاص',
  exchangeStatus: { proposed: 'مقترحة', approved: 'وافق عليها الطرفان', endorsed: 'صادق عليها الضامنون', completed: 'منجزة', withdrawn: 'مسحوبة' },
  categories: { civilian: 'مدنيون', combatant: 'مقاتلون', minor: 'قاصرون', woman: 'نساء', elderly: 'مسنون', sick: 'مرضى', unknown: 'غير مذكورة' },
  noReleases: 'لم يُسجَّل أي إفراج في هذه الفترة.',
  decisions: 'قرارات الفترة',
  noDecisions: 'لم يُعتمد في هذه الفترة أي قرار مُتاح للمراقبين.',
  decisionsUnavailable: 'سجل الاجتماعات غير متاح.',
  decisionsNotShared: '{n} قرارات أخرى اعتُمدت في هذه الفترة تخص أطرافًا بعينها ولا تُتاح للمراقبين.',
  openIssues: 'المسائل المعلقة',
  openIssuesText: 'الحوادث المفتوحة (من دون استنتاج معتمد) عند نقطة التحقق الخاصة بهذه الإحاطة.',
  repliesOverdue: 'ردود فات موعدها',
  repliesDue: 'ردود منتظرة',
  assessmentsMissing: 'تقييمات ناقصة',
  disputed: 'متنازع عليها (تقييمات متعارضة)',
};

const ru: PublicationText = {
  unTitle: 'Доклад о нарушениях режима прекращения огня',
  unSubtitle: 'Организации Объединённых Наций',
  issgTitle: 'Брифинг о ходе работы',
  issgSubtitle: 'Для: {group}',
  draft: 'проект, не выпущен',
  summary: 'Резюме',
  summaryText: 'За период механизм получил {reports} сообщений о нарушениях, сведённых в {incidents} инцидентов, и принял {findings} заключений.',
  reports: 'Сообщения',
  incidents: 'Инциденты',
  killed: 'Убитые',
  injured: 'Раненые',
  findingsAdopted: 'Принятые заключения',
  change: '{change} к предыдущему периоду',
  newSince: 'в предыдущем периоде не было',
  noChange: 'как в предыдущем периоде',
  trendHeading: 'Динамика',
  trendReports: 'Сообщения: {current} за период против {previous} за предыдущий период той же длины ({change}).',
  trendIncidents: 'Инциденты: {current} против {previous} ({change}).',
  previousPeriod: 'Предыдущий период',
  casualties: 'Пострадавшие',
  civilians: 'Мирные жители',
  combatants: 'Комбатанты',
  casualtiesUnknown: 'Данные сообщений до оценки. В {n} сообщениях число указано не полностью.',
  byType: 'Сообщения и инциденты по видам нарушений',
  byGovernorate: 'Сообщения и инциденты по мухафазам',
  byParty: 'Сообщения и инциденты по предполагаемым нарушителям',
  byWeek: 'Сообщения и инциденты по неделям',
  type: 'Вид',
  governorate: 'Мухафаза',
  party: 'Предполагаемая сторона',
  week: 'Неделя с',
  total: 'Итого',
  notStated: 'Не указана или не сторона',
  unknownPlace: 'Место не определено',
  map: 'Карта инцидентов',
  mapCaption: 'Сообщения по мухафазам за период',
  mapSource:
    'Границы: Картографическая секция ООН и УКГВ ООН, общий оперативный набор данных по Сирии (HDX), CC BY-IGO. Показанные границы и названия не означают их официального одобрения или признания Организацией Объединённых Наций.',
  mapLegend: 'сообщений',
  findings: 'Заключения, принятые за период',
  findingsIntro: 'Каждое заключение принято гарантами по правилу принятия решений механизма. Резюме — первое сообщение об инциденте на языке оригинала.',
  noFindings: 'За период заключений не принято.',
  adopted: 'Принято',
  finding: 'Заключение',
  andMore: '… и ещё {n} заключений: см. приложение с данными, где перечислены все.',
  verification: {
    corroborated: 'Подтверждено',
    'not-corroborated': 'Не подтверждено',
    'outside-agreement': 'Вне рамок соглашения',
    inadmissible: 'Неприемлемо',
  },
  methodology: 'Методология',
  methodologyText: [
    'Сообщения поступают от сторон режима прекращения огня, гарантов и полевых наблюдателей через веб-приложение, полевую форму или API. В каждом сообщении указаны время и место события и их точность, вид нарушения, предполагаемый нарушитель, пострадавшая сторона, жертвы и источники. Сообщение никогда не изменяется: исправление — это новая версия, отзыв фиксируется.',
    'Сообщения об одном событии объединяются в инцидент секретариатом или гарантом. Обвиняемая сторона получает уведомление и может ответить до установленного срока. Каждый гарант вносит собственную оценку; заключение принимается, когда выполнено правило принятия решений механизма (консенсус гарантов, если не установлено иное).',
    'Заключение указывает, подтверждено ли нарушение сообщениями и доказательствами, не подтверждено, выходит за рамки соглашения (место, время или характер действия) или неприемлемо. Сообщения и инциденты учитываются по дню события; заключение относится к периоду, в котором оно принято. Число пострадавших приведено по сообщениям, до оценки.',
  ],
  checkpointNote:
    'Все показатели прочитаны в контрольной точке журнала, указанной выше (размер дерева и корневой хеш). Любой, у кого есть открытый ключ журнала, может проверить, что эта точка входит в журнал и что журнал с тех пор не переписывался.',
  status: 'Состояние режима прекращения огня',
  agreementInForce: '{title}: действует с {from}.',
  agreementEnded: '{title}: действовало с {from} по {to}.',
  noAgreement: 'Соглашения не зарегистрированы.',
  excludedGroups: 'Вооружённых групп вне режима прекращения огня: {n}.',
  exchanges: 'Обмены задержанными',
  exchangesProposed: 'Предложено обменов',
  exchangesCompleted: 'Завершено обменов',
  personsReleased: 'Освобождено лиц',
  category: 'Категория',
  persons: 'Лица',
  exchangeStatus: { proposed: 'Предложен', approved: 'Одобрен сторонами', endorsed: 'Поддержан гарантами', completed: 'Завершён', withdrawn: 'Отозван' },
  categories: {
    civilian: 'Гражданские',
    combatant: 'Комбатанты',
    minor: 'Несовершеннолетние',
    woman: 'Женщины',
    elderly: 'Пожилые',
    sick: 'Больные',
    unknown: 'Не указано',
  },
  noReleases: 'За период освобождений не зафиксировано.',
  decisions: 'Решения периода',
  noDecisions: 'За период не принято решений, открытых для наблюдателей.',
  decisionsUnavailable: 'Записи заседаний недоступны.',
  decisionsNotShared: 'Ещё {n} решений периода касаются отдельных сторон и наблюдателям не предоставляются.',
  openIssues: 'Нерешённые вопросы',
  openIssuesText: 'Открытые инциденты (без принятого заключения) на контрольную точку этого брифинга.',
  repliesOverdue: 'Просроченные ответы',
  repliesDue: 'Ожидаемые ответы',
  assessmentsMissing: 'Недостающие оценки',
  disputed: 'Спорные (оценки расходятся)',
};

const tr: PublicationText = {
  unTitle: 'Ateşkes ihlalleri raporu',
  unSubtitle: 'Birleşmiş Milletler’e',
  issgTitle: 'İlerleme brifingi',
  issgSubtitle: 'Muhatap: {group}',
  draft: 'taslak, yayımlanmadı',
  summary: 'Özet',
  summaryText: 'Bu dönemde mekanizma {reports} ihlal bildirimi aldı, bunları {incidents} olayda birleştirdi ve {findings} tespit kabul etti.',
  reports: 'Bildirimler',
  incidents: 'Olaylar',
  killed: 'Ölü',
  injured: 'Yaralı',
  findingsAdopted: 'Kabul edilen tespitler',
  change: 'önceki döneme göre {change}',
  newSince: 'önceki dönemde yoktu',
  noChange: 'önceki dönemle aynı',
  trendHeading: 'Eğilim',
  trendReports: 'Bildirimler: bu dönemde {current}, aynı uzunluktaki önceki dönemde {previous} ({change}).',
  trendIncidents: 'Olaylar: {current}, önceki dönemde {previous} ({change}).',
  previousPeriod: 'Önceki dönem',
  casualties: 'Kayıplar',
  civilians: 'Siviller',
  combatants: 'Savaşanlar',
  casualtiesUnknown: 'Değerlendirme öncesi bildirilen sayılar. {n} bildirim sayıyı tam vermedi.',
  byType: 'İhlal türüne göre bildirimler ve olaylar',
  byGovernorate: 'Vilayete göre bildirimler ve olaylar',
  byParty: 'İddia edilen tarafa göre bildirimler ve olaylar',
  byWeek: 'Haftaya göre bildirimler ve olaylar',
  type: 'Tür',
  governorate: 'Vilayet',
  party: 'İddia edilen taraf',
  week: 'Hafta başı',
  total: 'Toplam',
  notStated: 'Belirtilmemiş veya taraf değil',
  unknownPlace: 'Yeri belirlenmemiş',
  map: 'Olay haritası',
  mapCaption: 'Dönem içinde vilayete göre bildirimler',
  mapSource:
    'Sınırlar: BM Kartografya Bölümü ve BM OCHA, Suriye Ortak Operasyonel Veri Seti (HDX), CC BY-IGO. Gösterilen sınırlar ve adlar Birleşmiş Milletler tarafından resmî olarak onaylandığı ya da kabul edildiği anlamına gelmez.',
  mapLegend: 'bildirim',
  findings: 'Dönem içinde kabul edilen tespitler',
  findingsIntro: 'Her tespit, garantörler tarafından mekanizmanın karar kuralına göre kabul edildi. Özet, olayın ilk bildirimidir ve özgün dilindedir.',
  noFindings: 'Bu dönemde tespit kabul edilmedi.',
  adopted: 'Kabul',
  finding: 'Tespit',
  andMore: '… ve {n} tespit daha: hepsini listeleyen veri ekine bakınız.',
  verification: {
    corroborated: 'Doğrulandı',
    'not-corroborated': 'Doğrulanmadı',
    'outside-agreement': 'Anlaşmanın kapsamı dışında',
    inadmissible: 'Kabul edilemez',
  },
  methodology: 'Yöntem',
  methodologyText: [
    'Bildirimler ateşkesin taraflarından, garantörlerden ve saha gözlemcilerinden web uygulaması, saha formu veya API aracılığıyla alınır. Her bildirim olayın zamanını ve yerini kesinlik derecesiyle, ihlal türünü, iddia edilen faili, etkilenen tarafı, kayıpları ve kaynakları belirtir. Bildirim asla yerinde değiştirilmez: düzeltme yeni bir sürümdür, geri çekme kaydedilir.',
    'Aynı olayın bildirimleri sekretarya veya bir garantör tarafından tek bir olayda birleştirilir. Suçlanan tarafa bildirilir ve süre dolmadan yanıt verme hakkı vardır. Her garantör kendi değerlendirmesini kaydeder; mekanizmanın karar kuralı sağlandığında (aksi belirlenmedikçe garantörlerin oybirliği) tespit kabul edilir.',
    'Tespit, ihlalin bildirimler ve kanıtlarla doğrulanıp doğrulanmadığını, anlaşmanın kapsamı dışında kalıp kalmadığını (yer, zaman veya eylemin türü) ya da kabul edilemez olduğunu söyler. Bildirimler ve olaylar olayın gerçekleştiği güne göre sayılır; tespit kabul edildiği dönemde listelenir. Kayıp sayıları değerlendirme öncesi bildirilen sayılardır.',
  ],
  checkpointNote:
    'Tüm rakamlar yukarıda gösterilen kayıt denetim noktasında (ağaç boyutu ve kök özeti) okunmuştur. Kaydın açık anahtarına sahip herkes bu noktanın kayda ait olduğunu ve kaydın o zamandan beri yeniden yazılmadığını doğrulayabilir.',
  status: 'Ateşkesin durumu',
  agreementInForce: '{title}: {from} tarihinden beri yürürlükte.',
  agreementEnded: '{title}: {from} ile {to} arasında yürürlükteydi.',
  noAgreement: 'Kayıtlı anlaşma yok.',
  excludedGroups: 'Ateşkes dışındaki silahlı grup sayısı: {n}.',
  exchanges: 'Tutuklu takasları',
  exchangesProposed: 'Önerilen takaslar',
  exchangesCompleted: 'Tamamlanan takaslar',
  personsReleased: 'Serbest bırakılan kişiler',
  category: 'Kategori',
  persons: 'Kişiler',
  exchangeStatus: {
    proposed: 'Önerildi',
    approved: 'İki tarafça onaylandı',
    endorsed: 'Garantörlerce desteklendi',
    completed: 'Tamamlandı',
    withdrawn: 'Geri çekildi',
  },
  categories: {
    civilian: 'Siviller',
    combatant: 'Savaşanlar',
    minor: 'Küçükler',
    woman: 'Kadınlar',
    elderly: 'Yaşlılar',
    sick: 'Hastalar',
    unknown: 'Belirtilmemiş',
  },
  noReleases: 'Bu dönemde serbest bırakma kaydedilmedi.',
  decisions: 'Dönemin kararları',
  noDecisions: 'Bu dönemde gözlemcilerle paylaşılan bir karar alınmadı.',
  decisionsUnavailable: 'Toplantı kayıtlarına ulaşılamıyor.',
  decisionsNotShared: 'Dönem içinde alınan {n} karar daha yalnızca belirli tarafları ilgilendiriyor ve gözlemcilerle paylaşılmıyor.',
  openIssues: 'Açık konular',
  openIssuesText: 'Bu brifingin denetim noktasında açık olaylar (kabul edilmiş tespiti olmayan).',
  repliesOverdue: 'Süresi geçen yanıtlar',
  repliesDue: 'Beklenen yanıtlar',
  assessmentsMissing: 'Eksik değerlendirmeler',
  disputed: 'Tartışmalı (değerlendirmeler farklı)',
};

const fa: PublicationText = {
  unTitle: 'گزارش نقض آتش‌بس',
  unSubtitle: 'به سازمان ملل متحد',
  issgTitle: 'گزارش پیشرفت',
  issgSubtitle: 'به {group}',
  draft: 'پیش‌نویس، منتشر نشده',
  summary: 'خلاصه',
  summaryText: 'سازوکار در این دوره {reports} گزارش نقض دریافت کرد که در {incidents} رویداد گروه‌بندی شدند، و {findings} یافته را تصویب کرد.',
  reports: 'گزارش‌ها',
  incidents: 'رویدادها',
  killed: 'کشته‌ها',
  injured: 'زخمی‌ها',
  findingsAdopted: 'یافته‌های تصویب‌شده',
  change: '{change} نسبت به دورهٔ پیش',
  newSince: 'در دورهٔ پیش هیچ',
  noChange: 'برابر با دورهٔ پیش',
  trendHeading: 'روند',
  trendReports: 'گزارش‌ها: {current} در این دوره در برابر {previous} در دورهٔ پیشینِ هم‌اندازه ({change}).',
  trendIncidents: 'رویدادها: {current} در برابر {previous} ({change}).',
  previousPeriod: 'دورهٔ پیش',
  casualties: 'تلفات',
  civilians: 'غیرنظامیان',
  combatants: 'رزمندگان',
  casualtiesUnknown: 'شمار گزارش‌شده، پیش از ارزیابی. {n} گزارش شمار کامل را نداده‌اند.',
  byType: 'گزارش‌ها و رویدادها بر پایهٔ نوع نقض',
  byGovernorate: 'گزارش‌ها و رویدادها بر پایهٔ استان',
  byParty: 'گزارش‌ها و رویدادها بر پایهٔ طرف متهم',
  byWeek: 'گزارش‌ها و رویدادها بر پایهٔ هفته',
  type: 'نوع',
  governorate: 'استان',
  party: 'طرف متهم',
  week: 'هفتهٔ',
  total: 'جمع',
  notStated: 'نامشخص یا غیر از طرف‌ها',
  unknownPlace: 'بی‌مکان',
  map: 'نقشهٔ رویدادها',
  mapCaption: 'گزارش‌ها بر پایهٔ استان در این دوره',
  mapSource:
    'مرزها: بخش نقشه‌نگاری سازمان ملل و دفتر هماهنگی امور بشردوستانه، مجموعه داده‌های عملیاتی مشترک سوریه (HDX)، CC BY-IGO. مرزها و نام‌های نشان‌داده‌شده به معنای تأیید یا پذیرش رسمی سازمان ملل متحد نیست.',
  mapLegend: 'گزارش',
  findings: 'یافته‌های تصویب‌شده در این دوره',
  findingsIntro: 'هر یافته را ضامنان بر پایهٔ قاعدهٔ تصمیم‌گیری سازوکار تصویب کرده‌اند. خلاصه، نخستین گزارش رویداد به زبان اصلی آن است.',
  noFindings: 'در این دوره یافته‌ای تصویب نشد.',
  adopted: 'تصویب',
  finding: 'یافته',
  andMore: '… و {n} یافتهٔ دیگر: پیوست داده‌ها همهٔ آن‌ها را فهرست می‌کند.',
  verification: {
    corroborated: 'تأییدشده',
    'not-corroborated': 'تأییدنشده',
    'outside-agreement': 'بیرون از توافق',
    inadmissible: 'غیرقابل‌پذیرش',
  },
  methodology: 'روش کار',
  methodologyText: [
    'گزارش‌ها از طرف‌های آتش‌بس، ضامنان و ناظران میدانی از راه برنامهٔ وب، فرم میدانی یا رابط برنامه‌نویسی دریافت می‌شوند. هر گزارش زمان و مکان رویداد و دقت آن‌ها، نوع نقض، عامل متهم، طرف آسیب‌دیده، تلفات و منابع را بیان می‌کند. گزارش هرگز در جای خود ویرایش نمی‌شود: اصلاح، نسخه‌ای تازه است و پس‌گرفتن ثبت می‌شود.',
    'گزارش‌های یک رویداد را دبیرخانه یا یکی از ضامنان در یک رویداد گرد می‌آورد. به طرف متهم آگاهی داده می‌شود و تا مهلتی معین حق پاسخ دارد. هر ضامن ارزیابی خود را ثبت می‌کند؛ یافته هنگامی تصویب می‌شود که قاعدهٔ تصمیم‌گیری سازوکار برآورده شود (اجماع ضامنان، مگر آنکه جز این تعیین شده باشد).',
    'یافته می‌گوید که آیا گزارش‌ها و شواهد وقوع نقض را تأیید می‌کنند، تأیید نمی‌کنند، رویداد بیرون از دامنهٔ توافق است (مکان، زمان یا نوع کنش)، یا گزارش غیرقابل‌پذیرش است. گزارش‌ها و رویدادها بر پایهٔ روز وقوع شمرده می‌شوند؛ یافته در دوره‌ای که تصویب شده فهرست می‌شود. شمار تلفات همان شمار گزارش‌شده پیش از ارزیابی است.',
  ],
  checkpointNote:
    'همهٔ ارقام در نقطهٔ وارسی دفتر ثبتِ نشان‌داده‌شده در بالا (اندازهٔ درخت و هش ریشه) خوانده شده‌اند. هر کس کلید عمومی دفتر ثبت را داشته باشد می‌تواند وارسی کند که این نقطه بخشی از آن است و دفتر از آن پس بازنویسی نشده است.',
  status: 'وضعیت آتش‌بس',
  agreementInForce: '{title}: از {from} نافذ است.',
  agreementEnded: '{title}: از {from} تا {to} نافذ بود.',
  noAgreement: 'توافقی ثبت نشده است.',
  excludedGroups: '{n} گروه مسلح بیرون از آتش‌بس هستند.',
  exchanges: 'تبادل بازداشت‌شدگان',
  exchangesProposed: 'تبادل‌های پیشنهادشده',
  exchangesCompleted: 'تبادل‌های انجام‌شده',
  personsReleased: 'افراد آزادشده',
  category: 'دسته',
  persons: 'افراد',
  exchangeStatus: {
    proposed: 'پیشنهادشده',
    approved: 'تأییدشده از سوی دو طرف',
    endorsed: 'پشتیبانی‌شده از سوی ضامنان',
    completed: 'انجام‌شده',
    withdrawn: 'پس‌گرفته‌شده',
  },
  categories: { civilian: 'غیرنظامیان', combatant: 'رزمندگان', minor: 'کودکان', woman: 'زنان', elderly: 'سالمندان', sick: 'بیماران', unknown: 'نامشخص' },
  noReleases: 'در این دوره آزادی‌ای ثبت نشد.',
  decisions: 'تصمیم‌های دوره',
  noDecisions: 'در این دوره تصمیمی که با ناظران به اشتراک گذاشته شود تصویب نشد.',
  decisionsUnavailable: 'سوابق نشست‌ها در دسترس نیست.',
  decisionsNotShared: '{n} تصمیم دیگرِ این دوره تنها به طرف‌هایی معین مربوط است و با ناظران به اشتراک گذاشته نمی‌شود.',
  openIssues: 'موضوعات باز',
  openIssuesText: 'رویدادهای باز (بدون یافتهٔ تصویب‌شده) در نقطهٔ وارسی این گزارش.',
  repliesOverdue: 'پاسخ‌های دیرکرده',
  repliesDue: 'پاسخ‌های در انتظار',
  assessmentsMissing: 'ارزیابی‌های ناقص',
  disputed: 'مورد اختلاف (ارزیابی‌های ناهمسو)',
};

/** Every language's words, for publicationText (text.ts). */
export const PUBLICATION_TEXT: Record<DocumentLanguage, PublicationText> = { en, ar, ru, tr, fa };

/** Syrian governorate names in the languages the boundaries file does not carry (it has English and Arabic). */
export const GOVERNORATE_NAMES: Record<string, Partial<Record<DocumentLanguage, string>>> = {
  SY01: { ru: 'Дамаск', tr: 'Şam', fa: 'دمشق' },
  SY02: { ru: 'Алеппо', tr: 'Halep', fa: 'حلب' },
  SY03: { ru: 'Риф-Димашк', tr: 'Şam Kırsalı', fa: 'ریف دمشق' },
  SY04: { ru: 'Хомс', tr: 'Humus', fa: 'حمص' },
  SY05: { ru: 'Хама', tr: 'Hama', fa: 'حماه' },
  SY06: { ru: 'Латакия', tr: 'Lazkiye', fa: 'لاذقیه' },
  SY07: { ru: 'Идлиб', tr: 'İdlib', fa: 'ادلب' },
  SY08: { ru: 'Эль-Хасака', tr: 'Haseke', fa: 'حسکه' },
  SY09: { ru: 'Дейр-эз-Зор', tr: 'Deyrizor', fa: 'دیرالزور' },
  SY10: { ru: 'Тартус', tr: 'Tartus', fa: 'طرطوس' },
  SY11: { ru: 'Эр-Ракка', tr: 'Rakka', fa: 'رقه' },
  SY12: { ru: 'Дераа', tr: 'Dera', fa: 'درعا' },
  SY13: { ru: 'Эс-Сувейда', tr: 'Süveyda', fa: 'سویدا' },
  SY14: { ru: 'Эль-Кунейтра', tr: 'Kuneytra', fa: 'قنیطره' },
};
