// UI strings in Bulgarian (default) and English. Content stays as published (Bulgarian), with the
// English title or summary where the data has one.
export type Lang = 'bg' | 'en';

const STRINGS = {
  // Only until the plan has loaded, or if it has no short title: the plan names itself.
  appTitle: { bg: 'ПИРО', en: 'Integrated Development Plan' },
  appSubtitle: { bg: 'Какво предвижда планът близо до вас', en: 'What the plan does near you' },
  language: { bg: 'English', en: 'Български' },
  languageLabel: { bg: 'Switch to English', en: 'Превключи на български' },
  search: { bg: 'Търсене (напр. {place}, {latin}, водопровод)', en: 'Search (e.g. {latin}, {place}, water main)' },
  searchPlain: { bg: 'Търсене (напр. водопровод)', en: 'Search (e.g. water main)' },
  searchLabel: { bg: 'Търсене в интервенциите', en: 'Search interventions' },
  list: { bg: 'Списък', en: 'List' },
  filters: { bg: 'Филтри', en: 'Filters' },
  results: { bg: 'интервенции', en: 'interventions' },
  resultsOne: { bg: 'интервенция', en: 'intervention' },
  onlyInView: { bg: 'Само в обхвата на картата', en: 'Only in the map view' },
  sortBy: { bg: 'Подреди по', en: 'Sort by' },
  sortDefault: { bg: 'реда в плана', en: 'plan order' },
  sortDistance: { bg: 'разстояние', en: 'distance' },
  sortBudget: { bg: 'бюджет (най-голям)', en: 'budget (largest)' },
  sortTitle: { bg: 'заглавие', en: 'title' },
  sortStart: { bg: 'начална година', en: 'start year' },
  noLocation: { bg: 'без местоположение', en: 'no location yet' },
  approximate: { bg: 'приблизително', en: 'approximate' },
  nothingFound: { bg: 'Нищо не отговаря на филтрите.', en: 'Nothing matches the filters.' },
  shownOf: { bg: 'Показани са {shown} от {matched}.', en: 'Showing {shown} of {matched}.' },
  listMore: { bg: 'Покажи още {more} (от {left} останали)', en: 'Show {more} more ({left} left)' },
  narrowInView: { bg: 'Стеснете филтрите или приближете картата.', en: 'Narrow the filters or zoom in.' },
  narrowAll: {
    bg: 'Стеснете филтрите или включете „Само в обхвата на картата“ и приближете картата.',
    en: 'Narrow the filters, or tick “Only in the map view” and zoom in.',
  },
  clearAll: { bg: 'Изчисти всички филтри', en: 'Clear all filters' },
  theme: { bg: 'Тема', en: 'Theme' },
  status: { bg: 'Статус', en: 'Status' },
  funding: { bg: 'Финансиране', en: 'Funding' },
  settlement: { bg: 'Населено място', en: 'Settlement' },
  zone: { bg: 'Зона', en: 'Zone' },
  plan: { bg: 'План: цел → приоритет', en: 'Plan: goal → priority' },
  year: { bg: 'Активни през година', en: 'Active in year' },
  anyYear: { bg: 'всяка', en: 'any' },
  budget: { bg: 'Бюджет (EUR)', en: 'Budget (EUR)' },
  min: { bg: 'от', en: 'min' },
  max: { bg: 'до', en: 'max' },
  nearMe: { bg: 'Близо до мен', en: 'Near me' },
  nearSettlement: { bg: 'или населено място', en: 'or a settlement' },
  pickOnMap: { bg: 'Посочи на картата', en: 'Pick on the map' },
  pickHint: { bg: 'Щракнете върху картата, за да изберете точка.', en: 'Click the map to choose a point.' },
  radius: { bg: 'Радиус', en: 'Radius' },
  clearNear: { bg: 'Без точка', en: 'Clear point' },
  geoDenied: { bg: 'Местоположението не е достъпно.', en: 'Your location is not available.' },
  nearFrom: { bg: 'Подредени по разстояние от избраната точка', en: 'Sorted by distance from the chosen point' },
  export: { bg: 'Изтегли', en: 'Download' },
  exportHint: { bg: 'точно показаното', en: 'exactly what is shown' },
  close: { bg: 'Затвори', en: 'Close' },
  back: { bg: 'Към списъка', en: 'Back to the list' },
  permalink: { bg: 'Постоянна връзка', en: 'Permalink' },
  lastUpdated: { bg: 'Последна промяна:', en: 'Last updated:' },
  copied: { bg: 'Копирано', en: 'Copied' },
  summary: { bg: 'Описание', en: 'Summary' },
  where: { bg: 'Къде', en: 'Where' },
  placeBasis: { bg: 'Откъде е мястото', en: 'Where the position comes from' },
  outside: { bg: 'извън общината', en: 'outside the municipality' },
  pileCount: { bg: '{n} обекта на това място', en: '{n} items at this place' },
  pileAtCentre: { bg: 'Точката бележи населеното място, не отделен обект: точното място на всеки от тях не е известно.', en: 'The pin marks the settlement, not a site: the exact place of each is not known.' },
  pileOpen: { bg: '{n} обекта на едно място: покажи списъка', en: '{n} items at one place: show the list' },
  outsideSettlement: { bg: 'Извън землището на населеното място:', en: 'Outside the settlement’s land:' },
  fundingInferred: { bg: 'изведено от нас', en: 'inferred by us' },
  planLinks: { bg: 'Връзка с плана', en: 'Link to the plan' },
  official: { bg: 'официална', en: 'official' },
  inferred: { bg: 'изведена от нас', en: 'inferred by us' },
  noPlanLink: { bg: 'не е свързана с план', en: 'not linked to the plan' },
  budgetPublished: { bg: 'както е публикуван', en: 'as published' },
  budgetUnknown: { bg: 'неизвестен', en: 'unknown' },
  fundingLabel: { bg: 'Кой плаща', en: 'Who pays' },
  period: { bg: 'Период', en: 'Period' },
  periodInferred: { bg: 'годините са изведени', en: 'years inferred' },
  statusAsOf: { bg: 'потвърден към', en: 'confirmed as of' },
  sources: { bg: 'Източници', en: 'Sources' },
  programme: { bg: 'Част от програма', en: 'Part of programme' },
  zones: { bg: 'Зони', en: 'Zones' },
  schematic: { bg: 'схематично', en: 'schematic' },
  legend: { bg: 'Легенда', en: 'Legend' },
  masterPlan: { bg: 'Устройствени зони (ОУП)', en: 'Master-plan zones (ОУП)' },
  referenceLayers: { bg: 'Справочни слоеве', en: 'Reference layers' },
  masterPlanNone: { bg: 'Общият устройствен план (ОУП) още няма публикувани зони.', en: 'No master-plan (ОУП) zones have been published yet.' },
  masterPlanZonesList: { bg: 'Зони на картата', en: 'Zones on the map' },
  masterPlanShow: { bg: 'Покажи {zone} на картата', en: 'Show {zone} on the map' },
  masterPlanLabel: { bg: 'Устройствена зона (ОУП)', en: 'Master-plan zone' },
  masterPlanOutside: { bg: 'в никоя от публикуваните зони', en: 'in none of the published zones' },
  byMasterPlanZone: { bg: 'устройствени зони (ОУП)', en: 'master-plan zones'},
  offline: { bg: 'Без интернет: показана е само собствената основа на картата.', en: 'Offline: showing our own base map only.' },
  mapLabel: { bg: 'Карта на интервенциите. Всички обекти са достъпни и от списъка.', en: 'Map of interventions. Every item is also reachable from the list.' },
  loading: { bg: 'Зареждане…', en: 'Loading…' },
  loadError: { bg: 'Данните не можаха да се заредят.', en: 'The data could not be loaded.' },
  refusedBusy: {
    bg: 'Сървърът изчислява други заявки за покритие. Опитайте отново след {seconds} с.',
    en: 'The server is busy with other coverage computations. Try again in {seconds} s.',
  },
  refusedTime: {
    bg: 'Изчислението отне твърде дълго и беше спряно. Стеснете въпроса: тема, населено място, статус или по-малко разстояние.',
    en: 'The computation took too long and was stopped. Narrow the question: a theme, a settlement, a status or a smaller distance.',
  },
  refusedSize: {
    bg: 'Твърде много обекти за едно изчисление. Стеснете филтрите (тема, населено място, статус).',
    en: 'Too many items for one computation. Narrow the filters (theme, settlement, status).',
  },
  km: { bg: 'км', en: 'km' },
  m: { bg: 'м', en: 'm' },
  apiDocs: { bg: 'API и отворени данни', en: 'API and open data' },
  unknown: { bg: 'неизвестно', en: 'unknown' },
  budgetPartlyKnown: {
    bg: 'Част от бюджетите не са публикувани; сумата е само на известните.',
    en: 'Some budgets are unpublished; the sum counts only the known ones.',
  },
  zeroOrUnpublished: { bg: '0 или непубликуван', en: '0 or unpublished' },
  pages: { bg: 'Изглед', en: 'View' },
  pageMap: { bg: 'Карта', en: 'Map' },
  pageCoverage: { bg: 'Покритие', en: 'Coverage' },
  pageEditor: { bg: 'Редактор', en: 'Editor' },
  signIn: { bg: 'Вход за служители', en: 'Staff sign-in' },
  signOut: { bg: 'Изход', en: 'Sign out' },
  signedInAs: { bg: 'Влезли сте като {email} ({role})', en: 'Signed in as {email} ({role})' },
  editItem: { bg: 'Редактирай', en: 'Edit' },
  role_editor: { bg: 'редактор', en: 'editor' },
  role_publisher: { bg: 'публикуващ', en: 'publisher' },
  role_admin: { bg: 'администратор', en: 'administrator' },
  role_moderator: { bg: 'модератор', en: 'moderator' },
  coverageTitle: { bg: 'Покритие на плана', en: 'Plan coverage' },
  groupBy: { bg: 'По', en: 'By' },
  bySettlement: { bg: 'населени места', en: 'settlements' },
  byZone: { bg: 'зони', en: 'zones' },
  metric: { bg: 'Показател', en: 'Metric' },
  metricCount: { bg: 'брой интервенции', en: 'number of interventions' },
  metricBudget: { bg: 'бюджет (EUR)', en: 'budget (EUR)' },
  metricPerResident: { bg: 'бюджет на жител (EUR)', en: 'budget per resident (EUR)' },
  name: { bg: 'Име', en: 'Name' },
  count: { bg: 'Брой', en: 'Count' },
  budgetShort: { bg: 'Бюджет', en: 'Budget' },
  perResident: { bg: 'На жител', en: 'Per resident' },
  population: { bg: 'Жители', en: 'Residents' },
  areaReached: { bg: 'Обхванат дял', en: 'Area reached' },
  unplacedShort: { bg: 'Без място', en: 'Unplaced' },
  noGroup: { bg: 'Без група', en: 'No group' },
  gaps: { bg: 'Пропуски', en: 'Gaps' },
  gapsShow: { bg: 'Покажи места, далеч от интервенции', en: 'Show places far from interventions' },
  gapTheme: { bg: 'на тема', en: 'of theme' },
  anyTheme: { bg: 'всяка', en: 'any' },
  distanceLabel: { bg: 'Разстояние', en: 'Distance' },
  gapArea: { bg: 'извън обхват', en: 'out of reach' },
  residentsBeyond: { bg: 'жители на повече от', en: 'residents live farther than' },
  fromAny: { bg: 'от интервенция', en: 'from an intervention' },
  downloadTable: { bg: 'Изтегли таблицата (CSV)', en: 'Download the table (CSV)' },
  downloadGaps: { bg: 'Изтегли пропуските (GeoJSON)', en: 'Download the gaps (GeoJSON)' },
  unplacedNote: { bg: 'Интервенции без място (общински или неуточнени) не са разпределени по картата:', en: 'Interventions without a place (municipality-wide or unknown) are not spread over the map:' },
  noPopulation: { bg: 'няма публикувано население', en: 'no published population' },
  coverageIntro: { bg: 'Колко и за какво предвижда планът по населени места и зони; къде няма нищо.', en: 'How much the plan does where, per settlement and zone; and where it does nothing.' },
  reachNote: { bg: 'Обхванат дял: част от площта на до 500 м от интервенция на групата.', en: 'Area reached: share of the area within 500 m of the group’s interventions.' },
  // The plan as of a date, what changed since, the feed and the annual report (issue 13).
  whenLegend: { bg: 'Към дата и промени', en: 'As of a date, and changes' },
  asOfLabel: { bg: 'Към дата', en: 'As of' },
  asOfHint: { bg: 'Публикуваното до края на избрания ден.', en: 'What was published by the end of the chosen day.' },
  changedSinceLabel: { bg: 'Промени след', en: 'Changed after' },
  changedSinceHint: { bg: 'Само интервенциите, променени след този ден.', en: 'Only the interventions changed after this day.' },
  sinceLastReport: { bg: 'от последния годишен отчет ({day})', en: 'since the last annual report ({day})' },
  allNotOnlyChanges: { bg: 'Всички, не само промените', en: 'Everything, not only changes' },
  dayOutOfRange: { bg: 'Изберете ден от {from} до {to}.', en: 'Choose a day from {from} to {to}.' },
  viewBanner: { bg: 'Показвана дата', en: 'Date shown' },
  // The Bulgarian day ends in "г.", which ends the sentence too.
  bannerAsOf: { bg: 'Показано е публикуваното към {day}', en: 'Showing what was published as of {day}.' },
  bannerChangedSince: { bg: 'Показани са само интервенциите, променени след {day}', en: 'Showing only the interventions changed after {day}.' },
  toToday: { bg: 'Към днес', en: 'Back to today' },
  showAllChanges: { bg: 'Покажи всички', en: 'Show all' },
  viewRefused: { bg: 'Сървърът не прие датата: {message}', en: 'The server did not accept the date: {message}' },
  followChanges: { bg: 'Следвай тези промени (Atom)', en: 'Follow these changes (Atom)' },
  followHint: { bg: 'Емисия с публикуваните промени по избраните филтри, за четец на новини.', en: 'A feed of the published changes to what the filters select, for a feed reader.' },
  annualReport: { bg: 'Годишен отчет за изпълнението', en: 'Annual implementation report' },
  annualReportYear: { bg: 'Година на отчета', en: 'Year of the report' },
  annualReportOpen: { bg: 'Годишен отчет за изпълнението за {year} г.', en: 'Annual implementation report for {year}' },
} as const;

export type StringKey = keyof typeof STRINGS;

/** The string in `lang`, with each `{name}` replaced by `values[name]`. */
export function translate(lang: Lang, key: StringKey, values: Record<string, string> = {}): string {
  return fill(STRINGS[key][lang], values);
}

/**
 * The lookup of a screen's own table of strings (the editor's, the import page's, the timeline's):
 * the string in `lang`, each `{name}` filled from text or a number.
 */
export function translator<K extends string>(table: Record<K, Record<Lang, string>>) {
  return (lang: Lang, key: K, values: Record<string, string | number> = {}): string =>
    fill(table[key][lang], Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])));
}

/** `text` with each `{name}` replaced by `values[name]`; unknown names stay as written. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);
}

/** A label in the chosen language, falling back to the other one. */
export function pick(lang: Lang, text: { bg: string | null; en: string | null } | undefined | null): string {
  if (!text) return '';
  return (lang === 'en' ? (text.en ?? text.bg) : (text.bg ?? text.en)) ?? '';
}
