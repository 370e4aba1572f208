// The settlements of the municipality (ЕКАТТЕ), as points and as land areas (землища).
import { z } from 'zod';
import { featureCollectionOf, featureOf, MultiPolygon, Point, Polygon } from './geojson.ts';
import { Ekatte } from './intervention.ts';
import { LocalText } from './vocabulary.ts';

const identity = {
  ekatte: Ekatte,
  name: LocalText.extend({ bg: z.string().min(1), en: z.string().min(1) }),
  kind: z.enum(['town', 'village']),
  municipalityCode: z.string().min(1),
  source: z.string().min(1),
  licence: z.string().min(1),
  accuracy: z.string().min(1),
};

export const SettlementProperties = z.object({
  ...identity,
  population: z.number().int().nonnegative().nullable(),
  populationYear: z.number().int().nullable(),
  populationSource: z.string().min(1),
  isAdminCentre: z.boolean(),
  postalCodes: z.array(z.string().regex(/^\d{4}$/)),
});
export type SettlementProperties = z.infer<typeof SettlementProperties>;

export const Settlement = featureOf(SettlementProperties, Point);
export type Settlement = z.infer<typeof Settlement>;
export const SettlementCollection = featureCollectionOf(Settlement);

export const SettlementAreaProperties = z.object({
  ...identity,
  areaOfficialKm2: z.number().positive().nullable(),
  areaGeometryKm2: z.number().positive(),
});
export type SettlementAreaProperties = z.infer<typeof SettlementAreaProperties>;
export const SettlementArea = featureOf(SettlementAreaProperties, z.union([Polygon, MultiPolygon]));
export type SettlementArea = z.infer<typeof SettlementArea>;
export const SettlementAreaCollection = featureCollectionOf(SettlementArea);
