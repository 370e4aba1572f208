// The consultation in public figures (issue 17):
//   GET /api/consultation/stats                    answered and unanswered per measure and settlement, time to answer
//   GET /api/consultation/report.{json,csv,html}   the record of a period, for the council's annual report
//   GET /api/consultation/answers.atom             the municipality's answers, newest first
// Everything here is built from published contributions, plus counts (never texts) of the others.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../data/store.ts';
import { dayOf, endOfDay, startOfDay, today } from '../../geo/calendar.ts';
import {
  answerCounts,
  AnswerCounts,
  CONTRIBUTION_KINDS,
  CONTRIBUTION_STATES,
  ConsultationStats,
  ContributionProperties,
  REJECT_REASONS,
  type Contribution,
} from '../../geo/contribution.ts';
import { THEMES } from '../../geo/index.ts';
import { ATOM, atomFeed } from '../atom.ts';
import { csvCell } from '../csv.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { escape } from '../ogc/html.ts';
import { day, param, parseQuery } from '../params.ts';
import type { RouteDoc } from '../route-doc.ts';

const tags = ['consultation'];
const counts = <K extends string>(keys: readonly K[]) => z.record(z.enum(keys as [K, ...K[]]), z.number().int());

export const ConsultationReport = z.object({
  from: z.string(),
  to: z.string(),
  /** every contribution posted in the period, whatever became of it */
  received: z.number().int(),
  byKind: counts(CONTRIBUTION_KINDS.ids),
  byState: counts(CONTRIBUTION_STATES.ids),
  /** the categories of the proposals */
  byTheme: counts(THEMES.ids),
  rejectedBy: counts(REJECT_REASONS.ids),
  answers: AnswerCounts,
  /** the published ones, with their answers: what the public may read */
  published: z.array(ContributionProperties),
});
export type ConsultationReport = z.infer<typeof ConsultationReport>;

const PERIOD = [
  param('from', day('a day'), 'First day of the period (YYYY-MM-DD, Sofia time); default 1 January of this year.', '2026-01-01'),
  param('to', day('a day'), 'Last day of the period; default today.', '2026-12-31'),
] as const;
const FORMATS = { json: 'application/json', csv: 'text/csv; charset=utf-8; header=present', html: 'text/html; charset=utf-8' } as const;

export const CONSULTATION_ROUTES: RouteDoc[] = [
  { path: '/api/consultation/stats', summary: 'Published contributions answered and unanswered, and the median days to an answer: in all, per measure (the one named, or the measures of the intervention) and per settlement', tags, response: { type: 'application/json', schema: ConsultationStats, description: 'the counts' } },
  { path: '/api/consultation/report.json', summary: 'The record of the consultation for a period: counts by kind, state, category and reason of rejection, answers, and the published contributions with their answers', tags, query: PERIOD, response: { type: 'application/json', schema: ConsultationReport, description: 'the record' } },
  { path: '/api/consultation/report.csv', summary: 'The published contributions of a period with their answers, one row each (UTF-8 with BOM)', tags, query: PERIOD, response: { type: 'text/csv', description: 'CSV as an attachment' } },
  { path: '/api/consultation/report.html', summary: 'The record of the consultation for a period as a printable page, fit to attach to the council’s annual report', tags, query: PERIOD, response: { type: 'text/html', description: 'an HTML page' } },
  { path: '/api/consultation/answers.atom', summary: 'Atom feed of the municipality’s answers to citizens, newest first', tags, response: { type: 'application/atom+xml', description: 'an Atom 1.0 feed' } },
];

/** Each published contribution's measures: the one it names, or those its intervention is linked to. */
async function measuresOf(store: Store, items: Contribution[]): Promise<Map<number, string[]>> {
  const links = new Map<string, string[]>();
  for (const id of new Set(items.flatMap((c) => (c.properties.interventionId ? [c.properties.interventionId] : [])))) {
    const feature = await store.getIntervention(id);
    links.set(id, (feature?.properties.planLinks ?? []).filter((l) => l.level === 'measure').map((l) => l.id));
  }
  return new Map(items.map((c) => [c.id, c.properties.measureId ? [c.properties.measureId] : (links.get(c.properties.interventionId ?? '') ?? [])]));
}

function grouped<K>(items: Contribution[], keysOf: (c: Contribution) => (K | null)[]) {
  const groups = new Map<K | null, Contribution[]>();
  for (const c of items) for (const key of keysOf(c).length ? keysOf(c) : [null]) groups.set(key, [...(groups.get(key) ?? []), c]);
  return [...groups].map(([key, list]) => ({ key, ...answerCounts(list.map((c) => c.properties)) }));
}

