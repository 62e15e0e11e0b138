// Demo content: the network's hubs and the spaces every ÓzgeEpic hub has.
import type { HubLegalDto, LocalizedTextDto, SpaceKind } from '../../common/api/schemas.ts';

export interface DemoHub {
  slug: string;
  name: LocalizedTextDto;
  city: LocalizedTextDto;
  description: LocalizedTextDto;
  timeZone: string;
  legal: HubLegalDto;
}

// One company runs the network: the Astana hub is its head office, the regional hubs its
// branches, each registered with a BIN of its own (the fifth digit 4: a resident legal entity;
// the sixth 0 for the head office, 1 for a branch). VAT is registered for the company as a whole.
const VAT_CERTIFICATE = { series: '62001', number: '0047718' };

export const DEMO_HUBS: DemoHub[] = [
  {
    slug: 'astana',
    name: { kk: 'ÓzgeEpic Астана', ru: 'ÓzgeEpic Астана', en: 'ÓzgeEpic Astana' },
    city: { kk: 'Астана', ru: 'Астана', en: 'Astana' },
    description: {
      kk: '«Бейбіт үй» тұрғын кешеніндегі шығармашылық хаб: этномұражай, шеберхана, көрмелер мен музыкалық-әдеби кештерге арналған әмбебап зал, заманауи өнер галереясы, театр, ұлттық ойындар алаңы және қазақ баспаларының кітап дүкені. Мұнда жас таланттар өз туындыларын жасап, көрсетіп, сата алады.',
      ru: 'Креативный хаб в жилом комплексе «Мирный дом»: этномузей, ремесленная мастерская, универсальный зал для выставок современного искусства и музыкально-литературных вечеров, галерея современного искусства, театральное пространство, интерактивная зона национальных игр и книжный магазин казахстанских издательств. Здесь молодые таланты создают, показывают и продают свои работы.',
      en: 'A creative hub in the Mirny Dom residential complex: an ethno-museum, an artisans’ workshop, a versatile hall for contemporary art exhibitions and musical and literary evenings, a modern art gallery, a theater space, an interactive national games area and a bookstore of Kazakh publishing houses. Young talent makes, shows and sells its work here.',
    },
    timeZone: 'Asia/Almaty',
    legal: {
      name: { kk: '«ÓzgeEpic» ЖШС', ru: 'ТОО «ÓzgeEpic»', en: 'ÓzgeEpic LLP' },
      bin: '190340018723',
      address: {
        kk: '010000, Астана қаласы, Есіл ауданы, Қабанбай батыр даңғылы, 17, 2-тұрғын емес үй-жай',
        ru: '010000, г. Астана, район Есиль, проспект Кабанбай батыра, 17, нежилое помещение 2',
        en: 'Non-residential premises 2, 17 Kabanbay Batyr Avenue, Esil district, Astana 010000',
      },
      vatPayer: true,
      vatCertificate: VAT_CERTIFICATE,
    },
  },
  {
    slug: 'shymkent',
    name: { kk: 'ÓzgeEpic Шымкент', ru: 'ÓzgeEpic Шымкент', en: 'ÓzgeEpic Shymkent' },
    city: { kk: 'Шымкент', ru: 'Шымкент', en: 'Shymkent' },
    description: {
      kk: 'Оңтүстіктегі алғашқы өңірлік шығармашылық хаб: қолөнершілер, жас суретшілер мен музыканттарға арналған шеберханалар, көрмелер мен кештер.',
      ru: 'Первый региональный креативный хаб на юге страны: мастерские, выставки и вечера для ремесленников, молодых художников и музыкантов.',
      en: 'The first regional creative hub in the south: workshops, exhibitions and evenings for artisans, young artists and musicians.',
    },
    timeZone: 'Asia/Almaty',
    legal: {
      name: {
        kk: '«ÓzgeEpic» ЖШС Шымкент филиалы',
        ru: 'Шымкентский филиал ТОО «ÓzgeEpic»',
        en: 'ÓzgeEpic LLP, Shymkent branch',
      },
      bin: '190541019378',
      address: {
        kk: '160000, Шымкент қаласы, Әл-Фараби ауданы, Байтұрсынов көшесі, 42',
        ru: '160000, г. Шымкент, Аль-Фарабийский район, улица Байтурсынова, 42',
        en: '42 Baitursynov Street, Al-Farabi district, Shymkent 160000',
      },
      vatPayer: true,
      vatCertificate: VAT_CERTIFICATE,
    },
  },
  {
    slug: 'aktobe',
    name: { kk: 'ÓzgeEpic Ақтөбе', ru: 'ÓzgeEpic Актобе', en: 'ÓzgeEpic Aktobe' },
    city: { kk: 'Ақтөбе', ru: 'Актобе', en: 'Aktobe' },
    description: {
      kk: 'Батыс Қазақстандағы шығармашылық хаб: театр студиясы, галерея және ұлттық ойындар клубы.',
      ru: 'Креативный хаб Западного Казахстана: театральная студия, галерея и клуб национальных игр.',
      en: 'The creative hub of Western Kazakhstan: a theater studio, a gallery and a national games club.',
    },
    timeZone: 'Asia/Aqtobe',
    legal: {
      name: {
        kk: '«ÓzgeEpic» ЖШС Ақтөбе филиалы',
        ru: 'Актюбинский филиал ТОО «ÓzgeEpic»',
        en: 'ÓzgeEpic LLP, Aktobe branch',
      },
      bin: '210941005844',
      address: {
        kk: '030000, Ақтөбе қаласы, Әбілқайыр хан даңғылы, 58',
        ru: '030000, г. Актобе, проспект Абилкайыр хана, 58',
        en: '58 Abilkaiyr Khan Avenue, Aktobe 030000',
      },
      vatPayer: true,
      vatCertificate: VAT_CERTIFICATE,
    },
  },
];

