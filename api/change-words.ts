// A published change in Bulgarian words, for the feed of changes: a title ("Обновено: …") and an
// HTML fragment that says field by field what changed (geo/editing.ts fieldChanges), in plain
// words where the vocabulary has them (statuses, themes, settlements, a new progress entry), with
// the item's sources. Only the records speak here: a publication carries no author, reviewer or
// reason, and none of them may reach the public.
import { interventionMapHref } from '../geo/map-link.ts';
import { fieldChanges, type Change, type PlanItemRecord } from '../geo/editing.ts';
import type { Geometry, Intervention, InterventionFilter, LocalText, ProgressEntry, Source, Translated, Zone } from '../geo/index.ts';
import { FUNDING, LOCATION_ACCURACIES, POSITION_SOURCES, STATUSES, THEMES, TITLE_KINDS, ZONE_KINDS } from '../geo/vocabulary.ts';
import { proseBg } from '../geo/prose.ts';
import { isMasterPlanZone } from '../geo/zone.ts';
import type { Publication } from '../data/published.ts';
import { escape } from './ogc/html.ts';

export interface Words {
  settlementNames: Map<string, LocalText>;
  /** plan items by id as readers name them (geo/plan.ts planItemLabel): our ids are not the plan's codes */
  planNames: Map<string, string>;
}

type Verb = 'new' | 'updated' | 'removed' | 'restored';
const VERB: Record<Verb, string> = { new: 'Ново', updated: 'Обновено', removed: 'Премахнато', restored: 'Възстановено' };
const LEVEL: Record<PlanItemRecord['level'], string> = { goal: 'цел', priority: 'приоритет', measure: 'мярка' };

/** What the publication did to the public's map: a deletion, a first version, a return after a deletion, or an edit. */
export function verbOf(p: Publication): Verb {
  if (p.record === null) return 'removed';
  if (p.previous === null) return p.action === 'create' ? 'new' : 'restored';
  return 'updated';
}

/** The record the publication is about: the new one, or for a deletion the one it took away. */
export const subjectOf = (p: Publication) => (p.record ?? p.previous)!;

/** The item's name as a reader knows it: an intervention's title, "мярка 1.2 …", "зона …". */
export function itemName(p: Publication): string {
  const r = subjectOf(p);
  if (p.kind === 'intervention') return (r as Intervention).properties.title.bg;
  if (p.kind === 'zone') return `зона ${(r as Zone).properties.name.bg}`;
  const item = r as PlanItemRecord;
  return [LEVEL[item.level], item.code, item.title.bg ?? item.title.en ?? item.id].filter(Boolean).join(' ');
}

export const entryTitle = (p: Publication) => `${VERB[verbOf(p)]}: ${itemName(p)}`;

/** Where the map shows the item: the detail of an intervention, the map filtered to a plan item or a zone. */
export function mapHref(base: string, p: Publication): string {
  const r = subjectOf(p);
  const id = encodeURIComponent(p.item);
  if (p.kind === 'intervention') return interventionMapHref(base, p.item);
  if (p.kind === 'plan-item') return `${base}/?${(r as PlanItemRecord).level}=${id}`;
  return isMasterPlanZone(r as Zone) ? `${base}/?oup=1` : `${base}/?zone=${id}`;
}

// ---------------------------------------------------------------- fields and values

