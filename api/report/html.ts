// The report as a printable page: Bulgarian by default, English with ?lang=en. No script, no inline
// style (the sheet is a file, api/report/style.ts); every text from the data is escaped.
import { STATUSES } from '../../geo/index.ts';
import type { Geometry } from '../../geo/index.ts';
import type { AnnualReport, Figures, ReportGoal, ReportMeasure, ReportPriority } from '../../data/report.ts';
import type { ListedChange, ListedDrop, ListedEvent, ListedUnlocated } from '../../data/report-events.ts';
import { escape } from '../ogc/html.ts';
import { glyph, mapFigure } from './figure.ts';
import { day, euros, local, statusLabel, word, type Lang } from './words.ts';

export const REPORT_CSS_PATH = '/api/reports/report.css';

const money = (lang: Lang, sum: number, known: number, count: number) =>
  `<td class="num">${count ? `<span class="n">${known ? euros(lang, sum) : '—'}</span><small>${known}/${count}</small>` : ''}</td>`;

function figureCells(lang: Lang, f: Figures): string {
  const statuses = STATUSES.ids.map((s) => `<td class="num">${f.byStatus[s] || ''}</td>`).join('');
  return `${statuses}<td class="num">${f.count}</td>${money(lang, f.plannedEur, f.budgeted, f.count)}${money(lang, f.contractedEur, f.contractedKnown, f.count)}${money(lang, f.paidEur, f.paidKnown, f.count)}`;
}

const label = (lang: Lang, node: { code: string | null; title: { bg: string | null; en: string | null }; id: string }) =>
  `${node.code ? `<span class="code">${escape(node.code)}</span> ` : ''}${escape(local(lang, node.title) || node.id)}`;

function treeRows(lang: Lang, report: AnnualReport): string {
  const measure = (m: ReportMeasure) => `<tr class="measure"><td>${label(lang, m)}</td>${figureCells(lang, m.figures)}</tr>`;
  const priority = (p: ReportPriority) => `<tr class="priority"><td>${label(lang, p)}</td>${figureCells(lang, p.figures)}</tr>${p.measures.map(measure).join('')}`;
  const goal = (g: ReportGoal) => `<tr class="goal"><td>${label(lang, g)}</td>${figureCells(lang, g.figures)}</tr>${g.priorities.map(priority).join('')}`;
  const { tree } = report;
  const blank = `<td></td>`.repeat(STATUSES.ids.length + 4);
  return [
    ...tree.goals.map(goal),
    tree.orphanPriorities.length ? `<tr class="goal"><td>${escape(word(lang, 'noGoal'))}</td>${blank}</tr>${tree.orphanPriorities.map(priority).join('')}` : '',
    tree.orphanMeasures.length ? `<tr class="goal"><td>${escape(word(lang, 'noPriority'))}</td>${blank}</tr>${tree.orphanMeasures.map(measure).join('')}` : '',
    `<tr class="unlinked"><td>${escape(word(lang, 'unlinked'))}</td>${figureCells(lang, tree.unlinked)}</tr>`,
    `<tr class="sum"><td>${escape(word(lang, 'total'))}</td>${figureCells(lang, tree.total)}</tr>`,
  ].join('\n');
}

function treeTable(lang: Lang, report: AnnualReport): string {
  const statusHeads = STATUSES.ids
    .map((s) => `<th scope="col" class="num turned"><svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">${glyph(s, 8, 8, 5.5)}</svg><span>${escape(statusLabel(lang, s))}</span></th>`)
    .join('');
  const cols = `<col class="item">${'<col class="status">'.repeat(STATUSES.ids.length)}<col class="count"><col class="money"><col class="money"><col class="money">`;
  return `<table class="tree" data-testid="tree"><colgroup>${cols}</colgroup>
<thead><tr><th scope="col">${escape(word(lang, 'item'))}</th>${statusHeads}<th scope="col" class="num">${escape(word(lang, 'count'))}</th><th scope="col" class="num">${escape(word(lang, 'planned'))}</th><th scope="col" class="num">${escape(word(lang, 'contracted'))}</th><th scope="col" class="num">${escape(word(lang, 'paid'))}</th></tr></thead>
<tbody>
${treeRows(lang, report)}
</tbody></table>`;
}

