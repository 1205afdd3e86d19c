/**
 * Curated name lists for synthetic Syrian detainee lists, written for this generator.
 * Each line: Arabic spelling | a reference Latin spelling (plain, with the short vowels and
 * doubled consonants a careful clerk would write, "al-" marking the article). The Latin
 * only serves to recover the sound skeleton (phonemes.ts); the spellings that appear in
 * lists come from the Wikidata variants and the letter rules. Frequencies come from the
 * Wikidata token counts (name-pool.ts); a curated name missing there gets a floor weight.
 *
 * The Wikidata tokens cannot tell men's names from women's or given names from family
 * names, hence these lists; the family-name pool is widened with Arab nisba names found
 * in the data (name-pool.ts).
 */

/** Men's given names common in Syria (Muslim, Christian, Druze, Alawite). */
export const MALE_GIVEN = `
محمد|muhammad
أحمد|ahmad
علي|ali
حسن|hasan
حسين|husayn
محمود|mahmud
خالد|khalid
عمر|umar
إبراهيم|ibrahim
يوسف|yusuf
مصطفى|mustafa
عبد الله|abd allah
عبد الرحمن|abd al-rahman
عبد الكريم|abd al-karim
عبد الرزاق|abd al-razzaq
عبد القادر|abd al-qadir
عبد العزيز|abd al-aziz
عبد الحميد|abd al-hamid
عبد الرحيم|abd al-rahim
عبد السلام|abd al-salam
عبد اللطيف|abd al-latif
عبد الغني|abd al-ghani
عبد المجيد|abd al-majid
عبد الناصر|abd al-nasir
عبد الهادي|abd al-hadi
عبد الوهاب|abd al-wahhab
عبد الجبار|abd al-jabbar
عبد الباسط|abd al-basit
عبد الحكيم|abd al-hakim
عبد الفتاح|abd al-fattah
عبد المنعم|abd al-mun'im
عبد الإله|abd al-ilah
عبد الحليم|abd al-halim
عبد الرؤوف|abd al-ra'uf
عبد الستار|abd al-sattar
عبد الخالق|abd al-khaliq
عبد الملك|abd al-malik
عبد الرحيم|abd al-rahim
نور الدين|nur al-din
صلاح الدين|salah al-din
علاء الدين|ala' al-din
عز الدين|izz al-din
سيف الدين|sayf al-din
خير الدين|khayr al-din
بدر الدين|badr al-din
شمس الدين|shams al-din
محي الدين|muhyi al-din
زين الدين|zayn al-din
فتح الله|fath allah
نصر الله|nasr allah
عطا الله|ata allah
خير الله|khayr allah
جاد الله|jad allah
حسام|husam
سامر|samir
سمير|samir
باسل|basil
بشار|bashshar
ماهر|mahir
مازن|mazin
ياسر|yasir
وائل|wa'il
رامي|rami
فادي|fadi
هاني|hani
طارق|tariq
زياد|ziyad
نزار|nizar
غسان|ghassan
عماد|imad
عمار|ammar
أنس|anas
أسامة|usama
حمزة|hamza
بلال|bilal
جمال|jamal
كمال|kamal
نبيل|nabil
جميل|jamil
سعيد|sa'id
سعد|sa'd
صالح|salih
فيصل|faysal
فراس|firas
فارس|faris
رياض|riyad
منير|munir
مهند|muhannad
معاذ|mu'adh
مأمون|ma'mun
ماجد|majid
مجد|majd
وليد|walid
خليل|khalil
إسماعيل|isma'il
عيسى|isa
موسى|musa
يحيى|yahya
زكريا|zakariya
سليمان|sulayman
داود|dawud
عثمان|uthman
أيمن|ayman
أيهم|ayham
هيثم|haytham
قاسم|qasim
جاسم|jasim
حازم|hazim
حاتم|hatim
حامد|hamid
حمدي|hamdi
حمود|hammud
حميد|humayd
رشيد|rashid
راشد|rashid
رضوان|ridwan
رائد|ra'id
زاهر|zahir
سامي|sami
شادي|shadi
صبحي|subhi
ضياء|diya'
طلال|talal
عادل|adil
عدنان|adnan
عصام|isam
علاء|ala'
غياث|ghiyath
فؤاد|fu'ad
فواز|fawwaz
قصي|qusay
لؤي|lu'ay
مالك|malik
محسن|muhsin
مراد|murad
مروان|marwan
منذر|mundhir
مهدي|mahdi
نادر|nadir
ناصر|nasir
نضال|nidal
نعمان|nu'man
هشام|hisham
وسيم|wasim
ياسين|yasin
يونس|yunus
أكرم|akram
أمجد|amjad
أنور|anwar
أيوب|ayyub
بسام|bassam
بكر|bakr
توفيق|tawfiq
ثائر|tha'ir
جهاد|jihad
حافظ|hafiz
حكمت|hikmat
خضر|khidr
راتب|ratib
ربيع|rabi'
رفعت|rif'at
زهير|zuhayr
سالم|salim
سليم|salim
سهيل|suhayl
شريف|sharif
شوقي|shawqi
صفوان|safwan
طه|taha
عامر|amir
عزت|izzat
عمران|imran
عوض|awad
غازي|ghazi
فايز|fayiz
فهد|fahd
قتيبة|qutayba
كنان|kinan
مثنى|muthanna
مصعب|mus'ab
معتز|mu'tazz
مفيد|mufid
منصور|mansur
موفق|muwaffaq
نايف|nayif
نجيب|najib
هادي|hadi
همام|hammam
وحيد|wahid
يزن|yazan
يامن|yamin
أديب|adib
أسعد|as'ad
إياد|iyad
باسم|basim
بهاء|baha'
تامر|tamir
جابر|jabir
جلال|jalal
حيدر|haydar
خلدون|khaldun
رامز|ramiz
رضا|rida
زكي|zaki
سامح|samih
سفيان|sufyan
شاكر|shakir
صدام|saddam
عبيدة|ubayda
عمرو|'amr
غالب|ghalib
فتحي|fathi
فريد|farid
قيس|qays
مؤيد|mu'ayyad
معن|ma'n
ممدوح|mamduh
نواف|nawwaf
هلال|hilal
وجيه|wajih
يعقوب|ya'qub
إلياس|ilyas|4
حنا|hanna|3
ميخائيل|mikha'il|2
جرجس|jirjis|2
نقولا|niqula|2
بطرس|butrus|2
سلمان|salman|8
صقر|saqr
مهيدي|muhaydi
عبود|abbud
جعفر|ja'far
عدي|uday
كريم|karim
رياض|riyad
وسام|wisam
أنيس|anis
مهنا|muhanna
مخلص|mukhlis
نصوح|nasuh
`;