export interface DemoSpace {
  slug: string;
  kind: SpaceKind;
  name: LocalizedTextDto;
  description: LocalizedTextDto;
}

export const DEMO_SPACES: DemoSpace[] = [
  {
    slug: 'ethno-museum',
    kind: 'ethno_museum',
    name: { kk: 'Этномұражай', ru: 'Этномузей', en: 'Ethno-museum' },
    description: {
      kk: 'Киіз үй жиһазы, зергерлік бұйымдар, ою-өрнекті текеметтер мен ұлттық киімдер: қазақ тұрмысының тарихы заттар арқылы.',
      ru: 'Убранство юрты, ювелирные украшения, узорные войлоки и национальная одежда: история казахского быта в предметах.',
      en: 'Yurt furnishings, jewellery, patterned felts and traditional dress: the history of Kazakh everyday life told through objects.',
    },
  },
  {
    slug: 'workshop',
    kind: 'workshop',
    name: { kk: 'Қолөнер шеберханасы', ru: 'Ремесленная мастерская', en: 'Artisans’ workshop' },
    description: {
      kk: 'Киіз басу, тоқу, ағаш ою және зергерлік өнер бойынша шеберлік сабақтары; резиденттер осында жұмыс істеп, бұйымдарын сатады.',
      ru: 'Мастер-классы по валянию войлока, ткачеству, резьбе по дереву и ювелирному делу; резиденты работают здесь и продают свои изделия.',
      en: 'Master classes in felt-making, weaving, woodcarving and jewellery; residents work here and sell what they make.',
    },
  },
  {
    slug: 'hall',
    kind: 'hall',
    name: { kk: 'Әмбебап зал', ru: 'Универсальный зал', en: 'The hall' },
    description: {
      kk: 'Заманауи өнер көрмелері, музыкалық және әдеби кештер, кездесулер мен дәрістерге арналған зал.',
      ru: 'Зал для выставок современного искусства, музыкальных и литературных вечеров, встреч и лекций.',
      en: 'A versatile hall for contemporary art exhibitions, musical and literary evenings, talks and lectures.',
    },
  },
  {
    slug: 'gallery',
    kind: 'gallery',
    name: { kk: 'Заманауи өнер галереясы', ru: 'Галерея современного искусства', en: 'Modern art gallery' },
    description: {
      kk: 'Жас қазақстандық суретшілердің кескіндемесі, графикасы мен фотосуреттері; туындыларды сатып алуға болады.',
      ru: 'Живопись, графика и фотография молодых казахстанских художников; работы можно приобрести.',
      en: 'Painting, prints and photography by young Kazakh artists; the works are for sale.',
    },
  },
  {
    slug: 'theater',
    kind: 'theater',
    name: { kk: 'Театр кеңістігі', ru: 'Театральное пространство', en: 'Theater space' },
    description: {
      kk: 'Камералық спектакльдер, оқылымдар мен жас режиссерлердің қойылымдарына арналған сахна.',
      ru: 'Сцена для камерных спектаклей, читок и постановок молодых режиссёров.',
      en: 'A stage for chamber performances, play readings and productions by young directors.',
    },
  },
  {
    slug: 'games',
    kind: 'games',
    name: { kk: 'Ұлттық ойындар алаңы', ru: 'Зона национальных игр', en: 'National games area' },
    description: {
      kk: 'Тоғызқұмалақ, асық ату және басқа да ұлттық ойындар: планшеттерде және нағыз тақталарда ойнаңыз, турнирлерге қатысыңыз.',
      ru: 'Тогызкумалак, асык ату и другие национальные игры: играйте на планшетах и настоящих досках, участвуйте в турнирах.',
      en: 'Togyz kumalak, asyk atu and other national games: play on tablets and real boards, join tournaments.',
    },
  },
  {
    slug: 'bookstore',
    kind: 'bookstore',
    name: { kk: 'Кітап дүкені', ru: 'Книжный магазин', en: 'Bookstore' },
    description: {
      kk: 'Қазақстандық баспалардың кітаптары: көркем әдебиет, балалар кітаптары, тарих пен өнер туралы басылымдар.',
      ru: 'Книги казахстанских издательств: художественная литература, детские книги, издания об истории и искусстве.',
      en: 'Books from Kazakh publishing houses: fiction, children’s books, and works on history and art.',
    },
  },
];

