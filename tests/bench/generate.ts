// A national-scale dataset for the benchmark: a copy of data/kazanlak/ with the plans and boundaries
// of 265 municipalities (Kazanlak's real ones and 264 generated: tests/bench/municipalities.ts),
// whose interventions.geojson holds N synthetic interventions spread over Bulgaria, clustered around
// real city centres with some uniform noise on land, so spatial queries see a realistic mix of dense
// and empty areas. Each serves the plan of the municipality it lies in and links to that plan's
// goals. Every record is valid against the schemas and the dataset checker; the output is a pure
// function of N (seeded PRNG), so two runs write the same bytes.
//
//   npx tsx tests/bench/generate.ts [count] [dir]     (defaults: 100000, tests/.tmp/bench/bg-<count>/dataset)
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { nationalGeography, type NationalGeography } from './municipalities.ts';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FUNDING,
  STATUSES,
  THEMES,
  toEur,
  type Currency,
  type Funding,
  type Geometry,
  type Intervention,
  withProgress,
  type LocationAccuracy,
  type Position,
  type Status,
  type Theme,
} from '../../geo/index.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const KAZANLAK = join(ROOT, 'data/kazanlak');
export const BENCH_TMP = join(ROOT, 'tests/.tmp/bench');
export const GENERATED_SOURCE = 'https://example.org/generated';

/** Roughly Bulgaria: minLon, minLat, maxLon, maxLat. */
export const BULGARIA_BBOX = [22.36, 41.24, 28.61, 44.21] as const;

export interface City {
  bg: string;
  en: string;
  lon: number;
  lat: number;
  population: number;
}

// Approximate centres and populations; the population weights how many interventions a city gets.
export const CITIES: City[] = [
  { bg: 'София', en: 'Sofia', lon: 23.3219, lat: 42.6977, population: 1_240_000 },
  { bg: 'Пловдив', en: 'Plovdiv', lon: 24.7453, lat: 42.1354, population: 340_000 },
  { bg: 'Варна', en: 'Varna', lon: 27.9147, lat: 43.2141, population: 330_000 },
  { bg: 'Бургас', en: 'Burgas', lon: 27.4626, lat: 42.5048, population: 200_000 },
  { bg: 'Русе', en: 'Ruse', lon: 25.9657, lat: 43.8356, population: 140_000 },
  { bg: 'Стара Загора', en: 'Stara Zagora', lon: 25.6345, lat: 42.4258, population: 120_000 },
  { bg: 'Плевен', en: 'Pleven', lon: 24.6067, lat: 43.417, population: 95_000 },
  { bg: 'Сливен', en: 'Sliven', lon: 26.3229, lat: 42.6817, population: 85_000 },
  { bg: 'Добрич', en: 'Dobrich', lon: 27.8273, lat: 43.5726, population: 80_000 },
  { bg: 'Шумен', en: 'Shumen', lon: 26.925, lat: 43.2712, population: 75_000 },
  { bg: 'Перник', en: 'Pernik', lon: 23.0375, lat: 42.6052, population: 70_000 },
  { bg: 'Хасково', en: 'Haskovo', lon: 25.5557, lat: 41.9344, population: 70_000 },
  { bg: 'Ямбол', en: 'Yambol', lon: 26.5107, lat: 42.4842, population: 65_000 },
  { bg: 'Пазарджик', en: 'Pazardzhik', lon: 24.333, lat: 42.1928, population: 65_000 },
  { bg: 'Благоевград', en: 'Blagoevgrad', lon: 23.0943, lat: 42.0209, population: 65_000 },
  { bg: 'Велико Търново', en: 'Veliko Tarnovo', lon: 25.6172, lat: 43.0757, population: 65_000 },
  { bg: 'Враца', en: 'Vratsa', lon: 23.548, lat: 43.2102, population: 55_000 },
  { bg: 'Габрово', en: 'Gabrovo', lon: 25.3179, lat: 42.8742, population: 50_000 },
  { bg: 'Асеновград', en: 'Asenovgrad', lon: 24.8772, lat: 42.0124, population: 48_000 },
  { bg: 'Казанлък', en: 'Kazanlak', lon: 25.3921, lat: 42.6194, population: 45_000 },
  { bg: 'Видин', en: 'Vidin', lon: 22.8725, lat: 43.9962, population: 42_000 },
  { bg: 'Кърджали', en: 'Kardzhali', lon: 25.378, lat: 41.6338, population: 42_000 },
  { bg: 'Кюстендил', en: 'Kyustendil', lon: 22.6911, lat: 42.2839, population: 40_000 },
  { bg: 'Монтана', en: 'Montana', lon: 23.2257, lat: 43.4125, population: 40_000 },
  { bg: 'Димитровград', en: 'Dimitrovgrad', lon: 25.5945, lat: 42.0573, population: 35_000 },
  { bg: 'Търговище', en: 'Targovishte', lon: 26.5723, lat: 43.2512, population: 35_000 },
  { bg: 'Ловеч', en: 'Lovech', lon: 24.7156, lat: 43.137, population: 33_000 },
  { bg: 'Силистра', en: 'Silistra', lon: 27.2606, lat: 44.1171, population: 32_000 },
  { bg: 'Разград', en: 'Razgrad', lon: 26.5229, lat: 43.5257, population: 30_000 },
  { bg: 'Дупница', en: 'Dupnitsa', lon: 23.1244, lat: 42.2652, population: 30_000 },
  { bg: 'Горна Оряховица', en: 'Gorna Oryahovitsa', lon: 25.701, lat: 43.1236, population: 30_000 },
  { bg: 'Смолян', en: 'Smolyan', lon: 24.7019, lat: 41.5774, population: 27_000 },
  { bg: 'Петрич', en: 'Petrich', lon: 23.2067, lat: 41.3982, population: 27_000 },
  { bg: 'Сандански', en: 'Sandanski', lon: 23.2794, lat: 41.5667, population: 25_000 },
  { bg: 'Самоков', en: 'Samokov', lon: 23.5569, lat: 42.337, population: 25_000 },
  { bg: 'Севлиево', en: 'Sevlievo', lon: 25.1019, lat: 43.0256, population: 22_000 },
  { bg: 'Нова Загора', en: 'Nova Zagora', lon: 26.0128, lat: 42.488, population: 21_000 },
  { bg: 'Лом', en: 'Lom', lon: 23.2447, lat: 43.8225, population: 20_000 },
  { bg: 'Карлово', en: 'Karlovo', lon: 24.805, lat: 42.6427, population: 20_000 },
  { bg: 'Велинград', en: 'Velingrad', lon: 23.9924, lat: 42.0277, population: 20_000 },
  { bg: 'Свищов', en: 'Svishtov', lon: 25.3447, lat: 43.6189, population: 26_000 },
  { bg: 'Панагюрище', en: 'Panagyurishte', lon: 24.1906, lat: 42.506, population: 16_000 },
];

