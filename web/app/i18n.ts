// UI strings in Bulgarian (default) and English. Content stays as published (Bulgarian), with the
// English title or summary where the data has one.
export type Lang = 'bg' | 'en';

const STRINGS = {
  appTitle: { bg: 'ПИРО Казанлък 2021–2027', en: 'Kazanlak Development Plan 2021–2027' },
  appSubtitle: { bg: 'Какво предвижда планът близо до вас', en: 'What the plan does near you' },
  language: { bg: 'English', en: 'Български' },
  languageLabel: { bg: 'Switch to English', en: 'Превключи на български' },
  search: { bg: 'Търсене (напр. Шипка, shipka, водопровод)', en: 'Search (e.g. Shipka, Шипка, water main)' },
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
  copied: { bg: 'Копирано', en: 'Copied' },
  summary: { bg: 'Описание', en: 'Summary' },
  where: { bg: 'Къде', en: 'Where' },
  placeBasis: { bg: 'Откъде е мястото', en: 'Where the position comes from' },
  outside: { bg: 'извън общината', en: 'outside the municipality' },
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
  offline: { bg: 'Без интернет: показана е само собствената основа на картата.', en: 'Offline: showing our own base map only.' },
  mapLabel: { bg: 'Карта на интервенциите. Всички обекти са достъпни и от списъка.', en: 'Map of interventions. Every item is also reachable from the list.' },
  loading: { bg: 'Зареждане…', en: 'Loading…' },
  loadError: { bg: 'Данните не можаха да се заредят.', en: 'The data could not be loaded.' },
  km: { bg: 'км', en: 'km' },
  m: { bg: 'м', en: 'm' },
  apiDocs: { bg: 'API и отворени данни', en: 'API and open data' },
  unknown: { bg: 'неизвестно', en: 'unknown' },
} as const;

export type StringKey = keyof typeof STRINGS;

export function translate(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}

/** A label in the chosen language, falling back to the other one. */
export function pick(lang: Lang, text: { bg: string | null; en: string | null } | undefined | null): string {
  if (!text) return '';
  return (lang === 'en' ? (text.en ?? text.bg) : (text.bg ?? text.en)) ?? '';
}