/** Women's given names common in Syria. */
export const FEMALE_GIVEN = `
فاطمة|fatima
عائشة|'a'isha
خديجة|khadija
زينب|zaynab
مريم|maryam
آمنة|amina
سارة|sara|25
نور|nur
هدى|huda
رنا|rana
ريم|rim
رهف|rahaf
دعاء|du'a'
آية|aya|20
إيمان|iman
أسماء|asma'
أمل|amal
هبة|hiba
حنان|hanan
سلمى|salma
سعاد|su'ad
سميرة|samira
سناء|sana'
نادية|nadiya
ليلى|layla|25
لينا|lina|15
منى|muna
مها|maha
نهى|nuha
هالة|hala
هند|hind
وفاء|wafa'
ياسمين|yasmin
جميلة|jamila
حليمة|halima
رقية|ruqayya
رحاب|rihab
رغد|raghad
روان|rawan
ريما|rima
زهرة|zahra
سوسن|sawsan
شيماء|shayma'
صفاء|safa'
عبير|abir
عفاف|afaf
علا|ula
غادة|ghada
فرح|farah
لبنى|lubna
لمى|lama
ماجدة|majida
مروة|marwa
منال|manal
ميساء|maysa'
نجلاء|najla'
نسرين|nisrin
نوال|nawal
هناء|hana'
وداد|widad
يسرى|yusra
أمينة|amina
بشرى|bushra
بتول|batul
تهاني|tahani
جنى|jana
حلا|hala
خلود|khulud
دانة|dana
رزان|razan
رشا|rasha
رنيم|ranim
ريهام|riham
سهام|siham
سهى|suha
صبا|saba
عبلة|abla
عزيزة|aziza
غدير|ghadir
فادية|fadiya
فاتن|fatin
كوثر|kawthar
لميس|lamis
ملك|malak
منيرة|munira
نجاح|najah
نعمة|ni'ma
هيفاء|hayfa'
يارا|yara
أروى|arwa
إسراء|isra'
بيان|bayan
تسنيم|tasnim
جمانة|jumana
حياة|hayat
خولة|khawla
رباب|rabab
زكية|zakiya
سحر|sahar
سلام|salam
شهد|shahd
صفية|safiyya
ضحى|duha
فدوى|fadwa
لطيفة|latifa
ميادة|mayyada
هيام|hiyam
وئام|wi'am
يمنى|yumna
ماري|mari|3
ريتا|rita|2
نجوى|najwa
عفراء|afra'
رويدة|ruwayda
سمر|samar
`;

