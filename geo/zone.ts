// A zone the plan acts on. Its extent may be unknown: then `geometry` is null and the zone is
// still listed; a drawn extent always says how it was obtained (`geometryAccuracy`, `geometryBasis`).
import { z } from 'zod';
import { featureCollectionOf, featureOf, Geometry } from './geojson.ts';
import { Sources } from './source.ts';
import { Confidence, GeometryAccuracy, LocalText, ZoneKind } from './vocabulary.ts';

export const ZONE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
export const ZoneId = z.string().regex(ZONE_ID, 'zone ids look like ITI1-Z1');

export const ZoneProperties = z.object({
  id: ZoneId,
  name: LocalText.extend({ bg: z.string().min(1) }),
  kind: ZoneKind,
  /** The plan or programme that defined the zone, in words. */
  definedBy: z.string().min(1),
  description: LocalText,
  boundaryText: z.string().min(1).nullable(),
  geometryAccuracy: GeometryAccuracy.nullable(),
  geometryBasis: z.string().min(1).nullable(),
  confidence: Confidence,
  confidenceNote: z.string().min(1).nullable(),
  /** Residents of the zone; null where nobody has published it. */
  population: z.number().int().nonnegative().nullable(),
  sources: Sources,
});
export type ZoneProperties = z.infer<typeof ZoneProperties>;

export const Zone = featureOf(ZoneProperties, Geometry.nullable()).superRefine((f, ctx) => {
  if (f.id !== f.properties.id)
    ctx.addIssue({ code: 'custom', path: ['id'], message: `feature id ${f.id} differs from properties.id ${f.properties.id}` });
  if ((f.geometry === null) !== (f.properties.geometryAccuracy === null))
    ctx.addIssue({
      code: 'custom',
      path: ['properties', 'geometryAccuracy'],
      message: 'geometryAccuracy is set exactly when the zone has a geometry',
    });
  if ((f.geometry === null) !== (f.properties.geometryBasis === null))
    ctx.addIssue({
      code: 'custom',
      path: ['properties', 'geometryBasis'],
      message: 'geometryBasis is set exactly when the zone has a geometry',
    });
});
export type Zone = z.infer<typeof Zone>;
export const ZoneCollection = featureCollectionOf(Zone);
