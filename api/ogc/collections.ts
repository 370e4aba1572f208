// The feature collections OGC API – Features serves: interventions (with every filter of /api and
// CQL2), zones, settlements, and each base layer. Features are flattened to one level of simple
// properties ("title_bg"), which is what GIS tools turn into attribute columns.
import { LOCATION_ACCURACIES, MUNICIPALITY_CODE, plansTitle, STATUSES, THEMES, type BBox, type Geometry, type LocalText } from '../../geo/index.ts';
import type { Store } from '../../data/store.ts';
import { masterPlanZoneTypes } from '../../data/master-plan-types.ts';
import { isMasterPlanZone } from '../../geo/zone.ts';
import type { Snapshot } from '../snapshot.ts';
import { featuresBBox } from '../../geo/spatial.ts';
import { asOgc, type OgcFeature } from '../../geo/ogc-feature.ts';

export interface Collection {
  id: string;
  title: LocalText;
  description: string;
  attribution: string;
  licence: string;
  /** lon/lat extent of the located features */
  bbox: BBox | null;
  temporal: [string | null, string | null] | null;
  /** only interventions take filters beyond bbox and paging */
  filterable: boolean;
  /** every feature of a reference collection (interventions are read per request, filtered, from the store) */
  features: () => Promise<OgcFeature[]>;
}

/**
 * The collections of the store at the snapshot's revision. A view of the past (`past`) has no
 * citizens' contributions: they are not part of the plan's history, so their collection is not
 * offered there rather than offered empty.
 */
export function collections(store: Store, { plan, plans, zones, layers, layerBBox, extent: extentOf }: Snapshot, past = false): Map<string, Collection> {
  const attributionOf = (name: string) => layers.find((l) => l.name === name)?.attribution ?? 'see /api/sources';
  const layerFeatures = async (name: string) => (await store.layer(name))?.features.map(asOgc) ?? [];
  const all: Collection[] = [
    {
      id: 'interventions',
      title: { bg: 'Интервенции', en: 'Interventions' },
      description: `Projects and programmes that carry out ${plansTitle(plan.shortTitle, plans.length).en ?? plan.id}; items with no place yet have geometry null. Each carries its sources, a location accuracy and whether its plan links are official or inferred.`,
      attribution: 'Facts from public sources cited per feature; positions: see /api/sources',
      licence: 'see /api/sources',
      bbox: extentOf.bbox,
      temporal:
        extentOf.firstYear === null
          ? null
          : [`${extentOf.firstYear}-01-01T00:00:00Z`, extentOf.openEnded || extentOf.lastYear === null ? null : `${extentOf.lastYear}-12-31T23:59:59Z`],
      filterable: true,
      features: async () => [],
    },
    {
      id: 'zones',
      title: { bg: 'Зони', en: 'Zones' },
      description: 'Zones the plan acts on (ITI priority zones, ИПГВР zones, master-plan territories); a zone whose extent is unpublished has geometry null, drawn ones say their geometryAccuracy.',
      attribution: 'see /api/sources',
      licence: 'see /api/sources',
      bbox: featuresBBox(zones),
      temporal: null,
      filterable: false,
      features: async () => zones.map(asOgc),
    },
    ...(past ? [] : [contributionCollection(store)]),
    // Listed once the municipality has published master-plan zones: no empty layer to add to a map.
    ...(zones.some(isMasterPlanZone) ? [masterPlanCollection(zones.filter(isMasterPlanZone))] : []),
    ...layers.map(
      (info): Collection => ({
        id: info.name,
        title: info.title,
        description: `Base layer: ${info.title.en ?? info.title.bg}.`,
        attribution: attributionOf(info.name),
        licence: info.licence,
        bbox: layerBBox.get(info.name) ?? null,
        temporal: null,
        filterable: false,
        features: () => layerFeatures(info.name),
      }),
    ),
  ];
  return new Map(all.map((c) => [c.id, c]));
}