/**
 * Family names common in Syria. Patronymic family names (al-Ahmad, al-Ali…) are added from
 * the men's names by name-pool.ts.
 */
export const FAMILY = `
الشامي|al-shami
الدمشقي|al-dimashqi
القباني|al-qabbani
العظم|al-azm
الخطيب|al-khatib
الحلبي|al-halabi
المصري|al-masri
البغدادي|al-baghdadi
الكردي|al-kurdi
التركماني|al-turkmani
الحمصي|al-himsi
الحموي|al-hamawi
الإدلبي|al-idlibi
الديري|al-dayri
الحوراني|al-hawrani
الجولاني|al-jawlani
الرفاعي|al-rifa'i
الزعبي|al-zu'bi
المقداد|al-miqdad
الحريري|al-hariri
المحاميد|al-mahamid
الكيلاني|al-kilani
الأتاسي|al-atasi
الجندي|al-jundi
السباعي|al-siba'i
الدروبي|al-durubi
الزين|al-zayn
البيطار|al-baytar
النجار|al-najjar
الحداد|al-haddad
الخياط|al-khayyat
العطار|al-attar
الصباغ|al-sabbagh
الدباغ|al-dabbagh
القصاب|al-qassab
اللحام|al-lahham
الحلاق|al-hallaq
الفرا|al-farra
الخباز|al-khabbaz
الطحان|al-tahhan
الحكيم|al-hakim
الطويل|al-tawil
الأسمر|al-asmar
الأشقر|al-ashqar
الأحمر|al-ahmar
الصغير|al-saghir
الكبير|al-kabir
الشيخ|al-shaykh
الحاج|al-hajj
الملا|al-mulla
السيد|al-sayyid
الحسيني|al-husayni
الموسوي|al-musawi
العباسي|al-abbasi
الهاشمي|al-hashimi
التميمي|al-tamimi
الشمري|al-shammari
العنزي|al-anazi
الجبوري|al-jaburi
العبيدي|al-ubaydi
الدليمي|al-dulaymi
البكاري|al-bakkari
النعيمي|al-nu'aymi
الحديدي|al-hadidi
الخلف|al-khalaf
الهويدي|al-huwaydi
الحمادة|al-hamada
العساف|al-assaf
الحمدان|al-hamdan
الفارس|al-faris
الشهابي|al-shihabi
السقا|al-saqqa
الخوري|al-khuri
العكيدي|al-ukaydi
الشعيطي|al-shu'ayti
البوكمالي|al-bukamali
الطائي|al-ta'i
السرميني|al-sarmini
المعراوي|al-ma'arrawi
الجندلي|al-jandali
الزهراوي|al-zahrawi
الخالدي|al-khalidi
البرازي|al-barazi
الشيشكلي|al-shishakli
المسالمة|al-masalma
الأطرش|al-atrash
الحناوي|al-hinnawi
الشوفي|al-shufi
القنطار|al-qantar
الجابري|al-jabiri
الكيالي|al-kayyali
المدرس|al-mudarris
الأنطاكي|al-antaki
البيانوني|al-bayanuni
الطباخ|al-tabbakh
الموصلي|al-mawsili
العاني|al-ani
الراوي|al-rawi
العبود|al-abbud
الحجي|al-hijji
الأخرس|al-akhras
الدالاتي|al-dalati
السمان|al-samman
الطباع|al-tabba'
الحمامي|al-hammami
الصواف|al-sawwaf
الكحال|al-kahhal
الشربجي|al-sharbaji
القدسي|al-qudsi
اللبابيدي|al-lababidi
التل|al-tall
الجاسم|al-jasim
الخضر|al-khidr
العبد|al-abd
الظاهر|al-zahir
النمر|al-nimr
الأسعد|al-as'ad
البدوي|al-badawi
الحسون|al-hassun
الدرويش|al-darwish
الريس|al-rayyis
الزير|al-zir
السلوم|al-sallum
العجيل|al-ujayl
الفرج|al-faraj
المرعي|al-mar'i
النحاس|al-nahhas
الوادي|al-wadi
حداد|haddad
نصر|nasr
سعادة|sa'ada
صليبا|saliba
جبور|jabbur
عبود|abbud
عواد|awwad
شحادة|shihada
قدور|qaddur
خضور|khaddur
ديب|dib
شاهين|shahin
سلوم|sallum
علوش|allush
نصور|nassur
زيدان|zaydan
جمعة|jum'a
بركات|barakat
مرعي|mar'i
مخلوف|makhluf
شاليش|shalish
طلاس|tlas
دوبا|duba
أصلان|aslan
ناصيف|nasif
حبيب|habib
معلوف|ma'luf
زريق|zurayq
طعمة|tu'ma
بشارة|bishara
سمعان|sam'an
كنعان|kan'an
رستم|rustum
غزال|ghazal
نجم|najm
عبيد|ubayd
بدور|baddur
رحمون|rahmun
ونوس|wannus
محفوض|mahfud
حسون|hassun
عرنوس|arnus
حمشو|hamsho
ميهوب|mayhub
جديد|jadid
عزام|azzam
قطيش|qutaysh
طرابيشي|tarabishi
كرمو|karmu
عنتر|antar
سويد|suwayd
شعبان|sha'ban
رمضان|ramadan
عرعور|ar'ur
دياب|diyab
حمادي|hammadi
قداح|qaddah
خليفة|khalifa
أبو زيد|abu zayd
أبو خليل|abu khalil
أبو شقرا|abu shaqra
أبو فخر|abu fakhr
أبو عساف|abu assaf
أبازيد|abazayd
الحاج علي|al-hajj ali
الحاج حسين|al-hajj husayn
الحاج أحمد|al-hajj ahmad
عبد الرحمن|abd al-rahman
عبد الحي|abd al-hayy
`;