/** A URL as a reader reads it: percent-encoded Cyrillic decoded (the link itself stays as it is). */
const readable = (url: string) => {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
};
const sources = (urls: string[]) => `<ul class="srcs">${urls.map((u) => `<li><a href="${escape(u)}">${escape(readable(u))}</a></li>`).join('')}</ul>`;
const idCell = (item: { id: string; mapUrl: string }) => `<td><a href="${escape(item.mapUrl)}">${escape(item.id)}</a></td>`;
const titleCell = (lang: Lang, item: { title: { bg: string | null; en: string | null } }) => `<td>${escape(local(lang, item.title))}</td>`;
const statusCell = (lang: Lang, item: { statusAtYearEnd: (typeof STATUSES.ids)[number] | null }) =>
  `<td>${escape(item.statusAtYearEnd ? statusLabel(lang, item.statusAtYearEnd) : word(lang, 'notOnRecord'))}</td>`;

interface Column<T> {
  head: string;
  width: string;
  cell: (item: T) => string;
}

function list<T>(lang: Lang, id: string, items: T[], columns: Column<T>[]): string {
  if (!items.length) return `<p class="muted" data-testid="${id}-none">${escape(word(lang, 'none'))}</p>`;
  return `<table data-testid="${id}"><colgroup>${columns.map((c) => `<col class="${c.width}">`).join('')}</colgroup>
<thead><tr>${columns.map((c) => `<th scope="col">${escape(c.head)}</th>`).join('')}</tr></thead>
<tbody>${items.map((item) => `<tr>${columns.map((c) => c.cell(item)).join('')}</tr>`).join('\n')}</tbody></table>`;
}

function lists(lang: Lang, report: AnnualReport): string {
  const w = (key: Parameters<typeof word>[1]) => word(lang, key);
  const base = <T extends ListedEvent | ListedChange | ListedDrop | ListedUnlocated>() => ({
    id: { head: w('id'), width: 'w12', cell: idCell } as Column<T>,
    title: { head: w('name'), width: 'w28', cell: (i: T) => titleCell(lang, i) } as Column<T>,
    status: { head: w('statusEnd'), width: 'w12', cell: (i: T) => statusCell(lang, i) } as Column<T>,
    sources: { head: w('sources'), width: 'w30', cell: (i: T) => `<td>${sources(i.sources)}</td>` } as Column<T>,
  });
  const event = base<ListedEvent>();
  const dated: Column<ListedEvent> = { head: w('date'), width: 'w12', cell: (i) => `<td>${escape(day(lang, i.date))}</td>` };
  const change = base<ListedChange>();
  const drop = base<ListedDrop>();
  const unloc = base<ListedUnlocated>();
  const section = (id: string, title: string, body: string) => `<section aria-labelledby="h-${id}"><h2 id="h-${id}">${escape(title)}</h2>${body}</section>`;
  return [
    section('started', w('started'), list(lang, 'started', report.started, [event.id, event.title, dated, { ...event.status, width: 'w14' }, { ...event.sources, width: 'w24' }])),
    section('completed', w('completed'), list(lang, 'completed', report.completed, [event.id, event.title, dated, { ...event.status, width: 'w14' }, { ...event.sources, width: 'w24' }])),
    section(
      'changed',
      w('changed'),
      (report.publicationsTruncated ? `<p class="warning">${escape(w('truncated'))}</p>` : '') +
        list(lang, 'changed', report.changed, [
          change.id,
          { ...change.title, width: 'w24' },
          { head: w('published'), width: 'w12', cell: (i) => `<td>${escape(day(lang, i.publishedAt.slice(0, 10)))}</td>` },
          { head: w('fields'), width: 'w24', cell: (i) => `<td>${i.actions.includes('create') ? `${escape(w('created'))}; ` : ''}${escape(i.fields.filter((f) => f !== '(record)').join(', '))}</td>` },
          { ...change.sources, width: 'w28' },
        ]),
    ),
    section(
      'dropped',
      w('dropped'),
      list(lang, 'dropped', report.dropped, [
        drop.id,
        { ...drop.title, width: 'w24' },
        { head: w('date'), width: 'w12', cell: (i) => `<td>${escape(day(lang, i.date))}</td>` },
        { head: w('reason'), width: 'w12', cell: (i) => `<td>${escape(w(i.reason))}</td>` },
        { ...drop.status, width: 'w12' },
        { ...drop.sources, width: 'w28' },
      ]),
    ),
    section('unlocated', w('unlocated'), list(lang, 'unlocated', report.unlocated, [unloc.id, unloc.title, { ...unloc.status, width: 'w14' }, { head: w('place'), width: 'w20', cell: (i) => `<td>${escape(i.locationText)}</td>` }, { ...unloc.sources, width: 'w24' }])),
  ].join('\n');
}

