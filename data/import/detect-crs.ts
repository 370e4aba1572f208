// Which coordinate system a file's numbers are in. The planner's choice wins; then what the file
// declares (.prj, GeoPackage srs, GeoJSON crs, or the format itself); then the numbers: the one
// candidate under which they land in the municipality. КС1970 is refused, never guessed.
import type { CrsCode } from '../../geo/crs.ts';
import type { Position } from '../../geo/index.ts';
import { type BBox, inside, widen } from './extent.ts';
import { describe, isGeographic, positionToCrs84, type Reading, reportedCode, storedOrder } from './reproject.ts';
import { type Decision, ImportRefused } from './source.ts';

/**
 * КС1970 ("Координатна система 1970", zones K3, K5, K7, K9) has X = northing first, about 4 500 000
 * – 4 800 000 m across Bulgaria, and Y = easting with the zone's prefix: about 8 400 000 – 8 600 000
 * in K3 and K9, 9 400 000 – 9 620 000 in K5 and K7 (control points of all four zones in
 * https://github.com/bojko108/transformations, src/controlPoints/BGS1970K5.js and
 * tests/bgsCoordinates.test.js, e.g. K5 [4613479.192, 9493233.633] ↔ CCS2005 [4679669.825, 569554.918];
 * zones: K3 north-west, K5 south-east, K7 north-east, K9 south-west, http://kolma.bg/transform.html).
 * No other system we read yields an easting of 8–10 million with a northing of 4.3–4.95 million
 * anywhere near Bulgaria, so the pair identifies it in either order. The older Gauss–Krüger
 * systems 1930 and 1950 use the same prefixes (8…/9…) and are caught by the same test, which the
 * message says. Its parameters are not published, so it cannot be converted here.
 */
const KS1970_NORTHING: [number, number] = [4_300_000, 4_950_000];
const KS1970_EASTING: [number, number] = [8_000_000, 10_000_000];
const within = (v: number, [low, high]: [number, number]) => v >= low && v < high;
const looksKs1970 = ([a, b]: Position) =>
  (within(a, KS1970_NORTHING) && within(b, KS1970_EASTING)) || (within(b, KS1970_NORTHING) && within(a, KS1970_EASTING));

export const KS1970_MESSAGE =
  'The coordinates look like КС1970 (Bulgaria\'s "Coordinate System 1970", zones K3/K5/K7/K9, or an older 1930/1950 Gauss–Krüger system with an 8…/9… easting prefix). ' +
  'Its transformation parameters are not public, so this map cannot place them without putting them in the wrong place. ' +
  'Have the file converted to BGS2005 (BGS2005 / CCS2005, EPSG:7801, or WGS 84) by its source, a licensed surveyor, or with the official transformation tools of the Geodesy, Cartography and Cadastre Agency (АГКК), then import it again.';

export const refuseKs1970 = (detail?: string) => new ImportRefused('crs_ks1970', detail ? `${detail}. ${KS1970_MESSAGE}` : KS1970_MESSAGE);

/** The candidates tried by magnitude, in the order they are reported. */
const CANDIDATES: Reading[] = [
  { code: 'OGC:CRS84', northFirst: false },
  { code: 'OGC:CRS84', northFirst: true },
  { code: 'EPSG:3857', northFirst: false },
  { code: 'EPSG:7801', northFirst: false },
  { code: 'EPSG:7801', northFirst: true },
  { code: 'EPSG:32635', northFirst: false },
  { code: 'EPSG:32635', northFirst: true },
];

/** Up to `max` positions spread over the file, enough to judge and cheap to transform. */
function sample(positions: readonly Position[], max = 2000): Position[] {
  if (positions.length <= max) return [...positions];
  const step = positions.length / max;
  return Array.from({ length: max }, (_, i) => positions[Math.floor(i * step)]);
}

