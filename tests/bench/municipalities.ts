// The national test geography of the benchmark's generated dataset: 265 municipalities (as many as
// Bulgaria has), each with a plan of its own. Kazanlak is the real one, with its boundary and plan
// from data/kazanlak. The other 264 are made up: centred on the cities of CITIES and on seeded
// points between them, bounded by the Voronoi cells of those centres inside a rough outline of the
// country (a few dozen vertices, not a surveyed border), with Kazanlak cut out; each belongs to the
// province of the nearest province capital, and is coded as ЕКАТТЕ codes are (the province's three
// letters and two digits) without being the real code. Every name says "генерирана" and every
// source says it is generated: none of this is real geography or a real plan.
import { booleanPointInPolygon, difference, featureCollection, intersect, point, polygon as turfPolygon, voronoi } from '@turf/turf';
import type { Feature, MultiPolygon as TurfMultiPolygon, Polygon as TurfPolygon } from 'geojson';
import type { LayerFeature, Plan, Position } from '../../geo/index.ts';
import { normaliseGeometry } from '../../geo/normalise.ts';
import type { City } from './generate.ts';

export const MUNICIPALITY_COUNT = 265;
export const GENERATED_GEOGRAPHY = 'generated for the benchmark (tests/bench/municipalities.ts); not a real boundary or plan';

/** A rough outline of Bulgaria (lon, lat), counter-clockwise: enough to keep generated places on land. */
const OUTLINE: Position[] = [
  [22.67, 44.21], [22.43, 43.98], [22.36, 43.8], [22.53, 43.48], [22.7, 43.3], [22.99, 43.15], [22.86, 42.85], [22.47, 42.6],
  [22.36, 42.32], [22.62, 42.1], [22.95, 41.95], [22.93, 41.34], [23.5, 41.4], [24.05, 41.52], [24.6, 41.43], [25.2, 41.3],
  [25.9, 41.32], [26.36, 41.71], [26.58, 41.93], [27.05, 42.08], [27.6, 41.95], [28.03, 41.98], [27.75, 42.45], [27.55, 42.55],
  [27.9, 42.75], [27.9, 43.15], [28.6, 43.45], [28.58, 43.74], [27.6, 43.95], [27.26, 44.12], [26.62, 44.05], [25.97, 43.85],
  [25.34, 43.62], [24.9, 43.7], [23.96, 43.73], [23.24, 43.82], [22.87, 43.99], [22.67, 44.21],
];
export const BULGARIA_OUTLINE = turfPolygon([OUTLINE]);

interface Province {
  code: string;
  nuts3: string;
  bg: string;
  en: string;
  /** where its capital is: the municipalities nearest it are its own */
  lon: number;
  lat: number;
}