/** Men's given names of the first part of a patronymic family name (al-Ahmad…). */
export const PATRONYMIC_FAMILY_FROM = [
  'أحمد',
  'علي',
  'حسن',
  'حسين',
  'محمد',
  'محمود',
  'خليل',
  'إبراهيم',
  'عمر',
  'يوسف',
  'صالح',
  'موسى',
  'عيسى',
  'سليمان',
  'خالد',
  'جاسم',
  'قاسم',
  'حمود',
  'رشيد',
  'حامد',
  'عبد الله',
  'عثمان',
  'يونس',
  'سعيد',
  'إسماعيل',
  'مصطفى',
  'عبد الرحمن',
  'عبد العزيز',
  'سالم',
  'ياسين',
  'داود',
  'عبود',
];

/**
 * Kurdish names: Arabic spelling as in Syrian registers | Kurdish spelling in Arabic script
 * (with ڤ ۆ ێ ڕ ک گ ی) | reference Latin | Kurmanji (Hawar) Latin spelling.
 */
export const KURDISH_MALE = `
آزاد|ئازاد|azad|Azad
شيار|شیار|shiyar|Şiyar
هوزان|هۆزان|hozan|Hozan
دلوفان|دلۆڤان|dilovan|Dilovan
جوان|جوان|jiwan|Ciwan
كاوا|کاوا|kawa|Kawa
سيبان|سیپان|sipan|Sîpan
باران|باران|baran|Baran
زانا|زانا|zana|Zana
ريناس|ڕێناس|renas|Rênas
شفان|شڤان|shivan|Şivan
دليل|دلیل|delil|Delîl
آلان|ئالان|alan|Alan
هفال|هەڤال|heval|Heval
ريزان|ڕێزان|rezan|Rêzan
بروسك|بروسک|birusk|Birûsk
سردار|سەردار|serdar|Serdar
روجهات|ڕۆژهات|rojhat|Rojhat
بوزان|بۆزان|bozan|Bozan
جيا|چیا|chiya|Çiya
`;