export async function consultationStats(store: Store): Promise<ConsultationStats> {
  const items = await store.publishedContributions({});
  const measures = await measuresOf(store, items);
  return {
    all: answerCounts(items.map((c) => c.properties)),
    measures: grouped(items, (c) => measures.get(c.id)!).map(({ key, ...n }) => ({ measureId: key, ...n })),
    settlements: grouped(items, (c) => [c.properties.settlement]).map(({ key, ...n }) => ({ settlement: key, ...n })),
  };
}

const tally = <K extends string>(keys: readonly K[], values: (K | null)[]) => Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;

export async function consultationReport(store: Store, from: string, to: string): Promise<ConsultationReport> {
  const since = startOfDay(from);
  const until = endOfDay(to);
  const all = await store.contributionsPosted(since, until);
  const published = await store.publishedContributions({ since, until });
  // The record of a period says what was answered by its end: a later answer is not yet there.
  const asAtEnd = published.map(({ properties: p }) => (p.answer && p.answer.answeredAt >= until ? { ...p, answer: null, daysToAnswer: null } : p));
  return {
    from,
    to,
    received: all.length,
    byKind: tally(CONTRIBUTION_KINDS.ids, all.map((c) => c.kind)),
    byState: tally(CONTRIBUTION_STATES.ids, all.map((c) => c.state)),
    byTheme: tally(THEMES.ids, all.filter((c) => c.kind === 'proposal').map((c) => c.theme)),
    rejectedBy: tally(REJECT_REASONS.ids, all.map((c) => c.rejectReason)),
    answers: answerCounts(asAtEnd),
    published: asAtEnd.reverse(),
  };
}

const CSV_COLUMNS: [string, (p: Contribution['properties'], names: Map<string, string>) => string | number | null][] = [
  ['id', (p) => p.id],
  ['posted', (p) => dayOf(p.createdAt)],
  ['kind', (p) => CONTRIBUTION_KINDS.table[p.kind].label.bg],
  ['category', (p) => (p.theme ? THEMES.table[p.theme].label.bg : null)],
  ['settlement', (p, names) => (p.settlement ? (names.get(p.settlement) ?? p.settlement) : null)],
  ['intervention', (p) => p.interventionId],
  ['measure', (p) => p.measureId],
  ['display_name', (p) => p.displayName],
  ['text', (p) => p.text],
  ['duplicates_merged', (p) => p.mergedCount],
  ['answer', (p) => p.answer?.text ?? null],
  ['answered', (p) => (p.answer ? dayOf(p.answer.answeredAt) : null)],
  ['days_to_answer', (p) => p.daysToAnswer],
  ['answer_interventions', (p) => p.answer?.interventionIds.join(' | ') ?? null],
];

function reportCsv(report: ConsultationReport, names: Map<string, string>): string {
  const line = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return `\ufeff${line(CSV_COLUMNS.map(([name]) => name))}${report.published.map((p) => line(CSV_COLUMNS.map(([, value]) => value(p, names)))).join('')}`;
}

