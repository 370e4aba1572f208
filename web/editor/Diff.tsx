// A change, field by field, in words a planner reads: the field's label, what it was, what it is.
// The review page, the history and the conflict view all show changes this way.
import type { Change } from '../../geo/editing.ts';
import { FUNDING, LOCATION_ACCURACIES, POSITION_SOURCES, TITLE_KINDS, Prose, proseIn, STATUSES, THEMES, type Geometry, type Source } from '../../geo/index.ts';
import type { ProgressEntry } from '../../geo/progress.ts';
import type { Lang } from '../app/i18n.ts';
import { te, type EditorKey } from './strings.ts';

/** Label keys by the last member of a path; the first of a LocalText says which language. */
const LABELS: Record<string, EditorKey> = {
  'title.bg': 'titleBg', 'title.en': 'titleEn', 'summary.bg': 'summaryBg', 'summary.en': 'summaryEn',
  'name.bg': 'zoneName', 'name.en': 'zoneNameEn', 'description.bg': 'descriptionBg', 'description.en': 'descriptionEn',
  kind: 'kind', programmeId: 'programmeId', theme: 'theme', secondaryThemes: 'secondaryThemes', planLinks: 'planLinksTitle',
  planLinkNote: 'planLinkNote', settlement: 'settlement', outsideMunicipality: 'outside', locationText: 'locationText',
  locationAccuracy: 'locationAccuracy', locationBasis: 'locationBasis', budgetAmount: 'budgetAmount', budgetCurrency: 'budgetCurrency',
  budgetEur: 'budgetEur', budgetNote: 'budgetNote', funding: 'funding', fundingText: 'fundingText', startYear: 'startYear',
  endYear: 'endYear', periodText: 'periodText', periodInferred: 'periodInferred', status: 'status', statusAsOf: 'statusAsOf',
  statusText: 'statusText', sources: 'sources', geometry: 'geometry', code: 'code', confidence: 'itemConfidence',
  confidenceNote: 'confidenceNote', goalId: 'parent', priorityId: 'parent', parentLinkConfidence: 'parentLinkConfidence',
  definedBy: 'definedBy', boundaryText: 'boundaryText', geometryAccuracy: 'geometryAccuracy', geometryBasis: 'geometryBasis',
  population: 'population', level: 'level', id: 'id', progress: 'progressTitle', titleKind: 'titleKind',
  positionSource: 'positionSource', outsideSettlement: 'outsideSettlement', fundingConfidence: 'fundingConfidence',
};

/** The members of a progress entry, named as its form names them. */
const ENTRY_LABELS: Record<string, EditorKey> = {
  date: 'entryDate', status: 'entryStatus', percent: 'entryPercent', contracted: 'entryContracted', paid: 'entryPaid', note: 'entryNote', sources: 'sources',
};

export function fieldLabel(lang: Lang, path: string): string {
  const entry = /^properties\.progress\.(\d+)\.(\w+)/.exec(path);
  if (entry) return `${te(lang, 'progressEntryN', { n: Number(entry[1]) + 1 })}: ${ENTRY_LABELS[entry[2]] ? te(lang, ENTRY_LABELS[entry[2]]) : entry[2]}`;
  const members = path.replace(/^properties\./, '').split('.');
  const key = LABELS[members.slice(-2).join('.')] ?? LABELS[members.at(-1)!];
  if (key) return te(lang, key);
  // One language of a text kept with its translation (geo/prose.ts): "Бележка за бюджета — на английски".
  const language = { bg: 'inBulgarian', en: 'inEnglish' }[members.at(-1)!] as EditorKey | undefined;
  const of = LABELS[members.at(-2) ?? ''];
  return of && language ? `${te(lang, of)} — ${te(lang, language)}` : path;
}

const vertexCount = (c: unknown): number => (typeof (c as number[])[0] === 'number' ? 1 : (c as unknown[]).reduce<number>((n, x) => n + vertexCount(x), 0));

/** Fields whose values are codes of a vocabulary, shown by their label. */
const VOCABULARIES: Record<string, { table: Record<string, { label: { bg: string; en: string } }> }> = {
  theme: THEMES, secondaryThemes: THEMES, status: STATUSES, locationAccuracy: LOCATION_ACCURACIES, funding: FUNDING,
  titleKind: TITLE_KINDS, positionSource: POSITION_SOURCES,
};

