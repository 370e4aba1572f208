// The closed vocabularies of the domain (see shared/docs/product.md). Each one is a table with
// Bulgarian and English labels, so that filters, the legend, the list badges and the CSV header all
// read from the same place. Colours are chosen for WCAG 2.1 AA contrast against white text.
import { z } from 'zod';

export const LocalText = z.object({
  bg: z.string().min(1).nullable(),
  en: z.string().min(1).nullable(),
});
export type LocalText = z.infer<typeof LocalText>;

interface Term {
  label: { bg: string; en: string };
}

export function vocabulary<const K extends string, T extends Term>(table: Record<K, T>) {
  const ids = Object.keys(table) as [K, ...K[]];
  return { table, ids, schema: z.enum(ids) };
}

export const THEMES = vocabulary({
  transport: { label: { bg: 'Транспорт и улици', en: 'Transport and streets' }, colour: '#1f5fa8' },
  water: { label: { bg: 'Водоснабдяване и канализация', en: 'Water and sewerage' }, colour: '#0b7285' },
  education: { label: { bg: 'Образование', en: 'Education' }, colour: '#6f42c1' },
  health: { label: { bg: 'Здравеопазване', en: 'Health' }, colour: '#c92a2a' },
  social: { label: { bg: 'Социални услуги и жилища', en: 'Social services and housing' }, colour: '#a61e4d' },
  culture: { label: { bg: 'Култура и наследство', en: 'Culture and heritage' }, colour: '#8a5a00' },
  tourism: { label: { bg: 'Туризъм', en: 'Tourism' }, colour: '#b35900' },
  economy: { label: { bg: 'Икономика и индустриална зона', en: 'Economy and industrial zone' }, colour: '#495057' },
  environment: {
    label: { bg: 'Околна среда и енергийна ефективност', en: 'Environment and energy efficiency' },
    colour: '#2b7a0b',
  },
  sport: { label: { bg: 'Спорт', en: 'Sport' }, colour: '#0c6e4f' },
  public_space: { label: { bg: 'Обществени пространства и паркове', en: 'Public space and parks' }, colour: '#5c7f1a' },
  administration: {
    label: { bg: 'Администрация и дигитализация', en: 'Administration and digital' },
    colour: '#364fc7',
  },
});
export const Theme = THEMES.schema;
export type Theme = z.infer<typeof Theme>;

// How far along an item is; `opacity` and `ring` are how the map marks it (fainter for ideas, a
// heavier ring for work under way), `symbol` is the list badge's glyph, so all three agree. Where a
// status is drawn as a mark of its own (the detail's timeline, the report's map figure), `fill` is
// how much of its circle the symbol fills (⊘ is an empty circle struck through) and `colour` its
// ink: each at least 4.5:1 on white and on pale grounds, and never alone, the shape says it too.
export const STATUSES = vocabulary({
  idea: { label: { bg: 'Идея', en: 'Idea' }, symbol: '○', opacity: 0.45, ring: 1, fill: 0, colour: '#595959' },
  planned: { label: { bg: 'Планиран', en: 'Planned' }, symbol: '◔', opacity: 0.75, ring: 1.5, fill: 0.25, colour: '#1f5fa8' },
  contracted: { label: { bg: 'Договориран', en: 'Contracted' }, symbol: '◑', opacity: 0.85, ring: 2, fill: 0.5, colour: '#6f42c1' },
  in_progress: { label: { bg: 'В изпълнение', en: 'In progress' }, symbol: '◕', opacity: 1, ring: 3, fill: 0.75, colour: '#9c4d00' },
  completed: { label: { bg: 'Завършен', en: 'Completed' }, symbol: '●', opacity: 1, ring: 1, fill: 1, colour: '#2b7a0b' },
  cancelled: { label: { bg: 'Прекратен', en: 'Cancelled' }, symbol: '⊘', opacity: 0.35, ring: 1, fill: 0, colour: '#b02525' },
});
export const Status = STATUSES.schema;
export type Status = z.infer<typeof Status>;

// How far the drawn geometry can be trusted; the radius is what a map halo should show.
export const LOCATION_ACCURACIES = vocabulary({
  site: { label: { bg: 'Точно място', en: 'Exact site' }, radiusM: 50 },
  street: { label: { bg: 'На улицата', en: 'On the street' }, radiusM: 200 },
  neighbourhood: { label: { bg: 'В квартала', en: 'In the neighbourhood' }, radiusM: 400 },
  settlement: { label: { bg: 'В населеното място', en: 'In the settlement' }, radiusM: 1000 },
  area: { label: { bg: 'В района', en: 'In the area' }, radiusM: 2000 },
  municipality: { label: { bg: 'Цялата община', en: 'Whole municipality' }, radiusM: null },
  unlocated: { label: { bg: 'Без местоположение', en: 'No location yet' }, radiusM: null },
});
export const LocationAccuracy = LOCATION_ACCURACIES.schema;
export type LocationAccuracy = z.infer<typeof LocationAccuracy>;

// Where a point's coordinates come from. A pin at a settlement's centre marks the settlement, not
// the site, and the map says so; an estimate is our own placement with no coordinate source.
export const POSITION_SOURCES = vocabulary({
  'source-cited': { label: { bg: 'По източник', en: 'From a source' }, note: { bg: 'Източник посочва мястото и точката е поставена там.', en: 'A source names the place and the point is put there.' } },
  'reference-point': { label: { bg: 'По справочна точка', en: 'From a reference point' }, note: { bg: 'Точката е взета от справочен слой (забележителност, регистър).', en: 'The point is taken from a reference layer (a landmark, a registry).' } },
  'settlement-centre': { label: { bg: 'Център на населеното място', en: 'Settlement centre' }, note: { bg: 'Тази точка бележи населеното място, не самия обект.', en: 'This pin marks the settlement, not the site.' } },
  estimate: { label: { bg: 'Приблизителна оценка', en: 'Estimate' }, note: { bg: 'Точката е наша приблизителна оценка, без източник за координатите.', en: 'The point is our estimate; no source gives its coordinates.' } },
});
export const PositionSource = POSITION_SOURCES.schema;
export type PositionSource = z.infer<typeof PositionSource>;

