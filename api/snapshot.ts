// What the API derives from the store and needs on many requests — the ids a filter may name, the
// labels of facets, the plan, the layer catalogue, the extent — read once per store revision. A
// change in the store bumps the revision, so the next request sees it; nothing is kept longer.
import { MunicipalityFeatureProperties, municipalityOf, type BBox, type Geometry, type LayerInfo, type LocalText, type Municipality, type MunicipalityFeature, type Plan, type Settlement, type Zone } from '../geo/index.ts';
import { featuresBBox } from '../geo/spatial.ts';
import { isMasterPlanZone } from '../geo/zone.ts';
import type { Extent, Store } from '../data/store.ts';

/** The ids each id-valued filter may take. */
export interface KnownIds {
  goal: Set<string>;
  priority: Set<string>;
  measure: Set<string>;
  /** the municipalities whose plans are held */
  municipality: Set<string>;
  settlement: Set<string>;
  /** the zones the plan acts on */
  zone: Set<string>;
  /** the master-plan (ОУП) zones, which have their own filter */
  masterPlanZone: Set<string>;
}

export interface Snapshot {
  revision: number;
  /** the default plan (the dataset's first) */
  plan: Plan;
  /** every plan held, the default first */
  plans: Plan[];
  settlements: Settlement[];
  zones: Zone[];
  layers: LayerInfo[];
  /** lon/lat extent of each base layer's features */
  layerBBox: Map<string, BBox | null>;
  extent: Extent;
  known: KnownIds;
  /** the attribution of every base layer, once each */
  attribution: string[];
  settlementName: Map<string, LocalText>;
  /** every municipality of the `municipality` layer, with its plan and count of items, by code */
  municipalities: Map<string, { summary: Municipality; boundary: MunicipalityFeature }>;
}

async function read(store: Store, revision: number): Promise<Snapshot> {
  const [plans, settlements, zones, layers, extent] = await Promise.all([
    store.plans(),
    store.settlements(),
    store.zones(),
    store.layers(),
    store.interventionExtent(),
  ]);
  const layerBBox = new Map(
    await Promise.all(layers.map(async (l) => [l.name, featuresBBox((await store.layer(l.name))?.features ?? [])] as const)),
  );
  const [outlines, counts] = await Promise.all([store.layer('municipality'), store.aggregate('municipality')]);
  const count = new Map(counts.map((r) => [r.key, r.count]));
  // The dataset checker lets a boundary in only when its properties say who it is; one that does not is left out.
  const boundaries = (outlines?.features ?? []).flatMap((f) => {
    const properties = MunicipalityFeatureProperties.safeParse(f.properties);
    return properties.success ? [{ ...f, properties: properties.data } as MunicipalityFeature] : [];
  });
  const [plan] = plans;
  const items = plans.flatMap((p) => [...p.goals.map((i) => ['goal', i.id]), ...p.priorities.map((i) => ['priority', i.id]), ...p.measures.map((i) => ['measure', i.id])]);
  const ids = (level: string) => new Set(items.filter(([l]) => l === level).map(([, id]) => id));
  return {
    revision,
    plan,
    plans,
    settlements,
    zones,
    layers,
    layerBBox,
    extent,
    known: {
      goal: ids('goal'),
      priority: ids('priority'),
      measure: ids('measure'),
      municipality: new Set(plans.map((p) => p.municipality.code)),
      settlement: new Set(settlements.map((s) => s.id)),
      zone: new Set(zones.filter((z) => !isMasterPlanZone(z)).map((z) => z.id)),
      masterPlanZone: new Set(zones.filter(isMasterPlanZone).map((z) => z.id)),
    },
    attribution: [...new Set(layers.map((l) => l.attribution))],
    settlementName: new Map(settlements.map((s) => [s.id, s.properties.name])),
    municipalities: new Map(boundaries.map((b) => [b.properties.code, { summary: municipalityOf(b, plans, count.get(b.properties.code) ?? 0), boundary: b }])),
  };
}

/** The snapshot of the store's current revision, shared by concurrent requests. */
export function snapshots(store: Store): () => Promise<Snapshot> {
  let current: Promise<Snapshot> | null = null;
  let at = -1;
  return async () => {
    const revision = await store.revision();
    if (revision !== at || !current) {
      at = revision;
      current = read(store, revision);
      // A failed read is not kept: the next request tries again.
      current.catch(() => {
        if (at === revision) current = null;
      });
    }
    return current;
  };
}