/** `municipality`: whose plan, in a store of several; every link of the page keeps it. */
export function reportHtml(report: AnnualReport, outline: Geometry[], lang: Lang, publicUrl: string, municipality?: string): string {
  const w = (key: Parameters<typeof word>[1]) => word(lang, key);
  const base = `${publicUrl}/api/reports/annual/${report.year}`;
  const of = (file: string, query: Record<string, string> = {}) => {
    const q = new URLSearchParams({ ...query, ...(municipality ? { municipality } : {}) }).toString();
    return `${base}.${file}${q ? `?${q}` : ''}`;
  };
  const other: Lang = lang === 'bg' ? 'en' : 'bg';
  const when = report.current ? `${w('asOfToday')} ${day(lang, report.asOf)}.` : `${w('asOfEnd')} ${day(lang, report.asOf)}`;
  const title = `${w('title')} ${report.year} — ${local(lang, report.plan.title)}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<link rel="stylesheet" href="${REPORT_CSS_PATH}">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/json" href="${escape(of('json'))}">
</head>
<body>
<header>
<p class="muted">${escape(local(lang, report.plan.municipality))} · ${escape(`${report.plan.period.startYear}–${report.plan.period.endYear}`)}</p>
<h1>${escape(w('title'))} ${report.year}</h1>
<p class="subtitle">${escape(local(lang, report.plan.title))}</p>
<p class="subtitle" data-testid="as-of"><strong>${escape(when)}</strong></p>
<nav class="tools" aria-label="${escape(w('downloads'))}">
<span>${escape(w('downloads'))}:</span> <a href="${escape(of('csv'))}">${escape(w('csvTree'))}</a> <a href="${escape(of('csv', { part: 'changes' }))}">${escape(w('csvLists'))}</a> <a href="${escape(of('xlsx'))}">XLSX</a> <a href="${escape(of('json'))}">JSON</a>
<a href="${escape(of('html', { lang: other }))}" lang="${other}" hreflang="${other}">${escape(w('otherLang'))}</a>
</nav>
</header>
<main>
<section class="notes" aria-labelledby="h-notes"><h2 id="h-notes">${escape(w('howToRead'))}</h2>
<p>${escape(w('sourceOfCounts'))}</p>
<p>${escape(w('sourceOfMoney'))}</p>
${report.notYetOnRecord ? `<p data-testid="not-yet">${report.notYetOnRecord} ${escape(w('notYet'))}</p>` : ''}
</section>
${mapFigure(report, outline, lang)}
<section aria-labelledby="h-tree"><h2 id="h-tree">${escape(w('tree'))}</h2>
${treeTable(lang, report)}
</section>
${lists(lang, report)}
</main>
</body>
</html>`;
}