/** Citizens' published contributions, flat: the answer beside the words (never the contact). */
function contributionCollection(store: Store): Collection {
  return {
    id: 'contributions',
    title: { bg: 'Въпроси и предложения на граждани', en: 'Citizens’ questions and proposals' },
    description: 'Published contributions of citizens (questions, comments, proposals) with the municipality’s answers; unlocated ones have geometry null. Contacts are never published; pending, rejected and withdrawn ones are not served.',
    attribution: 'Citizens of the municipality, through piro-map',
    licence: 'see /api/sources',
    // Not from the snapshot: contributions are published between revisions of the content.
    bbox: null,
    temporal: null,
    filterable: false,
    features: async () =>
      (await store.publishedContributions({})).map(({ id, geometry, properties: { answer, ...p } }) =>
        asOgc({ id, geometry, properties: { ...p, answer: answer?.text ?? null, answeredAt: answer?.answeredAt ?? null, answerInterventions: answer ? answer.interventionIds.join(' | ') : null } }),
      ),
  };
}

/**
 * The master-plan (ОУП) zones as their own layer, each with its type's names beside the code, so a
 * GIS user can style and label by them without the vocabulary.
 */
function masterPlanCollection(zones: Snapshot['zones']): Collection {
  const types = new Map(masterPlanZoneTypes().types.map((t) => [t.code, t]));
  return {
    id: 'master-plan-zones',
    title: { bg: 'Устройствени зони (ОУП)', en: 'Master-plan land-use zones' },
    description:
      'Land-use zones of the master plan (ОУП), each with its zone-type code of Наредба № 7 (masterPlanType) and the type\'s names (masterPlanTypeName_bg, masterPlanTypeName_en).',
    attribution: 'see /api/sources',
    licence: 'see /api/sources',
    bbox: featuresBBox(zones),
    temporal: null,
    filterable: false,
    features: async () =>
      zones.map((z) => {
        const f = asOgc(z);
        const type = types.get(z.properties.masterPlanType ?? '');
        return { ...f, properties: { ...f.properties, masterPlanTypeName_bg: type?.name.bg ?? null, masterPlanTypeName_en: type?.name.en ?? null } };
      }),
  };
}

/** JSON Schema of the properties a CQL2 filter may use on interventions (Part 3, queryables). */
export function interventionQueryables(id: string) {
  const enumOf = (ids: readonly string[], title: string) => ({ type: 'string', enum: [...ids], title });
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: id,
    type: 'object',
    title: 'Interventions',
    properties: {
      geometry: { format: 'geometry-any', title: 'place (null when not located)' },
      id: { type: 'string', title: 'intervention id' },
      title_bg: { type: 'string', title: 'title (Bulgarian)' },
      title_en: { type: 'string', title: 'title (English)' },
      kind: { type: 'string', enum: ['project', 'programme'], title: 'project or programme' },
      programmeId: { type: 'string', title: 'programme this item belongs to' },
      theme: enumOf(THEMES.ids, 'theme'),
      status: enumOf(STATUSES.ids, 'status'),
      statusAsOf: { type: 'string', title: 'date the status was last confirmed' },
      municipality: { type: 'string', pattern: MUNICIPALITY_CODE.source, title: 'ЕКАТТЕ (LAU) code of the municipality whose plan it serves' },
      settlement: { type: 'string', pattern: '^\\d{5}$', title: 'ЕКАТТЕ code of the settlement' },
      locationAccuracy: enumOf(LOCATION_ACCURACIES.ids, 'location accuracy'),
      outsideMunicipality: { type: 'boolean', title: 'lies outside the municipality' },
      budgetEur: { type: 'number', title: 'budget in EUR' },
      budgetAmount: { type: 'number', title: 'budget as published' },
      budgetCurrency: { type: 'string', enum: ['BGN', 'EUR'], title: 'currency as published' },
      startYear: { type: 'integer', title: 'start year' },
      endYear: { type: 'integer', title: 'end year' },
      periodInferred: { type: 'boolean', title: 'the period is inferred' },
    },
    additionalProperties: false,
  };
}
