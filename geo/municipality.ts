// The municipality (община): the unit a ПИРО is made for, and the dimension that puts every
// municipality's plan side by side. Its code is the ЕКАТТЕ municipality code (SZR12), which is also
// Bulgaria's LAU code at Eurostat; NUTS 3 is the province (BG344 Стара Загора). Its boundary is a
// feature of the dataset's `municipality` base layer, whose id is the code.
import { z } from 'zod';
import { BBox, type Geometry } from './geojson.ts';
import type { Plan } from './plan.ts';
import { geometryBBox } from './spatial.ts';
import { LocalText } from './vocabulary.ts';

/** Three Latin capitals of the province, two digits of the municipality: SZR12. */
export const MUNICIPALITY_CODE = /^[A-Z]{3}\d{2}$/;
export const MunicipalityCode = z.string().regex(MUNICIPALITY_CODE, 'a municipality code is the ЕКАТТЕ one: three capitals and two digits, e.g. SZR12');
export type MunicipalityCode = z.infer<typeof MunicipalityCode>;

/** NUTS 3 (a province) in Bulgaria: BG and three digits, e.g. BG344. */
export const Nuts3 = z.string().regex(/^BG\d{3}$/, 'a NUTS 3 code is BG and three digits, e.g. BG344');

/** What the `municipality` layer's feature says of itself (the boundary's properties, as the dataset keeps them). */
export const MunicipalityFeatureProperties = z.looseObject({
  code: MunicipalityCode,
  name: LocalText.extend({ bg: z.string().min(1) }),
  /** null where the dataset does not say (a store migrated from before municipalities were listed) */
  nuts3: Nuts3.nullable(),
  admin_centre_ekatte: z.string().regex(/^\d{5}$/).nullish(),
  province_bg: z.string().min(1).nullish(),
  province_en: z.string().min(1).nullish(),
});

/** A municipality as /api/municipalities lists it: who it is, where, and the plan it has here. */
export const Municipality = z.object({
  code: MunicipalityCode,
  /** the LAU code, which in Bulgaria is the ЕКАТТЕ municipality code itself */
  lau: MunicipalityCode,
  /** null where the dataset does not say */
  nuts3: Nuts3.nullable(),
  name: LocalText,
  province: LocalText,
  adminCentreEkatte: z.string().nullable(),
  /** the plan of this municipality held here, or null when only its boundary is */
  plan: z.object({ id: z.string(), shortTitle: LocalText }).nullable(),
  /** published interventions that serve its plan */
  interventions: z.number().int().nonnegative(),
  /** lon/lat box of its boundary */
  bbox: BBox,
});
export type Municipality = z.infer<typeof Municipality>;

/** A boundary feature of the `municipality` layer, as the dataset checker lets it through. */
export interface MunicipalityFeature {
  id?: string | number;
  geometry: Geometry;
  properties: z.infer<typeof MunicipalityFeatureProperties>;
}

/**
 * The `municipality` layer of a dataset of one plan written before boundaries said whose they are:
 * its one feature is the plan's municipality, named by its code (the NUTS 3 stays unknown, null).
 */
export function codedOutlines<C extends { features: { id?: string | number; properties: Record<string, unknown> }[] }>(collection: C, code: string): C {
  if (collection.features.length !== 1 || collection.features[0].properties.code !== undefined) return collection;
  const [f] = collection.features;
  return { ...collection, features: [{ ...f, id: code, properties: { ...f.properties, code, nuts3: f.properties.nuts3 ?? null } }] };
}

/** The municipality a boundary feature describes, with the plan held for it and its count of items. */
export function municipalityOf(feature: MunicipalityFeature, plans: readonly Plan[], interventions: number): Municipality {
  const p = feature.properties;
  const plan = plans.find((x) => x.municipality.code === p.code);
  return {
    code: p.code,
    lau: p.code,
    nuts3: p.nuts3 ?? null,
    name: { bg: p.name.bg, en: p.name.en ?? null },
    province: { bg: p.province_bg ?? null, en: p.province_en ?? null },
    adminCentreEkatte: p.admin_centre_ekatte ?? plan?.municipality.adminCentreEkatte ?? null,
    plan: plan ? { id: plan.id, shortTitle: plan.shortTitle } : null,
    interventions,
    bbox: geometryBBox(feature.geometry),
  };
}