// The 28 provinces (области) with their ЕКАТТЕ letters and NUTS 3 codes; Sofia province's anchor
// is Botevgrad, so that the capital city's municipality stays the only one of Sofia (SOF).
const PROVINCES: Province[] = [
  ['VID', 'BG311', 'Видин', 'Vidin', 22.8725, 43.9962], ['MON', 'BG312', 'Монтана', 'Montana', 23.2257, 43.4125],
  ['VRC', 'BG313', 'Враца', 'Vratsa', 23.548, 43.2102], ['PVN', 'BG314', 'Плевен', 'Pleven', 24.6067, 43.417],
  ['LOV', 'BG315', 'Ловеч', 'Lovech', 24.7156, 43.137], ['VTR', 'BG321', 'Велико Търново', 'Veliko Tarnovo', 25.6172, 43.0757],
  ['GAB', 'BG322', 'Габрово', 'Gabrovo', 25.3179, 42.8742], ['RSE', 'BG323', 'Русе', 'Ruse', 25.9657, 43.8356],
  ['RAZ', 'BG324', 'Разград', 'Razgrad', 26.5229, 43.5257], ['SLS', 'BG325', 'Силистра', 'Silistra', 27.2606, 44.1171],
  ['VAR', 'BG331', 'Варна', 'Varna', 27.9147, 43.2141], ['DOB', 'BG332', 'Добрич', 'Dobrich', 27.8273, 43.5726],
  ['SHU', 'BG333', 'Шумен', 'Shumen', 26.925, 43.2712], ['TGV', 'BG334', 'Търговище', 'Targovishte', 26.5723, 43.2512],
  ['BGS', 'BG341', 'Бургас', 'Burgas', 27.4626, 42.5048], ['SLV', 'BG342', 'Сливен', 'Sliven', 26.3229, 42.6817],
  ['JAM', 'BG343', 'Ямбол', 'Yambol', 26.5107, 42.4842], ['SZR', 'BG344', 'Стара Загора', 'Stara Zagora', 25.6345, 42.4258],
  ['SOF', 'BG411', 'София (столица)', 'Sofia (capital)', 23.3219, 42.6977], ['SFO', 'BG412', 'София', 'Sofia', 23.79, 42.9],
  ['BLG', 'BG413', 'Благоевград', 'Blagoevgrad', 23.0943, 42.0209], ['PER', 'BG414', 'Перник', 'Pernik', 23.0375, 42.6052],
  ['KNL', 'BG415', 'Кюстендил', 'Kyustendil', 22.6911, 42.2839], ['PDV', 'BG421', 'Пловдив', 'Plovdiv', 24.7453, 42.1354],
  ['HKV', 'BG422', 'Хасково', 'Haskovo', 25.5557, 41.9344], ['PAZ', 'BG423', 'Пазарджик', 'Pazardzhik', 24.333, 42.1928],
  ['SML', 'BG424', 'Смолян', 'Smolyan', 24.7019, 41.5774], ['KRZ', 'BG425', 'Кърджали', 'Kardzhali', 25.378, 41.6338],
].map(([code, nuts3, bg, en, lon, lat]) => ({ code, nuts3, bg, en, lon, lat }) as Province);

export interface GeneratedMunicipality {
  code: string;
  name: { bg: string; en: string };
  province: Province;
  /** the centre the Voronoi cell is drawn around */
  lon: number;
  lat: number;
  boundary: LayerFeature;
  plan: Plan;
}

