// The master-plan (ОУП) layer as data: each published master-plan zone with its type's fill colour
// (from the served vocabulary) and an outline darkened until it stands out, so the legend, the
// map and the detail read one table.
import type { MasterPlanZoneType, MasterPlanZoneTypes, Zone } from '../../geo/index.ts';
import { isMasterPlanZone } from '../../geo/zone.ts';

/** How opaque the fill is on the map: the zoning is a backdrop to the interventions, not a cover. */
export const MASTER_PLAN_FILL_OPACITY = 0.35;
/** What the outline must reach (WCAG 2.1 SC 1.4.11, non-text contrast) against what lies beside it. */
export const NON_TEXT_CONTRAST = 3;
/** The lightest thing beside an outline: a white map (the offline base or a light street tile). */
const LIGHTEST = '#ffffff';
const FALLBACK = '#868e96';

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance (WCAG 2.1). */
function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(rgb(a)), luminance(rgb(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The fill as it shows on the lightest map: its colour at MASTER_PLAN_FILL_OPACITY over white. */
export function shownFill(fill: string): string {
  const [f, w] = [rgb(fill), rgb(LIGHTEST)];
  return hex(f.map((v, i) => v * MASTER_PLAN_FILL_OPACITY + w[i] * (1 - MASTER_PLAN_FILL_OPACITY)) as Rgb);
}

/**
 * The fill's hue, darkened until the line has 3:1 against the two things it separates on a white
 * map: the zone's own tinted fill and the white outside. Keeping the hue lets the outline say which
 * zone it belongs to where two zones meet.
 */
export function outlineColour(fill: string): string {
  let c = rgb(fill);
  const enough = (x: string) => contrast(x, LIGHTEST) >= NON_TEXT_CONTRAST && contrast(x, shownFill(fill)) >= NON_TEXT_CONTRAST;
  while (!enough(hex(c))) c = c.map((v) => v * 0.9) as Rgb;
  return hex(c);
}

/** How a zone of a type not in the vocabulary is drawn (the map's style, web/map/style.ts). */
export const MASTER_PLAN_FALLBACK = { colour: FALLBACK, outline: outlineColour(FALLBACK) };

export interface MasterPlanEntry {
  zone: Zone;
  /** null when the zone's code is not (or no longer) in the vocabulary */
  type: MasterPlanZoneType | null;
  colour: string;
  outline: string;
}

/** The published master-plan zones with their type and colours, in zone order. */
export function masterPlanEntries(zones: Zone[], vocabulary: MasterPlanZoneTypes | null): MasterPlanEntry[] {
  const types = new Map((vocabulary?.types ?? []).map((t) => [t.code, t]));
  // The map's colours by type (masterPlanColours), so the legend and the map read one table.
  const colours = new Map(masterPlanColours(vocabulary).map((c) => [c.code, c]));
  return zones.filter(isMasterPlanZone).map((zone) => {
    const code = zone.properties.masterPlanType ?? '';
    const { colour, outline } = colours.get(code) ?? MASTER_PLAN_FALLBACK;
    return { zone, type: types.get(code) ?? null, colour, outline };
  });
}

/** Each type's fill and outline, as the map's style draws a master-plan zone by its type code (web/map/style.ts). */
export function masterPlanColours(vocabulary: MasterPlanZoneTypes | null): { code: string; colour: string; outline: string }[] {
  return (vocabulary?.types ?? []).map((t) => ({ code: t.code, colour: t.colour, outline: outlineColour(t.colour) }));
}

/** The types the published zones use, once each, in vocabulary order: the legend. */
export function usedTypes(entries: MasterPlanEntry[], vocabulary: MasterPlanZoneTypes | null): MasterPlanZoneType[] {
  const used = new Set(entries.map((e) => e.zone.properties.masterPlanType));
  return (vocabulary?.types ?? []).filter((t) => used.has(t.code));
}