/** Field paths (without "properties.") in words; a path not listed is shown as it is. */
const FIELD: Record<string, string> = {
  'title.bg': 'заглавие', 'title.en': 'заглавие на английски', 'summary.bg': 'описание', 'summary.en': 'описание на английски',
  'name.bg': 'име', 'name.en': 'име на английски', 'description.bg': 'описание', 'description.en': 'описание на английски',
  kind: 'вид', programmeId: 'програма', theme: 'тема', secondaryThemes: 'други теми', planLinks: 'връзки с плана',
  planLinkNote: 'бележка към връзките с плана', settlement: 'населено място', outsideMunicipality: 'извън общината',
  locationText: 'място', locationAccuracy: 'точност на мястото', locationBasis: 'основание за мястото', geometry: 'място на картата',
  budget: 'бюджет', budgetAmount: 'бюджет', budgetCurrency: 'валута на бюджета', budgetEur: 'бюджет в евро', budgetNote: 'бележка към бюджета',
  funding: 'финансиране', fundingText: 'финансиране по източника', startYear: 'начална година', endYear: 'крайна година',
  periodText: 'срок по източника', periodInferred: 'срокът е изведен', status: 'статус', statusAsOf: 'статус към',
  statusText: 'статус по източника', progress: 'ход на изпълнение', sources: 'източници', code: 'код', level: 'ниво',
  goalId: 'цел', priorityId: 'приоритет', parentLinkConfidence: 'връзка с по-горното ниво', confidence: 'достоверност',
  confidenceNote: 'бележка за достоверността', definedBy: 'определена от', boundaryText: 'граници',
  geometryAccuracy: 'точност на границите', geometryBasis: 'основание за границите', population: 'население',
  masterPlanType: 'устройствена зона', titleKind: 'вид на наименованието', positionSource: 'откъде е точката',
  outsideSettlement: 'извън землището на населеното място', fundingConfidence: 'достоверност на финансирането',
};

/** A field in words; the language versions of a text are named after it ("основание за мястото на английски"). */
function fieldWords(field: string): string {
  const [, base, lang] = /^(.+)\.(bg|en|original)$/.exec(field) ?? [];
  if (!base || !FIELD[base] || FIELD[field]) return FIELD[field] ?? field;
  return lang === 'bg' ? FIELD[base] : lang === 'en' ? `${FIELD[base]} на английски` : `${FIELD[base]}: език на оригинала`;
}

const MAX_TEXT = 300;
const number = new Intl.NumberFormat('bg-BG', { maximumFractionDigits: 2 });
const cut = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);
const labelOf = (table: Record<string, { label: { bg: string } }>, id: unknown) => table[String(id)]?.label.bg ?? String(id);

const sourceLink = (s: Source) => `<a href="${escape(s.url)}">${escape(cut(proseBg(s.supports)))}</a>`;

function money(m: ProgressEntry['contracted']): string | null {
  return m === null ? null : `${number.format(m.amount)} ${m.currency}${m.currency === 'EUR' ? '' : ` (${number.format(m.eur)} EUR)`}`;
}

function progressEntry(e: ProgressEntry): string {
  const parts = [
    `${e.date} — ${labelOf(STATUSES.table, e.status)}`,
    e.percent === null ? null : `${number.format(e.percent)} %`,
    money(e.contracted) && `договорено ${money(e.contracted)}`,
    money(e.paid) && `платено ${money(e.paid)}`,
  ].filter(Boolean);
  return `${escape(`${parts.join(', ')}${e.note ? `: ${cut(proseBg(e.note))}` : ''}`)} (${e.sources.map(sourceLink).join(', ')})`;
}

/** Members of `after` that `before` lacks, compared as JSON. */
const added = <T>(before: unknown, after: unknown): T[] => {
  const old = new Set((Array.isArray(before) ? before : []).map((x) => JSON.stringify(x)));
  return (Array.isArray(after) ? after : []).filter((x) => !old.has(JSON.stringify(x))) as T[];
};

/** One value in words, already escaped as HTML. */
function value(field: string, v: unknown, words: Words): string {
  if (v === null || v === undefined) return '—';
  if (field === 'budget') return escape(budget(v as Budget) ?? '—');
  if (Array.isArray(v)) return v.length ? v.map((x) => value(field, x, words)).join(', ') : '—';
  if (typeof v === 'boolean') return v ? 'да' : 'не';
  if (typeof v === 'number') return escape(number.format(v));
  if (field === 'theme' || field === 'secondaryThemes') return escape(labelOf(THEMES.table, v));
  if (field === 'status') return escape(labelOf(STATUSES.table, v));
  if (field === 'locationAccuracy') return escape(labelOf(LOCATION_ACCURACIES.table, v));
  if (field === 'funding') return escape(labelOf(FUNDING.table, v));
  if (field === 'titleKind') return escape(labelOf(TITLE_KINDS.table, v));
  if (field === 'positionSource') return escape(labelOf(POSITION_SOURCES.table, v));
  if (field === 'kind') return escape(labelOf({ ...ZONE_KINDS.table, project: { label: { bg: 'проект' } }, programme: { label: { bg: 'програма' } } }, v));
  if (field === 'settlement') return escape(words.settlementNames.get(String(v))?.bg ?? String(v));
  if (field === 'planLinks') {
    const link = v as Intervention['properties']['planLinks'][number];
    return escape(`${words.planNames.get(link.id) ?? `${LEVEL[link.level] ?? link.level} ${link.id}`}${link.confidence === 'inferred' ? ' (изведена)' : ''}`);
  }
  if (typeof v === 'string') return `„${escape(cut(v))}“`;
  if (typeof v === 'object' && 'original' in v) return `„${escape(cut(proseBg(v as Translated)))}“`;
  return escape(cut(JSON.stringify(v)));
}