// Whether an item's title is the project's name as published, or words of ours: built from the
// published wording (no formal title found), or the published name with a qualifier we added.
export const TITLE_KINDS = vocabulary({
  official: { label: { bg: 'Официално наименование', en: 'Official title' }, note: { bg: 'Наименованието е както е публикувано.', en: 'The title as published.' } },
  descriptive: { label: { bg: 'Описателно заглавие', en: 'Descriptive title' }, note: { bg: 'Съставено от публикуваните думи; официално наименование не е открито.', en: 'Composed from the published wording; no formal title was found.' } },
  qualified: { label: { bg: 'Заглавие с добавено уточнение', en: 'Title with an added qualifier' }, note: { bg: 'Официалното наименование с добавено от нас уточнение (етап, компонент, програма).', en: 'The official name with a qualifier we added (stage, component, programme).' } },
});
export const TitleKind = TITLE_KINDS.schema;
export type TitleKind = z.infer<typeof TitleKind>;

// Funding programmes as codes, so that "who pays" can be filtered; the wording as published is
// kept beside them in `fundingText`.
export const FUNDING = vocabulary({
  'prr-2021-2027': { label: { bg: 'Програма „Развитие на регионите“ 2021–2027', en: 'Regional Development Programme 2021–2027' }, kind: 'eu' },
  'oprg-2014-2020': { label: { bg: 'ОП „Региони в растеж“ 2014–2020', en: 'OP Regions in Growth 2014–2020' }, kind: 'eu' },
  'opos-2014-2020': { label: { bg: 'ОП „Околна среда“ 2014–2020', en: 'OP Environment 2014–2020' }, kind: 'eu' },
  npvu: { label: { bg: 'План за възстановяване и устойчивост (НПВУ)', en: 'Recovery and Resilience Plan (RRF)' }, kind: 'eu' },
  urbact: { label: { bg: 'URBACT IV', en: 'URBACT IV' }, kind: 'eu' },
  life: { label: { bg: 'Програма LIFE', en: 'LIFE Programme' }, kind: 'eu' },
  'state-budget': { label: { bg: 'Държавен бюджет', en: 'State budget' }, kind: 'national' },
  'ministry-of-culture': { label: { bg: 'Министерство на културата', en: 'Ministry of Culture' }, kind: 'national' },
  pudoos: { label: { bg: 'ПУДООС', en: 'Enterprise for Management of Environmental Protection Activities (PUDOOS)' }, kind: 'national' },
  ndef: { label: { bg: 'Национален доверителен екофонд', en: 'National Trust Eco Fund' }, kind: 'national' },
  'krasiva-bulgaria': { label: { bg: 'Проект „Красива България“', en: 'Beautiful Bulgaria project' }, kind: 'national' },
  'municipal-budget': { label: { bg: 'Общински бюджет', en: 'Municipal budget' }, kind: 'municipal' },
  'fund-for-sustainable-cities': { label: { bg: 'Фонд за устойчиви градове (кредит)', en: 'Fund for Sustainable Cities (loan)' }, kind: 'loan' },
  other: { label: { bg: 'Друго', en: 'Other' }, kind: 'other' },
  unknown: { label: { bg: 'Неизвестно', en: 'Unknown' }, kind: 'unknown' },
});
export const Funding = FUNDING.schema;
export type Funding = z.infer<typeof Funding>;

export const ZONE_KINDS = vocabulary({
  piro_impact: { label: { bg: 'Зона за въздействие (ПИРО)', en: 'Impact zone (PIRO)' } },
  ipgvr_impact: { label: { bg: 'Зона за въздействие (ИПГВР 2014–2020)', en: 'Impact zone (IPGVR 2014–2020)' } },
  iti_priority: { label: { bg: 'Приоритетна зона (ИТИ)', en: 'Priority zone (ITI)' } },
  oup_land_use: { label: { bg: 'Устройствена зона (ОУП)', en: 'Land-use zone (master plan)' } },
  oup_heritage: { label: { bg: 'Територия с културно наследство (ОУП)', en: 'Heritage territory (master plan)' } },
});
export const ZoneKind = ZONE_KINDS.schema;
export type ZoneKind = z.infer<typeof ZoneKind>;

export const GeometryAccuracy = z.enum(['surveyed', 'digitised', 'schematic']);
export type GeometryAccuracy = z.infer<typeof GeometryAccuracy>;

// How sure we are of a plan item or fact: `confirmed` as published by an official or press source,
// `partial` when only part of it is known, `inferred` when we deduced it, `not_found` when unknown.
export const Confidence = z.enum(['confirmed', 'partial', 'inferred', 'not_found']);
export type Confidence = z.infer<typeof Confidence>;

export const LinkConfidence = z.enum(['official', 'inferred']);
export type LinkConfidence = z.infer<typeof LinkConfidence>;

// Bulgaria uses the euro since 1 January 2026 at the fixed conversion rate.
export const BGN_PER_EUR = 1.95583;
export const Currency = z.enum(['BGN', 'EUR']);
export type Currency = z.infer<typeof Currency>;

export function toEur(amount: number, currency: Currency): number {
  const eur = currency === 'EUR' ? amount : amount / BGN_PER_EUR;
  return Math.round(eur * 100) / 100;
}