export const DEMO_PASSWORD = 'ozgeepic-demo';

/** Demo accounts: one per role in Astana, a hub admin in each regional hub, and the network admin. */
export const DEMO_ACCOUNTS: {
  email: string;
  name: string;
  hub?: string;
  role?: import('../../common/permissions.ts').HubRole;
  networkAdmin?: boolean;
}[] = [
  { email: 'admin@ozgeepic.kz', name: 'Aigerim Sultanova', networkAdmin: true },
  { email: 'director@astana.ozgeepic.kz', name: 'Нұрлан Әбенов', hub: 'astana', role: 'hub_admin' },
  { email: 'program@astana.ozgeepic.kz', name: 'Дана Қасымова', hub: 'astana', role: 'program_manager' },
  { email: 'boxoffice@astana.ozgeepic.kz', name: 'Ерлан Жұмабаев', hub: 'astana', role: 'box_office' },
  { email: 'curator@astana.ozgeepic.kz', name: 'Айжан Омарова', hub: 'astana', role: 'curator' },
  { email: 'shop@astana.ozgeepic.kz', name: 'Мадина Серікова', hub: 'astana', role: 'shop_clerk' },
  { email: 'resident@astana.ozgeepic.kz', name: 'Асхат Ерболов', hub: 'astana', role: 'resident' },
  { email: 'director@shymkent.ozgeepic.kz', name: 'Бауыржан Төлеуов', hub: 'shymkent', role: 'hub_admin' },
  { email: 'director@aktobe.ozgeepic.kz', name: 'Гүлнар Мұхамбетова', hub: 'aktobe', role: 'hub_admin' },
];