function insideCount(positions: readonly Position[], reading: Reading, area: BBox): number {
  let count = 0;
  for (const p of positions) {
    try {
      if (inside(positionToCrs84(p, reading), area)) count++;
    } catch {
      // no answer under this reading: not inside
    }
  }
  return count;
}

const range = (positions: readonly Position[], axis: 0 | 1) => {
  let low = Infinity;
  let high = -Infinity;
  for (const p of positions) (low = Math.min(low, p[axis])), (high = Math.max(high, p[axis]));
  return `${low}…${high}`;
};

const share = (count: number, total: number) => (count === total ? `all ${total}` : `${count} of ${total}`);

export interface CrsEvidence {
  override?: CrsCode | null;
  /** what the file says, as a reading (GIS storage order) with the decision to report */
  declared?: Decision<CrsCode> | null;
  /** every position of the file, in file coordinates */
  positions: readonly Position[];
  municipality: BBox;
  /** said first in the reason when the numbers decide (e.g. "the .prj names X, which we do not know") */
  note?: string;
}

export interface CrsChoice {
  decision: Decision<CrsCode>;
  reading: Reading;
}

/**
 * The CRS decision and the reading to transform with. With an override or a declaration, the axis
 * order is still taken from the numbers when only the swapped order lands in the municipality
 * (a CSV with X = northing, say); the CRS itself is never second-guessed there.
 */
export function decideCrs({ override, declared, positions, municipality, note: fileNote }: CrsEvidence): CrsChoice {
  const lead = fileNote ? `${fileNote}; ` : '';
  const area = widen(municipality);
  const seen = sample(positions);
  const total = seen.length;
  const orderFromNumbers = (reading: Reading): { reading: Reading; note: string } => {
    if (!total || isGeographic(reading.code) || insideCount(seen, reading, area) * 2 > total) return { reading, note: '' };
    const swapped = { ...reading, northFirst: !reading.northFirst };
    return insideCount(seen, swapped, area) * 2 > total
      ? { reading: swapped, note: `; the file stores ${reading.northFirst ? 'easting' : 'northing'} first, which is how the coordinates fall inside the municipality` }
      : { reading, note: '' };
  };

  if (override) {
    const { reading, note } = orderFromNumbers(storedOrder(override));
    return { reading, decision: { value: override, by: 'override', reason: `the planner chose ${describe(reading)}${note}` } };
  }
  if (total && seen.filter(looksKs1970).length * 2 > total)
    throw refuseKs1970(`${share(seen.filter(looksKs1970).length, total)} coordinates have one value between 4.3 and 4.95 million and the other between 8 and 10 million (x ${range(seen, 0)}, y ${range(seen, 1)})`);
  if (declared) {
    const { reading, note } = orderFromNumbers(storedOrder(declared.value));
    return { reading, decision: { ...declared, value: reportedCode(reading), reason: declared.reason + note } };
  }
  if (!total) return { reading: storedOrder('OGC:CRS84'), decision: { value: 'OGC:CRS84', by: 'fallback', reason: 'the file has no coordinates to judge by' } };

  const scored = CANDIDATES.map((reading) => ({ reading, count: insideCount(seen, reading, area) })).sort((a, b) => b.count - a.count);
  const [best, second] = scored;
  if (best.count * 2 <= total)
    throw new ImportRefused(
      'crs_unknown',
      `${lead}The coordinates (x ${range(seen, 0)}, y ${range(seen, 1)}) fall inside the municipality under none of the coordinate systems tried (WGS 84 longitude/latitude or latitude/longitude, Web Mercator EPSG:3857, BGS2005 / CCS2005 EPSG:7801, WGS 84 / UTM 35N EPSG:32635). Choose the coordinate system, or send the file with its .prj.`,
    );
  const only = second.count === 0 ? ' only' : '';
  return {
    reading: best.reading,
    decision: {
      value: reportedCode(best.reading),
      by: 'magnitude',
      reason: `${lead}${share(best.count, total)} coordinates fall inside the municipality's extent${only} as ${describe(best.reading)}`,
    },
  };
}
