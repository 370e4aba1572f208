// A zone the plan acts on. Its extent may be unknown: then `geometry` is null and the zone is
// still listed; a drawn extent always says how it was obtained (`geometryAccuracy`, `geometryBasis`).
import { z } from 'zod';
import { featureCollectionOf, featureOf, Geometry } from './geojson.ts';
import { MasterPlanTypeCode } from './master-plan-types.ts';
import { Sources } from './source.ts';
import { Confidence, GeometryAccuracy, LocalText, ZoneKind } from './vocabulary.ts';

export const ZONE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
export const ZoneId = z.string().regex(ZONE_ID, 'zone ids look like ITI1-Z1');

export const ZoneProperties = z.object({
  id: ZoneId,
  name: LocalText.extend({ bg: z.string().min(1) }),
  kind: ZoneKind,
  /**
   * The zone-type code of a master-plan zone (kind `oup_land_use`), from Наредба № 7 (see
   * data/vocabularies/). Other zones leave it out (or null): optional rather than null on every
   * zone, so the dataset's existing zones stay byte-identical in a dump.
   */
  masterPlanType: MasterPlanTypeCode.nullable().optional(),
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

/** A land-use zone of the master plan (ОУП): it carries a type code and has its own layer and relation. */
export const MASTER_PLAN_KIND = 'oup_land_use' satisfies ZoneKind;
export const isMasterPlanZone = (z: { properties: { kind: ZoneKind } }) => z.properties.kind === MASTER_PLAN_KIND;

export const Zone = featureOf(ZoneProperties, Geometry.nullable()).superRefine((f, ctx) => {
  const typed = f.properties.masterPlanType !== undefined && f.properties.masterPlanType !== null;
  if (typed !== (f.properties.kind === MASTER_PLAN_KIND))
    ctx.addIssue({
      code: 'custom',
      path: ['properties', 'masterPlanType'],
      message: typed ? `only a zone of kind ${MASTER_PLAN_KIND} has a masterPlanType` : `a zone of kind ${MASTER_PLAN_KIND} needs its masterPlanType (a code such as Жм)`,
    });
  if (f.properties.kind === MASTER_PLAN_KIND && f.geometry !== null && f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')
    ctx.addIssue({ code: 'custom', path: ['geometry'], message: 'a master-plan zone is an area: Polygon or MultiPolygon' });
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