function reportHtml(report: ConsultationReport, names: Map<string, string>, publicUrl: string): string {
  const rows = (pairs: [string, number][]) => pairs.map(([k, n]) => `<tr><th scope="row">${escape(k)}</th><td>${n}</td></tr>`).join('');
  const table = (caption: string, pairs: [string, number][]) => `<table><caption>${escape(caption)}</caption><tbody>${rows(pairs)}</tbody></table>`;
  const labelled = <K extends string>(vocab: { table: Record<K, { label: { bg: string } }> }, values: Record<K, number>) => (Object.keys(values) as K[]).map((k): [string, number] => [vocab.table[k].label.bg, values[k]]);
  const a = report.answers;
  // Contributions are plain text: escaped here, links and all, never made into anchors.
  const items = report.published
    .map((p) => `<article><h3>№ ${p.id} · ${escape(CONTRIBUTION_KINDS.table[p.kind].label.bg)} · ${escape(dayOf(p.createdAt))}${p.settlement ? ` · ${escape(names.get(p.settlement) ?? p.settlement)}` : ''}${p.interventionId ? ` · ${escape(p.interventionId)}` : ''}</h3>
<p class="text">${escape(p.text)}</p><p class="muted">${escape(p.displayName)}${p.mergedCount ? ` · още ${p.mergedCount} със същото` : ''}</p>
${p.answer ? `<p><strong>Отговор на общината (${escape(dayOf(p.answer.answeredAt))}, след ${p.daysToAnswer} дни):</strong> ${escape(p.answer.text)}</p>` : '<p class="muted">Без отговор към края на периода.</p>'}</article>`)
    .join('\n');
  return `<!doctype html>
<html lang="bg"><head><meta charset="utf-8"><title>Обществено обсъждане: ${escape(report.from)} – ${escape(report.to)}</title>
<link rel="stylesheet" href="${escape(publicUrl)}/api/reports/report.css"></head>
<body><main>
<h1>Въпроси, коментари и предложения на граждани</h1>
<p>Период: ${escape(report.from)} – ${escape(report.to)}. Получени: ${report.received}; публикувани: ${report.byState.published}; с отговор: ${a.answered}; без отговор: ${a.unanswered}; медиана на времето за отговор: ${a.medianDaysToAnswer === null ? '—' : `${a.medianDaysToAnswer} дни`}.</p>
<p class="muted">Брои се всеки получен принос; текстовете на непубликуваните (чакащи, отхвърлени, оттеглени, обединени с друг) не се показват. Данните за контакт никога не се публикуват.</p>
${table('По вид', labelled(CONTRIBUTION_KINDS, report.byKind))}
${table('По състояние', labelled(CONTRIBUTION_STATES, report.byState))}
${table('Предложения по категория', labelled(THEMES, report.byTheme))}
${table('Отхвърлени по причина', labelled(REJECT_REASONS, report.rejectedBy))}
<h2>Публикувани приноси и отговорите на общината</h2>
${items || '<p>Няма публикувани приноси за периода.</p>'}
<p class="muted">Източник: ${escape(publicUrl)}/api/consultation/report.json?from=${escape(report.from)}&amp;to=${escape(report.to)}</p>
</main></body></html>`;
}

export function consultationRoutes(deps: Deps) {
  const r = new Hono();

  r.get('/consultation/stats', async (c) => {
    parseQuery(c.req.url, []);
    return c.json(await consultationStats(deps.store));
  });

  r.get('/consultation/answers.atom', async (c) => {
    parseQuery(c.req.url, []);
    const base = deps.publicUrl();
    const answered = (await deps.store.publishedContributions({ answered: true }))
      .sort((a, b) => b.properties.answer!.answeredAt.localeCompare(a.properties.answer!.answeredAt))
      .slice(0, 50);
    const xml = atomFeed({
      id: `${base}/api/consultation/answers.atom`,
      title: 'Отговори на общината на въпроси и предложения на граждани',
      updated: answered[0]?.properties.answer!.answeredAt ?? new Date(0).toISOString(),
      author: { name: 'piro-map', uri: base },
      links: [{ rel: 'self', href: `${base}/api/consultation/answers.atom`, type: 'application/atom+xml' }],
      entries: answered.map((f) => {
        const p = f.properties;
        return {
          id: `${base}/api/contributions#${p.id}`,
          title: `${CONTRIBUTION_KINDS.table[p.kind].label.bg} № ${p.id}: отговор на общината`,
          updated: p.answer!.answeredAt,
          published: p.createdAt,
          links: [{ rel: 'alternate' as const, href: p.interventionId ? `${base}/?sel=${encodeURIComponent(p.interventionId)}` : `${base}/?voices=1`, type: 'text/html' }],
          html: `<p>${escape(p.text)}</p><p><strong>Отговор:</strong> ${escape(p.answer!.text)}</p>`,
        };
      }),
    });
    return c.body(xml, 200, { 'Content-Type': ATOM });
  });

  r.get('/consultation/:file', async (c) => {
    const match = /^report\.(json|csv|html)$/.exec(c.req.param('file'));
    if (!match) throw new ApiError(404, 'not_found', 'no such page; ask for report.json, report.csv, report.html, stats or answers.atom');
    const format = match[1] as keyof typeof FORMATS;
    const q = parseQuery(c.req.url, PERIOD);
    const to = q.to ?? today();
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to) throw new ApiError(400, 'invalid_parameter', `from (${from}) is after to (${to})`, { parameter: 'from', value: from });
    const report = await consultationReport(deps.store, from, to);
    if (format === 'json') return c.json(report);
    const names = new Map((await deps.snapshot()).settlements.map((s) => [s.properties.ekatte, s.properties.name.bg]));
    if (format === 'csv') return c.body(reportCsv(report, names), 200, { 'Content-Type': FORMATS.csv, 'Content-Disposition': `attachment; filename="piro-consultation-${from}-${to}.csv"` });
    return c.body(reportHtml(report, names, deps.publicUrl()), 200, { 'Content-Type': FORMATS.html });
  });

  return r;
}