export interface NationalGeography {
  /** Kazanlak first (the default plan), then the generated ones by code */
  municipalities: GeneratedMunicipality[];
  /** the municipality whose plan an item at (lon, lat) serves: Kazanlak inside its boundary, else the nearest centre's */
  municipalityAt(lon: number, lat: number): GeneratedMunicipality;
  /** a point inside the outline */
  onLand(lon: number, lat: number): boolean;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
/** Squared distance in degrees, as the Voronoi cells are drawn (so the nearest centre's cell holds the point). */
const dist2 = (a: { lon: number; lat: number }, lon: number, lat: number) => (a.lon - lon) ** 2 + (a.lat - lat) ** 2;
const nearest = <T extends { lon: number; lat: number }>(list: readonly T[], lon: number, lat: number): T =>
  list.reduce((best, c) => (dist2(c, lon, lat) < dist2(best, lon, lat) ? c : best));

/** Ids of the plan, prefixed with the municipality's code, so they are unique across the 265 plans. */
function planOf(kazanlak: Plan, code: string, name: { bg: string; en: string }): Plan {
  const id = (x: string) => `${code}-${x}`;
  const source = [{ url: 'https://example.org/generated', supports: GENERATED_GEOGRAPHY }];
  return {
    ...kazanlak,
    id: id('piro-generated'),
    title: { bg: `План за интегрирано развитие на ${name.bg} (генериран)`, en: `Integrated Development Plan of ${name.en} (generated)` },
    shortTitle: { bg: `ПИРО ${name.bg.replace(/^Община /, '')} (генериран)`, en: `PIRO ${name.en.replace(/ Municipality$/, '')} (generated)` },
    municipality: { name, code, adminCentreEkatte: '00000' },
    adoption: { ...kazanlak.adoption, sources: source },
    goals: kazanlak.goals.map((g) => ({ ...g, id: id(g.id), sources: source })),
    priorities: kazanlak.priorities.map((p) => ({ ...p, id: id(p.id), goalId: p.goalId && id(p.goalId), sources: source })),
    measures: kazanlak.measures.map((m) => ({ ...m, id: id(m.id), priorityId: m.priorityId && id(m.priorityId), sources: source })),
    sources: source,
  };
}

/**
 * The 265 municipalities: Kazanlak's real boundary and plan, and 264 generated around the cities and
 * seeded points (`random` in [0, 1)), all of them a pure function of the inputs.
 */
export function nationalGeography(cities: readonly City[], kazanlak: { plan: Plan; boundary: LayerFeature }, random: () => number): NationalGeography {
  const kazanlakArea = turfPolygon((kazanlak.boundary.geometry as TurfPolygon).coordinates);
  const onLand = (lon: number, lat: number) => booleanPointInPolygon([lon, lat], BULGARIA_OUTLINE);
  const centres: { lon: number; lat: number; city?: City }[] = cities.filter((c) => c.en !== 'Kazanlak' && onLand(c.lon, c.lat)).map((c) => ({ lon: c.lon, lat: c.lat, city: c }));
  // Seeded points between the cities, at least ~12 km from every centre, until there are 264.
  const [minLon, minLat, maxLon, maxLat] = [22.36, 41.24, 28.61, 44.21];
  while (centres.length < MUNICIPALITY_COUNT - 1) {
    const lon = minLon + random() * (maxLon - minLon);
    const lat = minLat + random() * (maxLat - minLat);
    if (!onLand(lon, lat) || booleanPointInPolygon([lon, lat], kazanlakArea)) continue;
    if (centres.some((c) => dist2(c, lon, lat) < 0.11 ** 2)) continue;
    centres.push({ lon, lat });
  }
  const cells = voronoi(featureCollection(centres.map((c) => point([c.lon, c.lat]))), { bbox: [minLon - 1, minLat - 1, maxLon + 1, maxLat + 1] });
  const perProvince = new Map<string, number>([['SZR', 0]]);
  const generated = centres.map((c, i): GeneratedMunicipality => {
    const province = c.city?.en === 'Sofia' ? PROVINCES.find((p) => p.code === 'SOF')! : nearest(PROVINCES.filter((p) => p.code !== 'SOF'), c.lon, c.lat);
    // Numbered in each province, leaving out Kazanlak's SZR12.
    let n = (perProvince.get(province.code) ?? 0) + 1;
    if (province.code === 'SZR' && n === 12) n++;
    perProvince.set(province.code, n);
    const code = `${province.code}${String(n).padStart(2, '0')}`;
    const place = c.city ? { bg: c.city.bg, en: c.city.en } : { bg: `${province.bg} ${n}`, en: `${province.en} ${n}` };
    const name = { bg: `Община ${place.bg} (генерирана)`, en: `${place.en} Municipality (generated)` };
    const onCountry = intersect(featureCollection([cells.features[i] as Feature<TurfPolygon>, BULGARIA_OUTLINE]));
    const cut = onCountry && difference(featureCollection([onCountry, kazanlakArea]));
    if (!cut) throw new Error(`the cell of ${code} is empty`);
    const geometry = normaliseGeometry(roundedGeometry(cut.geometry), code);
    return {
      code,
      name,
      province,
      lon: c.lon,
      lat: c.lat,
      plan: planOf(kazanlak.plan, code, name),
      boundary: {
        type: 'Feature',
        id: code,
        geometry,
        properties: {
          name,
          source: GENERATED_GEOGRAPHY,
          licence: 'CC0-1.0 (generated test data)',
          accuracy: 'Voronoi cell of a generated centre inside a rough outline of the country',
          code,
          nuts3: province.nuts3,
          province_bg: province.bg,
          province_en: province.en,
        },
      } as LayerFeature,
    };
  });
  generated.sort((a, b) => (a.code < b.code ? -1 : 1));
  const szr = PROVINCES.find((p) => p.code === 'SZR')!;
  const home: GeneratedMunicipality = {
    code: kazanlak.plan.municipality.code,
    name: { bg: kazanlak.plan.municipality.name.bg!, en: kazanlak.plan.municipality.name.en! },
    province: szr,
    lon: 25.3921,
    lat: 42.6194,
    plan: kazanlak.plan,
    boundary: kazanlak.boundary,
  };
  return {
    municipalities: [home, ...generated],
    municipalityAt: (lon, lat) => (booleanPointInPolygon([lon, lat], kazanlakArea) ? home : nearest(generated, lon, lat)),
    onLand,
  };
}

function roundedGeometry(g: TurfPolygon | TurfMultiPolygon): TurfPolygon | TurfMultiPolygon {
  const ring = (r: number[][]) => r.map(([x, y]) => [round6(x), round6(y)]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}
