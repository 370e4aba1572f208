// The report's style sheet, served as a file (GET /api/reports/report.css): the Content-Security-
// Policy allows no inline style but the OGC pages' one (api/security.ts). Screen and print: on A4
// every table fits the page width (fixed layout, wrapping long words and URLs), headers repeat on
// each page, and no row is split between pages.
export const REPORT_CSS = `
:root { color-scheme: light; }
*, *::before, *::after { box-sizing: border-box; }
body { font-family: "Noto Sans", system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 64rem; padding: 1rem 1.5rem 3rem; line-height: 1.4; font-size: 15px; }
a { color: #1f5fa8; }
a:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }
header { border-bottom: 2px solid #1a1a1a; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0.2rem 0; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.4rem; break-after: avoid; page-break-after: avoid; }
.subtitle { font-size: 1.05rem; margin: 0.2rem 0 0.6rem; }
.muted, small { color: #495057; }
nav.tools { display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; font-size: 0.9rem; margin: 0.4rem 0 0.8rem; }
.notes { font-size: 0.9rem; }
.notes p { margin: 0.3rem 0; }
.warning { border-left: 4px solid #b35900; padding-left: 0.6rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
th, td { border: 1px solid #ced4da; padding: 0.25rem 0.35rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; hyphens: auto; }
thead th { background: #e9ecef; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num small { display: block; }
td.num .n { white-space: nowrap; }
thead th { overflow-wrap: break-word; word-break: normal; }
col.item { width: 28.4%; } col.status { width: 4.6%; } col.count { width: 6.5%; } col.money { width: 12.5%; }
col.w10 { width: 10%; } col.w12 { width: 12%; } col.w14 { width: 14%; } col.w20 { width: 20%; } col.w24 { width: 24%; } col.w28 { width: 28%; } col.w30 { width: 30%; }
/* Status names are long for narrow count columns: the headers stand upright, the counts stay in line. */
th.turned { vertical-align: bottom; text-align: center; }
th.turned span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; display: inline-block; }
th.turned svg { display: block; margin: 0 auto 0.2rem; }
tr.goal td { background: #f1f3f5; font-weight: 600; }
tr.priority td:first-child { padding-left: 1rem; }
tr.measure td:first-child { padding-left: 2rem; }
tr.sum td { font-weight: 600; border-top: 2px solid #1a1a1a; }
.code { color: #495057; font-weight: 400; }
ul.srcs { margin: 0; padding: 0; list-style: none; font-size: 0.78rem; }
ul.srcs li + li { margin-top: 0.25rem; }
figure.map { margin: 0.5rem 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure.map > svg { width: 100%; max-height: 60vh; height: auto; display: block; border: 1px solid #ced4da; background: #fff; }
figcaption { font-size: 0.85rem; margin-top: 0.3rem; }
ul.legend { list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; }
ul.legend svg.key { vertical-align: -3px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.tools { display: none; }
  table { font-size: 8pt; }
  th, td { padding: 0.2rem 0.25rem; }
  tr.priority td:first-child { padding-left: 0.7rem; }
  tr.measure td:first-child { padding-left: 1.4rem; }
  ul.srcs { font-size: 7pt; }
  figure.map > svg { max-height: 150mm; }
  a { color: #1a1a1a; text-decoration: none; }
  section { break-inside: auto; }
}
`;
