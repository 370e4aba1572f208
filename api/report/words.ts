// The report's words in Bulgarian and English, and the number and date formats each language
// reads. Labels of statuses come from the vocabulary (geo/vocabulary.ts), not from here.
import { STATUSES, type LocalText, type Status } from '../../geo/index.ts';

export const LANGS = ['bg', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const WORDS = {
  title: { bg: 'Годишен доклад за изпълнението', en: 'Annual implementation report' },
  asOfEnd: { bg: 'Състояние към', en: 'State as of' },
  asOfToday: {
    bg: 'Годината още не е приключила: докладът показва състоянието към днес,',
    en: 'The year is not over yet: the report shows the state as of today,',
  },
  howToRead: { bg: 'Как да се чете', en: 'How to read it' },
  sourceOfCounts: {
    bg: 'Броят и планираните средства са същите, които картата показва за този ден (параметър asOf); програмите са без сумите на своите проекти, за да не се броят два пъти.',
    en: 'Counts and planned amounts are those the map shows for this day (the asOf parameter); programmes exclude their projects’ amounts, so nothing is counted twice.',
  },
  sourceOfMoney: {
    bg: 'Договорените и платените суми са от последния запис за напредък на всяка интервенция до този ден, който посочва сума. Неизвестна сума не е нула: малкото число под сумата казва за колко интервенции тя е известна.',
    en: 'Contracted and paid amounts come from each intervention’s latest progress entry up to this day that states one. An unknown amount is not zero: the small number under a sum says for how many interventions it is known.',
  },
  notYet: {
    bg: 'интервенции от днешните данни още не са били вписани към тази дата (първият им запис е по-късен) и не са в доклада.',
    en: 'interventions in today’s data were not yet on record on this day (their first entry is later) and are not in the report.',
  },
  truncated: { bg: 'Публикациите за годината са повече, отколкото един доклад чете: списъкът с промени е непълен.', en: 'The year had more publications than one report reads: the list of changes is incomplete.' },
  downloads: { bg: 'Изтегляне', en: 'Download' },
  csvTree: { bg: 'CSV (мерки)', en: 'CSV (measures)' },
  csvLists: { bg: 'CSV (списъци)', en: 'CSV (lists)' },
  otherLang: { bg: 'English', en: 'Български' },
  map: { bg: 'Интервенции с място на картата, по статус', en: 'Located interventions, by status' },
  mapNone: { bg: 'Няма интервенция с място към тази дата.', en: 'No intervention has a place on this day.' },
  mapNote: { bg: 'Линиите и площите са показани с една точка. Граница на общината: © OpenStreetMap contributors (ODbL).', en: 'Lines and areas are shown by one point. Municipal boundary: © OpenStreetMap contributors (ODbL).' },
  tree: { bg: 'По цели, приоритети и мерки', en: 'By goal, priority and measure' },
  item: { bg: 'Цел / приоритет / мярка', en: 'Goal / priority / measure' },
  count: { bg: 'Общо', en: 'Total' },
  planned: { bg: 'Планирани, EUR', en: 'Planned, EUR' },
  contracted: { bg: 'Договорени, EUR', en: 'Contracted, EUR' },
  paid: { bg: 'Платени, EUR', en: 'Paid, EUR' },
  noGoal: { bg: 'Без известна цел', en: 'Goal unknown' },
  noPriority: { bg: 'Без известен приоритет', en: 'Priority unknown' },
  unlinked: { bg: 'Без връзка с плана', en: 'Not linked to the plan' },
  total: { bg: 'Всичко', en: 'All' },
  started: { bg: 'Започнати през годината', en: 'Started in the year' },
  completed: { bg: 'Завършени през годината', en: 'Completed in the year' },
  changed: { bg: 'Променени през годината (публикувани промени)', en: 'Changed in the year (published changes)' },
  dropped: { bg: 'Прекратени или премахнати през годината', en: 'Cancelled or removed in the year' },
  unlocated: { bg: 'Без място на картата', en: 'Without a place on the map' },
  none: { bg: 'Няма.', en: 'None.' },
  id: { bg: 'Номер', en: 'Id' },
  name: { bg: 'Наименование', en: 'Title' },
  date: { bg: 'Дата', en: 'Date' },
  published: { bg: 'Публикувано', en: 'Published' },
  statusEnd: { bg: 'Статус в края', en: 'Status at the end' },
  fields: { bg: 'Какво е променено', en: 'What changed' },
  reason: { bg: 'Причина', en: 'Reason' },
  cancelled: { bg: 'прекратена', en: 'cancelled' },
  deleted: { bg: 'премахната от картата', en: 'removed from the map' },
  created: { bg: 'добавена', en: 'added' },
  place: { bg: 'Описание на мястото', en: 'Place as described' },
  sources: { bg: 'Източници', en: 'Sources' },
  notOnRecord: { bg: 'няма я', en: 'gone' },
} satisfies Record<string, Record<Lang, string>>;

export type Word = keyof typeof WORDS;

export const word = (lang: Lang, key: Word) => WORDS[key][lang];
export const statusLabel = (lang: Lang, status: Status) => STATUSES.table[status].label[lang];
export const local = (lang: Lang, text: LocalText) => text[lang] ?? text.bg ?? text.en ?? '';

// Made once (see geo/calendar.ts): a report writes hundreds of sums and days.
const EUROS = { bg: new Intl.NumberFormat('bg-BG', { maximumFractionDigits: 0 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }) };
const EN_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A sum in whole euros, grouped as the language writes numbers (cents do not matter in a plan's report). */
export const euros = (lang: Lang, n: number) => EUROS[lang].format(n);

/** 2024-12-31 → 31.12.2024 (bg) or 31 Dec 2024 (en); a partial date as it is. */
export function day(lang: Lang, date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const [y, m, d] = date.split('-');
  return lang === 'bg' ? `${d}.${m}.${y}` : EN_DAY.format(new Date(`${date}T00:00:00Z`));
}
