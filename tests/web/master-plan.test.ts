// The master-plan layer's colours: every type of the served vocabulary gets an outline with at
// least 3:1 against the white map and against its own tinted fill (WCAG 2.1 SC 1.4.11), and the
// legend lists only the types the published zones use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MasterPlanZoneTypes, Zone } from '../../geo/index.ts';
import { contrast, masterPlanColours, masterPlanEntries, NON_TEXT_CONTRAST, outlineColour, shownFill, usedTypes } from '../../web/map/master-plan.ts';

const vocabulary = MasterPlanZoneTypes.parse(JSON.parse(readFileSync(new URL('../../data/vocabularies/master-plan-zone-types.json', import.meta.url), 'utf8')));
const zoning = JSON.parse(readFileSync(new URL('../fixtures/master-plan/zoning.geojson', import.meta.url), 'utf8')).features.map((f: unknown) => Zone.parse(f));

describe('master-plan colours and legend', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('gives every type an outline that stands out from white and from its own fill', () => {
    for (const type of vocabulary.types) {
      const outline = outlineColour(type.colour);
      expect(contrast(outline, '#ffffff'), type.code).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST);
      expect(contrast(outline, shownFill(type.colour)), type.code).toBeGreaterThanOrEqual(NON_TEXT_CONTRAST);
    }
  });

  it('lists the types the published zones use, in vocabulary order, and draws each zone in its type colour', () => {
    const entries = masterPlanEntries(zoning, vocabulary);
    expect(usedTypes(entries, vocabulary).map((t) => t.code)).toEqual(vocabulary.types.map((t) => t.code).filter((c) => ['Жм', 'Пп', 'Ц'].includes(c)));
    expect(entries.map((e) => [e.zone.id, e.colour])).toEqual(zoning.map((z: Zone) => [z.id, vocabulary.types.find((t) => t.code === z.properties.masterPlanType)!.colour]));
    // The map draws a zone by its type code with the same colour and outline as the legend.
    const colours = new Map(masterPlanColours(vocabulary).map((c) => [c.code, c]));
    for (const e of entries) expect(colours.get(e.zone.properties.masterPlanType!)).toEqual({ code: e.zone.properties.masterPlanType, colour: e.colour, outline: e.outline });
  });
});