type Budget = Pick<Intervention['properties'], 'budgetAmount' | 'budgetCurrency' | 'budgetEur'>;
const BUDGET_FIELDS = ['properties.budgetAmount', 'properties.budgetCurrency', 'properties.budgetEur'];
const STATUS_FIELDS = ['properties.status', 'properties.statusAsOf', 'properties.statusText'];

/** The budget as published, with its euro value beside an amount in leva; null is unknown. */
function budget(b: Budget): string | null {
  if (b.budgetAmount === null || b.budgetCurrency === null) return b.budgetEur === null ? null : `${number.format(b.budgetEur)} EUR`;
  return `${number.format(b.budgetAmount)} ${b.budgetCurrency}${b.budgetCurrency === 'EUR' || b.budgetEur === null ? '' : ` (${number.format(b.budgetEur)} EUR)`}`;
}

/**
 * The changes as a reader follows them: the three budget fields as one, and with a new progress
 * entry, only the status beside it (its date and words are the entry's, shown with it).
 */
function readable(changes: Change[], before: unknown, after: unknown): Change[] {
  const paths = new Set(changes.map((c) => c.path));
  const budgetOf = (r: unknown) => (r as Intervention).properties as Budget;
  return changes.flatMap((c): Change[] => {
    if (paths.has('properties.progress') && STATUS_FIELDS.slice(1).includes(c.path)) return [];
    if (!BUDGET_FIELDS.includes(c.path)) return [c];
    return c.path === BUDGET_FIELDS.find((f) => paths.has(f)) ? [{ path: 'budget', before: budgetOf(before), after: budgetOf(after) }] : [];
  });
}

/** One changed field as a list item. */
function changeItem(c: Change, words: Words): string {
  const field = c.path.replace(/^properties\./, '');
  const label = escape(fieldWords(field));
  if (field === 'geometry') {
    const said = c.before === null ? 'мястото е добавено на картата' : c.after === null ? 'мястото е премахнато от картата' : 'мястото е променено';
    return `<li>${said}</li>`;
  }
  if (field === 'progress') {
    const fresh = added<ProgressEntry>(c.before, c.after).map((e) => `<li>нов запис: ${progressEntry(e)}</li>`);
    const gone = added<ProgressEntry>(c.after, c.before).map((e) => `<li>премахнат запис: ${progressEntry(e)}</li>`);
    return `<li>${label}:<ul>${[...fresh, ...gone].join('')}</ul></li>`;
  }
  if (field === 'sources') {
    const fresh = added<Source>(c.before, c.after).map((s) => `<li>добавен: ${sourceLink(s)}</li>`);
    const gone = added<Source>(c.after, c.before).map((s) => `<li>премахнат: ${escape(s.url)}</li>`);
    return `<li>${label}:<ul>${[...fresh, ...gone].join('')}</ul></li>`;
  }
  return `<li>${label}: ${value(field, c.before, words)} → ${value(field, c.after, words)}</li>`;
}

/** The facts a reader wants first about a new or restored item. */
function essentials(p: Publication, words: Words): string[] {
  const r = subjectOf(p);
  const fields: [string, unknown][] =
    p.kind === 'intervention'
      ? (() => {
          const q = (r as Intervention).properties;
          return [['theme', q.theme], ['status', q.status], ['settlement', q.settlement], ['locationText', q.locationText], ['budget', q], ['startYear', q.startYear], ['endYear', q.endYear], ['funding', q.funding]];
        })()
      : p.kind === 'zone'
        ? [['kind', (r as Zone).properties.kind], ['definedBy', (r as Zone).properties.definedBy]]
        : [['code', (r as PlanItemRecord).code], ['summary.bg', (r as PlanItemRecord).summary.bg]];
  return fields.map(([field, v]) => `<li>${escape(FIELD[field])}: ${value(field, v, words)}</li>`);
}