/** A value as short text: a code by its label, a geometry by its type and place, a list joined, unknown said as such. */
export function showValue(lang: Lang, value: unknown, path = ''): string {
  const vocabulary = VOCABULARIES[path.split('.').at(-1)!];
  const label = (code: unknown) => (typeof code === 'string' && vocabulary?.table[code]?.label[lang]) || code;
  if (vocabulary && typeof value === 'string') return String(label(value));
  if (vocabulary && Array.isArray(value)) return value.map(label).join(', ') || te(lang, 'empty');
  if (value === null || value === undefined || value === '') return te(lang, 'empty');
  if (typeof value === 'boolean') return te(lang, value ? 'yes' : 'no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const g = value as Geometry;
  if (typeof g === 'object' && 'type' in g && 'coordinates' in g) {
    if (g.type === 'Point') return `Point ${g.coordinates[0].toFixed(6)}, ${g.coordinates[1].toFixed(6)}`;
    return te(lang, 'geometrySummary', { type: g.type, n: vertexCount(g.coordinates) });
  }
  if (Array.isArray(value) && value.length && value.every(isEntry)) return value.map((e) => entryWords(lang, e)).join('\n');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || te(lang, 'empty');
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'url' in v)) return value.map((v: Source) => `${v.url} — ${proseIn(v.supports, lang).text}`).join('\n');
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'level' in v)) return value.map((v: { level: string; id: string; confidence: string }) => `${v.id} (${v.confidence})`).join(', ') || te(lang, 'empty');
  if (Prose.safeParse(value).success) return proseIn(value as Prose, lang).text;
  return JSON.stringify(value);
}

const isEntry = (v: unknown): v is ProgressEntry => !!v && typeof v === 'object' && 'date' in v && 'status' in v && 'sources' in v;

/** One progress entry in a few lines: date, status, percent, amounts in EUR, note, sources. */
function entryWords(lang: Lang, e: ProgressEntry): string {
  const eur = (m: ProgressEntry['paid']) => (m && typeof m.eur === 'number' ? `${new Intl.NumberFormat(lang === 'bg' ? 'bg-BG' : 'en-GB', { maximumFractionDigits: 2 }).format(m.eur)} €` : null);
  const head = [
    `${e.date} ${showValue(lang, e.status, 'status')}`,
    e.percent !== null && e.percent !== undefined ? `${e.percent} %` : null,
    eur(e.contracted) && `${te(lang, 'contractedShort')} ${eur(e.contracted)}`,
    eur(e.paid) && `${te(lang, 'paidShort')} ${eur(e.paid)}`,
  ].filter(Boolean);
  return [head.join(', '), e.note && `  ${proseIn(e.note, lang).text}`, ...(e.sources ?? []).map((s) => `  ${s.url} — ${proseIn(s.supports, lang).text}`)].filter(Boolean).join('\n');
}

/**
 * A change of the progress entries as what was taken away (before) and what was added (after); an
 * entry edited is both. Unchanged entries are only counted, so a new entry reads as "+ 2026-12-05 Завършен".
 */
export function progressChange(lang: Lang, before: unknown, after: unknown): { was: string; now: string } {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isEntry) : []);
  const key = (e: ProgressEntry) => JSON.stringify(e);
  const [was, now] = [list(before), list(after)];
  const removed = was.filter((e) => !now.some((n) => key(n) === key(e)));
  const added = now.filter((e) => !was.some((w) => key(w) === key(e)));
  const kept = now.length - added.length;
  const lines = (sign: string, entries: ProgressEntry[]) => entries.map((e) => `${sign} ${entryWords(lang, e)}`);
  const unchanged = kept ? [te(lang, 'entriesUnchanged', { n: kept })] : [];
  return { was: [...lines('−', removed), ...unchanged].join('\n') || te(lang, 'empty'), now: [...lines('+', added), ...unchanged].join('\n') || te(lang, 'empty') };
}

export function Diff({ lang, changes, caption }: { lang: Lang; changes: Change[]; caption?: string }) {
  if (!changes.length) return <p className="muted">{te(lang, 'noChanges')}</p>;
  return (
    <table className="diff">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{te(lang, 'field')}</th>
          <th scope="col">{te(lang, 'before')}</th>
          <th scope="col">{te(lang, 'after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => {
          const entries = c.path === 'properties.progress' ? progressChange(lang, c.before, c.after) : null;
          return (
            <tr key={c.path} data-path={c.path}>
              <th scope="row">{fieldLabel(lang, c.path)}</th>
              <td className="was">{entries ? entries.was : showValue(lang, c.before, c.path)}</td>
              <td className="now">{entries ? entries.now : showValue(lang, c.after, c.path)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
