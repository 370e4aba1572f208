// The rules a published dataset keeps so that no label claims more than its evidence, checked by
// `npm run data:check` on top of the schemas: a pin at a settlement's centre says so and claims no
// more than settlement accuracy; an estimate claims no site; an item in one settlement is not
// labelled as spanning the municipality; a point outside its settlement's land says why; and every
// text a reader sees has a Bulgarian version. Writes and seeding do not apply them (a planner's
// draft or a test fixture may be in progress); the dataset a municipality ships does.
import { bulgarianMissing, summaryProse, type Intervention, type Prose } from '../geo/index.ts';
import { geodesicDistance, pointInGeometry, representativePoint } from '../geo/spatial.ts';
import { DATASET_FILES, type Dataset, type Problem } from './dataset.ts';

/** How close (metres) a point is to a settlement's centre point to be that point. */
const AT_CENTRE_M = 1;

export function honestyProblems(d: Dataset): Problem[] {
  const problems: Problem[] = [];
  const add = (id: string, field: string, message: string) => problems.push({ file: DATASET_FILES.interventions, id, field, message });
  const centres = d.settlements.map((s) => ({ ekatte: s.properties.ekatte, name: s.properties.name.bg, at: s.geometry.coordinates as [number, number] }));
  const areas = new Map(d.settlementAreas.map((a) => [a.properties.ekatte, a]));

  for (const item of d.interventions) {
    const p = item.properties;
    const say = (field: string, message: string) => add(item.id, field, message);
    if (p.settlement && (p.locationAccuracy === 'municipality' || p.locationAccuracy === 'unlocated'))
      say('properties.locationAccuracy', `${p.locationAccuracy} says the item has no one place, but its settlement is ${p.settlement}: use settlement accuracy (with the settlement's point) or no settlement`);
    for (const [field, text] of texts(item)) {
      const missing = bulgarianMissing(text);
      if (missing) say(field, missing);
    }
    if (!item.geometry) continue;

    const at = representativePoint(item.geometry);
    if (!p.positionSource) say('properties.positionSource', 'a located item states where its point comes from (source-cited, reference-point, settlement-centre or estimate)');
    const centre = item.geometry.type === 'Point' ? centres.find((c) => geodesicDistance(c.at, at) <= AT_CENTRE_M) : undefined;
    if (centre && p.positionSource !== 'settlement-centre')
      say('properties.positionSource', `the point is the centre point of ${centre.name} (${centre.ekatte}); say positionSource settlement-centre, so the map tells readers the pin marks the settlement`);
    if (p.positionSource === 'settlement-centre' && p.locationAccuracy !== 'settlement' && p.locationAccuracy !== 'area')
      say('properties.locationAccuracy', `a settlement-centre point marks the settlement, not the site: locationAccuracy must be settlement (or area), not ${p.locationAccuracy}`);
    if (p.positionSource === 'estimate' && p.locationAccuracy === 'site')
      say('properties.locationAccuracy', 'an estimated point cannot claim site accuracy (±50 m)');

    const area = p.settlement ? areas.get(p.settlement) : undefined;
    if (area) {
      const inside = pointInGeometry(at, area.geometry);
      if (!inside && !p.outsideSettlement)
        say('properties.outsideSettlement', `the point lies outside the land of its settlement ${p.settlement}; say why in outsideSettlement (or correct the point or the settlement)`);
      if (inside && p.outsideSettlement) say('properties.outsideSettlement', `says the point lies outside its settlement, but it lies inside the land of ${p.settlement}`);
    }
  }
  return problems;
}

/** Every text of an item a reader sees, by its field path. */
function texts(item: Intervention): [string, Prose | null | undefined][] {
  const p = item.properties;
  return [
    ['properties.summary.bg', summaryProse(p.summary)],
    ['properties.locationText', p.locationText],
    ['properties.locationBasis', p.locationBasis],
    ['properties.outsideSettlement', p.outsideSettlement],
    ['properties.planLinkNote', p.planLinkNote],
    ['properties.budgetNote', p.budgetNote],
    ['properties.fundingText', p.fundingText],
    ['properties.periodText', p.periodText],
    ['properties.statusText', p.statusText],
    ...p.progress.map((e, i): [string, Prose | null] => [`properties.progress.${i}.note`, e.note]),
    ...p.sources.map((s, i): [string, Prose] => [`properties.sources.${i}.supports`, s.supports]),
  ];
}
