// `npm run data:check [dir]`: validates a dataset and lists every problem as
// "file: id: field: message"; exits 1 when there is any.
import { datasetDir } from './paths.ts';
import { formatProblem, loadDataset } from './dataset.ts';
import { honestyProblems } from './honesty.ts';

const dir = process.argv[2] ?? datasetDir();
const loaded = loadDataset(dir);
// The labels' rules need a dataset that loads; a broken one lists its schema problems first.
const problems = loaded.dataset ? honestyProblems(loaded.dataset) : loaded.problems;
const dataset = loaded.dataset;
if (problems.length > 0) {
  console.error(`data:check: ${problems.length} problem(s) in ${dir}`);
  for (const p of problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}
const d = dataset!;
console.log(
  `data:check: ${dir} is valid — ${d.interventions.length} interventions, ${d.zones.length} zones, ` +
    `${d.settlements.length} settlements, ${d.layers.length} base layers, ` +
    `${d.plans.length} plan${d.plans.length === 1 ? '' : 's'} with ${d.plans.reduce((n, p) => n + p.goals.length + p.priorities.length + p.measures.length, 0)} items`,
);
