// The annual implementation report: GET /api/reports/annual/{year}.json (the model), .html (the
// printable page), .csv and .xlsx. The report chooses its own day (31 December, or today for the
// current year) and reads the view store of that day, as ?asOf= does; so it is mounted beside the
// public reads, not among them, and asOf= is not one of its parameters.
import { Hono } from 'hono';
import { z } from 'zod';
import { planFor } from '../../data/plan-tree.ts';
import { AnnualReport, buildAnnualReport, reportDay, reportYears } from '../../data/report.ts';
import { MunicipalityCode, type Geometry, type Plan } from '../../geo/index.ts';
import type { Deps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { param, parseQuery, text, type Param } from '../params.ts';
import { reportCsv, REPORT_PARTS } from '../report/csv.ts';
import { reportHtml } from '../report/html.ts';
import { REPORT_CSS } from '../report/style.ts';
import { LANGS } from '../report/words.ts';
import { reportXlsx } from '../report/xlsx.ts';
import type { RouteDoc } from '../route-doc.ts';

const LANG = param('lang', z.enum(LANGS, `allowed values are ${LANGS.join(', ')}`), 'language of the page: bg (default) or en', 'en');
const PART = param(
  'part',
  z.enum(REPORT_PARTS, `allowed values are ${REPORT_PARTS.join(', ')}`),
  'measures (default): the plan tree, one row per goal, priority and measure with a `level` column; changes: the interventions started, completed, changed or dropped in the year and those without a place, with a `list` column',
  'changes',
);

const MUNICIPALITY = param(
  'municipality',
  // Trimmed as every parameter's values are (api/params.ts).
  text(100)
    .transform((s) => s.trim())
    .pipe(MunicipalityCode),
  'the municipality whose plan the report is of (its ЕКАТТЕ code; /api/municipalities), where the store holds several; the default plan’s when left out',
  'SZR12',
);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORMATS = {
  json: { type: 'application/json', params: [MUNICIPALITY] as readonly Param[] },
  html: { type: 'text/html; charset=utf-8', params: [LANG, MUNICIPALITY] as readonly Param[] },
  csv: { type: 'text/csv; charset=utf-8; header=present', params: [PART, MUNICIPALITY] as readonly Param[] },
  xlsx: { type: XLSX, params: [MUNICIPALITY] as readonly Param[] },
} as const;
type Format = keyof typeof FORMATS;

// Named reportYear, not year: the documents' examples take `year` from the data (the earliest
// start of an intervention), which may lie before the plan and outside the report's years.
const YEAR_PARAM = [{ name: 'reportYear', description: 'the year, from the plan’s first year to the current one', example: '2024' }];
const WHAT =
  'Per goal → priority → measure: counts of interventions by status and EUR planned (budget), contracted and paid, on 31 December of the year (for the current year: today); the interventions started, completed, changed or dropped in the year, with their sources; those without a place. Counts and planned EUR equal /api/plan?asOf=YYYY-12-31. Contracted and paid come from each intervention’s latest progress entry that states an amount; unknown amounts are not counted as zero, and each sum says for how many it is known.';

export const REPORT_ROUTES: RouteDoc[] = [
  { path: '/api/reports/annual/{reportYear}.json', summary: 'The annual implementation report as data (the model the HTML, CSV and XLSX render)', description: WHAT, tags: ['reports'], pathParams: YEAR_PARAM, query: FORMATS.json.params, response: { type: 'application/json', schema: AnnualReport, description: 'the report' } },
  { path: '/api/reports/annual/{reportYear}.html', summary: 'The annual implementation report as a printable page (Bulgarian; English with lang=en), with a map figure', description: WHAT, tags: ['reports'], pathParams: YEAR_PARAM, query: FORMATS.html.params, response: { type: 'text/html', description: 'an HTML page' } },
  { path: '/api/reports/annual/{reportYear}.csv', summary: 'The annual implementation report as CSV (UTF-8 with BOM): the plan tree, or with part=changes the year’s lists', description: WHAT, tags: ['reports'], pathParams: YEAR_PARAM, query: FORMATS.csv.params, response: { type: 'text/csv', description: 'CSV as an attachment' } },
  { path: '/api/reports/annual/{reportYear}.xlsx', summary: 'The annual implementation report as a workbook: sheets Мерки, Промени, Без място', description: WHAT, tags: ['reports'], pathParams: YEAR_PARAM, query: FORMATS.xlsx.params, response: { type: XLSX, description: 'XLSX as an attachment' } },
];

/** The plan a report is of: the named municipality's (refused when none is held), or the default one. */
function planOf(plans: readonly Plan[], code: string | undefined): Plan {
  if (code !== undefined && !plans.some((p) => p.municipality.code === code))
    throw new ApiError(400, 'invalid_parameter', `query parameter "municipality": no plan of municipality ${code} is held here`, {
      parameter: 'municipality',
      allowed: plans.map((p) => p.municipality.code).slice(0, 300),
    });
  return planFor(plans, code === undefined ? {} : { municipality: [code] });
}

/** The year a path names, checked against the years the plan has reports for. */
function yearOf(plan: Plan, text: string): number {
  const { first, last } = reportYears(plan);
  const refuse = (reason: string): never => {
    throw new ApiError(400, 'invalid_parameter', `year ${reason}: a report is made for the years ${first} to ${last} (the plan's first year to the current one)`, {
      parameter: 'year',
      value: text.slice(0, 100),
      allowed: { from: first, to: last },
    });
  };
  if (!/^\d{4}$/.test(text)) refuse(`"${text.slice(0, 100)}" is not a year`);
  const year = Number(text);
  if (year < first || year > last) refuse(`${year} is out of range`);
  return year;
}

export function reportRoutes(deps: Deps) {
  const r = new Hono();

  r.get('/reports/report.css', (c) => {
    parseQuery(c.req.url, []);
    return c.body(REPORT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  r.get('/reports/annual/:file', async (c) => {
    const match = /^(.*)\.(json|html|csv|xlsx)$/.exec(c.req.param('file'));
    if (!match) throw new ApiError(404, 'not_found', `no such report; ask for {year}.json, .html, .csv or .xlsx`);
    const format = match[2] as Format;
    const query = parseQuery(c.req.url, FORMATS[format].params) as { lang?: 'bg' | 'en'; part?: (typeof REPORT_PARTS)[number]; municipality?: string };
    const { plans } = await deps.snapshot();
    const plan = planOf(plans, query.municipality);
    const several = plans.length > 1;
    const year = yearOf(plan, match[1]);
    const { asOf, current } = reportDay(year);
    const view = await deps.views.get({ asOf, changedSince: null });
    // A plan added to the store later was not held on the report's day: there is no report of it then.
    if (several && !(await view.plans()).some((p) => p.municipality.code === plan.municipality.code))
      throw new ApiError(404, 'not_found', `no plan of municipality ${plan.municipality.code} was held here on ${asOf}`, { municipality: plan.municipality.code });
    const report = await buildAnnualReport({ store: deps.store, view, year, publicUrl: deps.publicUrl(), ...(several ? { municipality: plan.municipality.code } : {}) });
    const name = `piro-annual-report-${several ? `${plan.municipality.code}-` : ''}${year}${current ? `-as-of-${asOf}` : ''}`;
    const attachment = (suffix: string, ext: string) => `attachment; filename="${name}${suffix}.${ext}"`;
    switch (format) {
      case 'json':
        return c.json(report);
      case 'html': {
        const outline = ((await deps.store.layer('municipality'))?.features ?? []).filter((f) => !several || f.id === plan.municipality.code).map((f) => f.geometry as Geometry);
        return c.body(reportHtml(report, outline, query.lang ?? 'bg', deps.publicUrl(), query.municipality), 200, { 'Content-Type': FORMATS.html.type });
      }
      case 'csv': {
        const part = query.part ?? 'measures';
        return c.body(reportCsv(report, part), 200, { 'Content-Type': FORMATS.csv.type, 'Content-Disposition': attachment(part === 'changes' ? '-changes' : '', 'csv') });
      }
      case 'xlsx':
        return c.body(new Uint8Array(await reportXlsx(report)), 200, { 'Content-Type': XLSX, 'Content-Disposition': attachment('', 'xlsx') });
    }
  });
  return r;
}
