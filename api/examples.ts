// Examples for the API documents, taken from the data the store holds — the plan's first goal, its
// administrative centre, the extent of its interventions — so the docs of another municipality's
// deployment show its own places without a change of code.
import { isMasterPlanZone } from '../geo/zone.ts';
import type { Store } from '../data/store.ts';
import type { Snapshot } from './snapshot.ts';

const down = (n: number) => Math.floor(n * 100) / 100;
const up = (n: number) => Math.ceil(n * 100) / 100;

export async function dataExamples(store: Store, { plan, settlements, zones, layers, extent }: Snapshot): Promise<Record<string, string>> {
  const centre = settlements.find((s) => s.id === plan.municipality.adminCentreEkatte) ?? settlements[0];
  const [first] = (await store.queryInterventions({ located: true }, undefined, { limit: 1, offset: 0 })).items;
  const out: Record<string, string | undefined> = {
    bbox: extent.bbox ? [down(extent.bbox[0]), down(extent.bbox[1]), up(extent.bbox[2]), up(extent.bbox[3])].join(',') : undefined,
    near: centre ? centre.geometry.coordinates.slice(0, 2).join(',') : undefined,
    settlement: centre?.id,
    q: centre?.properties.name.en?.toLowerCase(),
    goal: plan.goals[0]?.id,
    priority: plan.priorities[0]?.id,
    measure: plan.measures[0]?.id,
    zone: zones.find((z) => !isMasterPlanZone(z))?.id,
    masterPlanZone: zones.find(isMasterPlanZone)?.id,
    year: extent.firstYear === null ? undefined : String(extent.firstYear),
    id: first?.feature.id,
    name: layers[0]?.name,
  };
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => e[1] !== undefined));
}