// Villages for the uniform noise outside the cities: their names go into titles, so they are searchable too.
const VILLAGES = [
  ['Шипка', 'Shipka'], ['Бузовград', 'Buzovgrad'], ['Равнец', 'Ravnets'], ['Бистрица', 'Bistritsa'], ['Церово', 'Tserovo'],
  ['Житница', 'Zhitnitsa'], ['Ягода', 'Yagoda'], ['Оброчище', 'Obrochishte'], ['Баня', 'Banya'], ['Копривщица', 'Koprivshtitsa'],
  ['Трявна', 'Tryavna'], ['Елена', 'Elena'], ['Мелник', 'Melnik'], ['Бяла', 'Byala'], ['Крън', 'Kran'], ['Тополовград', 'Topolovgrad'],
] as const;

const ACTIONS = [
  ['Реконструкция на', 'Reconstruction of'], ['Ремонт на', 'Repair of'], ['Изграждане на', 'Construction of'],
  ['Рехабилитация на', 'Rehabilitation of'], ['Модернизация на', 'Modernisation of'], ['Обновяване на', 'Renewal of'],
  ['Благоустрояване на', 'Landscaping of'], ['Проектиране и изграждане на', 'Design and construction of'],
  ['Енергийна ефективност на', 'Energy efficiency of'], ['Разширение на', 'Extension of'],
] as const;

