// The reference data (plan, municipalities, settlements, zones, base layers, config): what every
// page needs before it can draw. Its reads start from the page's entry (web/main.tsx), beside the
// download of the app's code rather than after it, so this module imports nothing heavy (types
// only, and the small http.ts and url.ts).
import type { MasterPlanZoneTypes, Municipality, Settlement, Zone } from '../../geo/index.ts';
import type { Basemap, Config, LayerEntry, PlanWithTree } from '../../geo/responses.ts';
import { get } from './http.ts';
import { listParam } from './url.ts';

type Plan = PlanWithTree;

export interface Reference {
  plan: Plan;
  /** the municipalities whose plans are held (one, or a region's, or the country's) */
  municipalities: Municipality[];
  settlements: Settlement[];
  zones: Zone[];
  /** the zone types of master plans (Наредба № 7): the master-plan layer's legend and colours */
  masterPlanTypes: MasterPlanZoneTypes;
  /** the base layers (the maps draw them from the base tiles; a page that needs a layer's features reads /api/layers/{name}) */
  layers: LayerEntry[];
  basemap: Basemap | null;
}

/** The plan of the one municipality named (the API's default plan for none, or several). */
export const planUrl = (municipalities: readonly string[]) => (municipalities.length === 1 ? `/api/plan?municipality=${encodeURIComponent(municipalities[0])}` : '/api/plan');

/** Everything beside the interventions, in one round of requests. */
function readReference(municipalities: readonly string[]): Promise<Reference> {
  return Promise.all([
    // A link naming a municipality not held (any more) opens on the default plan; App drops the code.
    get<Plan>(planUrl(municipalities)).catch((e) => (municipalities.length ? get<Plan>('/api/plan') : Promise.reject(e))),
    get<Municipality[]>('/api/municipalities'),
    get<{ features: Settlement[] }>('/api/settlements'),
    get<{ features: Zone[] }>('/api/zones'),
    get<MasterPlanZoneTypes>('/api/master-plan/zone-types'),
    get<LayerEntry[]>('/api/layers'),
    get<Config>('/api/config'),
  ]).then(([plan, held, settlements, zones, masterPlanTypes, layers, config]) => ({
    plan,
    municipalities: held,
    settlements: settlements.features,
    zones: zones.features,
    masterPlanTypes,
    layers,
    basemap: config.basemap,
  }));
}

/** Reads started ahead of the app, by the municipalities they are for; each is handed out once. */
const started = new Map<string, Promise<Reference>>();

/** Starts the reference reads for the page at `search` (its `municipality=`), for the app to pick up. */
export function startReference(search: string) {
  const municipalities = listParam(new URLSearchParams(search), 'municipality');
  const reading = readReference(municipalities);
  reading.catch(() => undefined); // the app reports a failure when it asks
  started.set(String(municipalities), reading);
}

/** The reference data for `municipalities`: the read started ahead for them if any, a new one otherwise. */
export function loadReference(municipalities: readonly string[] = []): Promise<Reference> {
  const key = String(municipalities);
  const ahead = started.get(key);
  started.delete(key);
  return ahead ?? readReference(municipalities);
}