export const KURDISH_FEMALE = `
روجدا|ڕۆژدا|rojda|Rojda
بيريفان|بێریڤان|berivan|Berîvan
هيفين|هێڤین|hevin|Hêvîn
نسرين|نەسرین|nesrin|Nesrîn
زوزان|زۆزان|zozan|Zozan
روناهي|ڕۆناهی|ronahi|Ronahî
ديلان|دیلان|dilan|Dîlan
شيرين|شیرین|shirin|Şîrîn
آفين|ئاڤین|avin|Avîn
جيندا|ژیندا|jinda|Jînda
ليلان|لیلان|lilan|Lîlan
روجين|ڕۆژین|rojin|Rojîn
`;

export const KURDISH_FAMILY = `
حسو|حەسۆ|hasso|Hesso
حمو|حەمۆ|hammo|Hemmo
شيخو|شێخۆ|shekho|Şêxo
أوسو|ئۆسۆ|osso|Osso
رشو|ڕەشۆ|rasho|Reşo
بيرو|بیرۆ|biro|Bîro
ميرو|میرۆ|miro|Mîro
عبدي|عەبدی|abdi|Ebdî
شيخموس|شێخموس|shekhmus|Şêxmûs
ديركي|دێرکی|deriki|Dêrikî
عفريني|عەفرینی|afrini|Efrînî
كوباني|کۆبانی|kobani|Kobanî
زازا|زازا|zaza|Zaza
ملا|مەلا|mala|Mela
حاجي|حاجی|haji|Hacî
بكر|بەکر|bakr|Bekir
`;

/**
 * Arabic tokens of the Wikidata data that start with ال but are not family names (ordinals
 * of kings, titles, countries), kept out of the nisba family-name pool.
 */
export const NOT_FAMILY_NAMES = new Set([
  'الأول',
  'الثاني',
  'الثالث',
  'الرابع',
  'الخامس',
  'السادس',
  'السابع',
  'الثامن',
  'التاسع',
  'العاشر',
  'الحادي',
  'الأمير',
  'الأميرة',
  'الملك',
  'الملكة',
  'القديس',
  'القديسة',
  'الإمبراطور',
  'البابا',
  'الشيخ',
  'النمسا',
  'البرتغال',
  'الدنمارك',
  'المجر',
  'السويد',
  'الهندي',
  'الصيني',
  'الياباني',
  'الروسي',
  'الأمريكي',
  'الإنجليزي',
  'الفرنسي',
  'الألماني',
  'الإيطالي',
  'الإسباني',
  'البريطاني',
  'اليوناني',
  'الروماني',
  'البولندي',
  'الثاني',
  'الأكبر',
  'الأصغر',
  'الكبرى',
  'الصغرى',
  'العظيم',
  'الأوسط',
  'الجديد',
  'القديم',
  'الابن',
  'الأب',
  'البلغاري',
  'التركي',
  'الفارسي',
  'الأرمني',
  'الإغريقي',
  'الأوكراني',
  'النرويجي',
  'الهولندي',
  'البلجيكي',
  'السويسري',
  'الكندي',
  'الأسترالي',
  'البرازيلي',
  'المكسيكي',
  'الأرجنتيني',
  'الإيرلندي',
  'الاسكتلندي',
]);
