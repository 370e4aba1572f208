// A change, field by field, in words a planner reads: the field's label, what it was, what it is.
// The review page, the history and the conflict view all show changes this way.
import type { Change } from '../../geo/editing.ts';
import { FUNDING, LOCATION_ACCURACIES, STATUSES, THEMES, type Geometry } from '../../geo/index.ts';
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
  population: 'population', level: 'level', id: 'id',
};

export function fieldLabel(lang: Lang, path: string): string {
  const members = path.replace(/^properties\./, '').split('.');
  const key = LABELS[members.slice(-2).join('.')] ?? LABELS[members.at(-1)!];
  return key ? te(lang, key) : path;
}

const vertexCount = (c: unknown): number => (typeof (c as number[])[0] === 'number' ? 1 : (c as unknown[]).reduce<number>((n, x) => n + vertexCount(x), 0));

/** Fields whose values are codes of a vocabulary, shown by their label. */
const VOCABULARIES: Record<string, { table: Record<string, { label: { bg: string; en: string } }> }> = {
  theme: THEMES, secondaryThemes: THEMES, status: STATUSES, locationAccuracy: LOCATION_ACCURACIES, funding: FUNDING,
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
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || te(lang, 'empty');
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'url' in v)) return value.map((v: { url: string; supports: string }) => `${v.url} — ${v.supports}`).join('\n');
  if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'level' in v)) return value.map((v: { level: string; id: string; confidence: string }) => `${v.id} (${v.confidence})`).join(', ') || te(lang, 'empty');
  return JSON.stringify(value);
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
        {changes.map((c) => (
          <tr key={c.path} data-path={c.path}>
            <th scope="row">{fieldLabel(lang, c.path)}</th>
            <td className="was">{showValue(lang, c.before, c.path)}</td>
            <td className="now">{showValue(lang, c.after, c.path)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