const sourcesOf = (r: unknown): Source[] => (r as { sources?: Source[]; properties?: { sources?: Source[] } }).properties?.sources ?? (r as { sources?: Source[] }).sources ?? [];

/** What the publication changed, as an HTML fragment; every text from the data escaped. */
export function changeHtml(p: Publication, words: Words): string {
  const verb = verbOf(p);
  const out: string[] = [];
  if (verb === 'removed') out.push('<p>Премахнато от картата.</p>');
  else if (verb === 'updated') {
    const changes = readable(fieldChanges(p.previous, p.record), p.previous, p.record);
    out.push(changes.length ? `<p>Променено:</p><ul>${changes.map((c) => changeItem(c, words)).join('')}</ul>` : '<p>Публикувано отново без промяна.</p>');
  } else {
    out.push(`<p>${verb === 'new' ? 'Добавено на картата' : 'Върнато на картата'}:</p><ul>${essentials(p, words).join('')}</ul>`);
    if (p.kind !== 'plan-item' && (subjectOf(p) as { geometry: Geometry | null }).geometry === null) out.push('<p>Все още без място на картата.</p>');
  }
  const sources = sourcesOf(subjectOf(p));
  if (sources.length) out.push(`<p>Източници:</p><ul>${sources.map((s) => `<li>${sourceLink(s)}</li>`).join('')}</ul>`);
  return out.join('');
}

// ---------------------------------------------------------------- the filter, for the feed's title

export interface FilterWords extends Words {
  zoneNames: Map<string, string>;
  municipalityNames: Map<string, string>;
}

/** The filter in words, e.g. "тема: Транспорт и улици; населено място: Шипка" (not escaped: plain text). */
export function filterWords(f: InterventionFilter, words: FilterWords): string {
  const list = (ids: readonly string[] | undefined, name: (id: string) => string) => ids?.map(name).join(', ');
  const labels = (table: Record<string, { label: { bg: string } }>) => (id: string) => labelOf(table, id);
  const eur = (n: number) => `${number.format(n)} €`;
  const parts: [string, string | undefined][] = [
    ['община', list(f.municipality, (code) => words.municipalityNames.get(code) ?? code)],
    ['тема', list(f.theme, labels(THEMES.table))],
    ['статус', list(f.status, labels(STATUSES.table))],
    ['населено място', list(f.settlement, (id) => words.settlementNames.get(id)?.bg ?? id)],
    ['финансиране', list(f.funding, labels(FUNDING.table))],
    ['цел', list(f.goal, (id) => words.planNames.get(id) ?? id)],
    ['приоритет', list(f.priority, (id) => words.planNames.get(id) ?? id)],
    ['мярка', list(f.measure, (id) => words.planNames.get(id) ?? id)],
    ['зона', list(f.zone, (id) => words.zoneNames.get(id) ?? id)],
    ['устройствена зона', list(f.masterPlanZone, (id) => words.zoneNames.get(id) ?? id)],
    ['точност на мястото', list(f.accuracy, labels(LOCATION_ACCURACIES.table))],
    ['активни през', f.year?.toString()],
    ['период', f.from !== undefined || f.to !== undefined ? [f.from !== undefined && `от ${f.from}`, f.to !== undefined && `до ${f.to}`].filter(Boolean).join(' ') : undefined],
    ['бюджет', f.minBudget !== undefined || f.maxBudget !== undefined ? [f.minBudget !== undefined && `от ${eur(f.minBudget)}`, f.maxBudget !== undefined && `до ${eur(f.maxBudget)}`].filter(Boolean).join(' ') : undefined],
    ['търсене', f.q === undefined ? undefined : `„${f.q}“`],
    ['близо до', f.near && `${f.near.lat}, ${f.near.lon} (до ${number.format(f.near.radius)} м)`],
    ['в района', f.bbox?.join(', ')],
    ['място на картата', f.located === undefined ? undefined : f.located ? 'има' : 'няма'],
  ];
  return parts.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}: ${v}`).join('; ');
}