const OBJECTS: Record<Theme, readonly (readonly [string, string])[]> = {
  transport: [['уличната мрежа', 'the street network'], ['тротоари и пешеходни пътеки', 'pavements and footpaths'], ['кръгово кръстовище', 'a roundabout'], ['велоалея', 'a cycle lane'], ['автобусни спирки', 'bus stops'], ['общински път', 'a municipal road']],
  water: [['водопроводната мрежа', 'the water supply network'], ['канализацията', 'the sewerage'], ['ПСОВ', 'the waste water treatment plant'], ['дъждовна канализация', 'storm drains'], ['помпена станция', 'a pumping station']],
  education: [['детска градина', 'a kindergarten'], ['ОУ „Христо Ботев“', 'Hristo Botev primary school'], ['СУ „Иван Вазов“', 'Ivan Vazov secondary school'], ['училищен двор', 'a schoolyard'], ['професионална гимназия', 'a vocational school']],
  health: [['поликлиника', 'a polyclinic'], ['МБАЛ', 'the general hospital'], ['здравен кабинет', 'a health office'], ['център за спешна помощ', 'an emergency care centre']],
  social: [['общински жилища', 'municipal housing'], ['дневен център за възрастни хора', 'a day centre for the elderly'], ['център за настаняване от семеен тип', 'a family-type placement centre'], ['социална кухня', 'a social kitchen']],
  culture: [['читалище', 'the community centre (chitalishte)'], ['исторически музей', 'the history museum'], ['художествена галерия', 'the art gallery'], ['летен театър', 'the summer theatre'], ['църква „Св. Никола“', 'St Nicholas church']],
  tourism: [['туристическа пътека', 'a hiking trail'], ['посетителски център', 'a visitor centre'], ['крепост', 'the fortress'], ['екопътека', 'an eco trail'], ['туристически информационен център', 'a tourist information centre']],
  economy: [['индустриална зона', 'the industrial zone'], ['бизнес инкубатор', 'a business incubator'], ['общински пазар', 'the municipal market'], ['логистичен център', 'a logistics centre']],
  environment: [['улично осветление', 'street lighting'], ['многофамилни жилищни сгради', 'apartment blocks'], ['фотоволтаична централа', 'a solar power plant'], ['депо за отпадъци', 'a landfill'], ['залесяване', 'afforestation']],
  sport: [['стадион', 'the stadium'], ['спортна зала', 'a sports hall'], ['открита спортна площадка', 'an outdoor sports ground'], ['плувен басейн', 'a swimming pool']],
  public_space: [['градски парк', 'the city park'], ['централен площад', 'the central square'], ['детска площадка', 'a playground'], ['междублоково пространство', 'the space between blocks'], ['крайречна алея', 'a riverside walk']],
  administration: [['сградата на общинската администрация', 'the town hall'], ['електронни услуги', 'e-services'], ['общински архив', 'the municipal archive'], ['център за услуги на гражданите', 'a citizen service centre']],
};

const STREETS = ['ул. „Васил Левски“', 'бул. „България“', 'ул. „Христо Ботев“', 'ул. „Раковски“', 'бул. „Освобождение“', 'ул. „Шипка“', 'ул. „Цар Симеон“', 'кв. „Изток“', 'кв. „Запад“', 'ж.к. „Младост“'];

// Themes and statuses are not equally common; transport is about a tenth, so a theme filter gives an export of ~10 % of the data.
const THEME_WEIGHTS: Record<Theme, number> = {
  transport: 10, water: 9, education: 10, health: 5, social: 7, culture: 9, tourism: 7, economy: 6, environment: 12, sport: 7, public_space: 12, administration: 6,
};
const STATUS_WEIGHTS: Record<Status, number> = { idea: 10, planned: 25, contracted: 15, in_progress: 20, completed: 25, cancelled: 5 };
const POINT_ACCURACY: [LocationAccuracy, number][] = [['site', 50], ['street', 15], ['neighbourhood', 15], ['settlement', 15], ['area', 5]];

