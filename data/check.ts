// `npm run data:check [dir]`: validates a dataset and lists every problem as
// "file: id: field: message"; exits 1 when there is any.
import { datasetDir } from './paths.ts';
import { formatProblem, loadDataset } from './dataset.ts';

const dir = process.argv[2] ?? datasetDir();
const { dataset, problems } = loadDataset(dir);
if (problems.length > 0) {
  console.error(`data:check: ${problems.length} problem(s) in ${dir}`);
  for (const p of problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}
const d = dataset!;
console.log(
  `data:check: ${dir} is valid — ${d.interventions.length} interventions, ${d.zones.length} zones, ` +
    `${d.settlements.length} settlements, ${d.layers.length} base layers, ` +
    `${d.plan.goals.length + d.plan.priorities.length + d.plan.measures.length} plan items`,
);