/** mulberry32: small, fast and good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) if ((r -= w) < 0) return value;
    return entries[entries.length - 1][0];
  }
  /** Standard normal (Box–Muller). */
  gauss(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const KM_PER_DEG_LAT = 111.32;
const kmToLon = (km: number, lat: number) => km / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
const kmToLat = (km: number) => km / KM_PER_DEG_LAT;

/** How spread out a city's interventions are (σ of a normal, km): bigger cities sprawl more. */
export function citySigmaKm(city: City): number {
  return 1.2 + 3.5 * Math.sqrt(city.population / 1_240_000);
}

const CITY_WEIGHTS = CITIES.map((c) => [c, c.population ** 0.8] as const);
const NOISE_SHARE = 0.15;

interface Place {
  lon: number;
  lat: number;
  bg: string;
  en: string;
  prefix: string;
}

function pickPlace(rng: Rng, onLand: (lon: number, lat: number) => boolean): Place {
  if (rng.chance(NOISE_SHARE)) {
    const [minLon, minLat, maxLon, maxLat] = BULGARIA_BBOX;
    const [bg, en] = rng.pick(VILLAGES);
    for (;;) {
      const [lon, lat] = [minLon + rng.float() * (maxLon - minLon), minLat + rng.float() * (maxLat - minLat)];
      if (onLand(lon, lat)) return { lon, lat, bg, en, prefix: 'с.' };
    }
  }
  const city = rng.weighted(CITY_WEIGHTS);
  const sigma = citySigmaKm(city);
  const lon = city.lon + kmToLon(rng.gauss() * sigma, city.lat);
  const lat = city.lat + kmToLat(rng.gauss() * sigma);
  return { lon: clamp(lon, BULGARIA_BBOX[0], BULGARIA_BBOX[2]), lat: clamp(lat, BULGARIA_BBOX[1], BULGARIA_BBOX[3]), bg: city.bg, en: city.en, prefix: 'гр.' };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function lineString(rng: Rng, lon: number, lat: number): Geometry {
  const vertices = rng.int(2, 10);
  let heading = rng.float() * 2 * Math.PI;
  const coordinates: Position[] = [[round6(lon), round6(lat)]];
  let [x, y] = [lon, lat];
  for (let i = 1; i < vertices; i++) {
    const km = 0.05 + rng.float() * 0.4;
    heading += (rng.float() - 0.5) * 1.2;
    x += kmToLon(Math.cos(heading) * km, lat);
    y += kmToLat(Math.sin(heading) * km);
    coordinates.push([round6(x), round6(y)]);
  }
  return { type: 'LineString', coordinates };
}

/** A star-shaped ring with increasing angles: simple, and counter-clockwise in lon/lat. */
function polygon(rng: Rng, lon: number, lat: number): Geometry {
  const corners = rng.int(4, 8);
  const radiusKm = 0.05 + rng.float() * 0.25;
  const start = rng.float() * 2 * Math.PI;
  const ring: Position[] = [];
  for (let i = 0; i < corners; i++) {
    const angle = start + (2 * Math.PI * (i + 0.15 + rng.float() * 0.7)) / corners;
    const r = radiusKm * (0.7 + rng.float() * 0.3);
    ring.push([round6(lon + kmToLon(Math.cos(angle) * r, lat)), round6(lat + kmToLat(Math.sin(angle) * r))]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

function budget(rng: Rng): { budgetAmount: number | null; budgetCurrency: Currency | null; budgetEur: number | null } {
  if (!rng.chance(0.6)) return { budgetAmount: null, budgetCurrency: null, budgetEur: null };
  const currency: Currency = rng.chance(0.7) ? 'BGN' : 'EUR';
  // log-uniform from 20 000 to 20 000 000
  const amount = Math.round(20_000 * 1000 ** rng.float() * 100) / 100;
  return { budgetAmount: amount, budgetCurrency: currency, budgetEur: toEur(amount, currency) };
}

export function generateIntervention(index: number, rng: Rng, geography: NationalGeography): Intervention {
  const id = `GEN-${String(index + 1).padStart(7, '0')}`;
  const theme = rng.weighted(Object.entries(THEME_WEIGHTS) as [Theme, number][]);
  const place = pickPlace(rng, geography.onLand);
  const municipality = geography.municipalityAt(place.lon, place.lat);
  const goalIds = municipality.plan.goals.map((g) => g.id);
  const [actionBg, actionEn] = rng.pick(ACTIONS);
  const [objectBg, objectEn] = rng.pick(OBJECTS[theme]);
  const street = rng.chance(0.4) ? rng.pick(STREETS) : null;
  const titleBg = `${actionBg} ${objectBg}${street ? `, ${street}` : ''}, ${place.prefix} ${place.bg}`;
  const titleEn = `${actionEn} ${objectEn}, ${place.en}`;

  let geometry: Geometry | null = null;
  let locationAccuracy: LocationAccuracy;
  if (rng.chance(0.1)) {
    locationAccuracy = rng.chance(0.5) ? 'municipality' : 'unlocated';
  } else {
    const kind = rng.float();
    if (kind < 0.12 || (theme === 'transport' && kind < 0.4)) {
      geometry = lineString(rng, place.lon, place.lat);
      locationAccuracy = 'street';
    } else if (kind < 0.2 || (theme === 'public_space' && kind < 0.35)) {
      geometry = polygon(rng, place.lon, place.lat);
      locationAccuracy = rng.chance(0.7) ? 'site' : 'neighbourhood';
    } else {
      geometry = { type: 'Point', coordinates: [round6(place.lon), round6(place.lat)] };
      locationAccuracy = rng.weighted(POINT_ACCURACY);
    }
  }

  const secondary = rng.chance(0.3) ? rng.pick(THEMES.ids.filter((t) => t !== theme)) : null;
  const goals = rng.chance(0.25) ? [rng.pick(goalIds), rng.pick(goalIds)] : [rng.pick(goalIds)];
  const funding = [...new Set(rng.chance(0.2) ? [rng.pick(FUNDING.ids), rng.pick(FUNDING.ids)] : [rng.pick(FUNDING.ids)])] as Funding[];
  const periodKind = rng.float();
  const startYear = periodKind < 0.05 ? null : rng.int(2014, 2030);
  const endYear = startYear === null || periodKind < 0.1 ? null : Math.min(2030, startYear + rng.int(0, 4));
  const status = rng.weighted(Object.entries(STATUS_WEIGHTS) as [Status, number][]);
  const asOfYear = rng.int(2023, 2025);

  // Its single status becomes its first progress entry, as the loader does for an older file.
  return withProgress({
    type: 'Feature',
    id,
    geometry,
    properties: {
      id,
      title: { bg: titleBg, en: titleEn },
      summary: { bg: rng.chance(0.5) ? `${THEMES.table[theme].label.bg}: ${objectBg} в ${place.prefix} ${place.bg}.` : null, en: null },
      kind: 'project',
      programmeId: null,
      theme,
      secondaryThemes: secondary ? [secondary] : [],
      planLinks: [...new Set(goals)].map((goal) => ({ level: 'goal' as const, id: goal, confidence: 'inferred' as const })),
      planLinkNote: null,
      municipality: municipality.code,
      settlement: null,
      // A line or an area may reach past its municipality's edge; said so, the checker takes it.
      outsideMunicipality: true,
      locationText: `${street ? `${street}, ` : ''}${place.prefix} ${place.bg}`,
      locationAccuracy,
      locationBasis: 'synthetic position generated for the benchmark',
      ...budget(rng),
      budgetNote: null,
      funding,
      fundingText: null,
      startYear,
      endYear,
      periodText: null,
      periodInferred: false,
      status,
      statusAsOf: `${asOfYear}-${String(rng.int(1, 12)).padStart(2, '0')}`,
      statusText: STATUSES.table[status].label.bg,
      sources: [{ url: GENERATED_SOURCE, supports: 'synthetic record for the benchmark; not a real project' }],
    } as Omit<Intervention['properties'], 'progress'> as Intervention['properties'],
  });
}

/** Changes when the generator writes other data: a dataset of another version is made again. */
export const GENERATOR_VERSION = 2;

/** Writes a copy of data/kazanlak/ to `dir` with 265 municipalities' plans and `count` generated interventions. */
export function generateDataset(dir: string, count: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(KAZANLAK, dir, { recursive: true });
  const rng = new Rng(0x5eed_0000 + count);
  const read = (file: string) => JSON.parse(readFileSync(join(KAZANLAK, file), 'utf8'));
  const geography = nationalGeography(CITIES, { plan: read('plan.json'), boundary: read('municipality.geojson').features[0] }, mulberry32(0x6e0));
  writeFileSync(join(dir, 'plan.json'), JSON.stringify(geography.municipalities.map((m) => m.plan), null, 1));
  writeFileSync(join(dir, 'municipality.geojson'), JSON.stringify({ type: 'FeatureCollection', features: geography.municipalities.map((m) => m.boundary) }));
  const fd = openSync(join(dir, 'interventions.geojson'), 'w');
  try {
    writeSync(fd, '{"type":"FeatureCollection","features":[\n');
    let chunk: string[] = [];
    for (let i = 0; i < count; i++) {
      chunk.push(JSON.stringify(generateIntervention(i, rng, geography)));
      if (chunk.length === 1000 || i === count - 1) {
        writeSync(fd, chunk.join(',\n') + (i === count - 1 ? '\n' : ',\n'));
        chunk = [];
      }
    }
    writeSync(fd, ']}\n');
  } finally {
    closeSync(fd);
  }
}

export function defaultDatasetDir(count: number): string {
  return join(BENCH_TMP, `bg-${count}`, 'dataset');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive whole number, not ${process.argv[2]}`);
  const dir = resolve(process.argv[3] ?? defaultDatasetDir(count));
  const started = performance.now();
  generateDataset(dir, count);
  console.log(`wrote ${count} interventions to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
