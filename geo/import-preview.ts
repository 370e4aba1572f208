// What the import API answers, described once: the server builds it, the OpenAPI document shows
// it, the editor types its fetches with it.
import { z } from 'zod';
import { WriteResult } from './editing.ts';
import { ImportMapping, ImportTarget } from './import-mapping.ts';

export const IMPORT_FORMATS = ['geojson', 'csv', 'xlsx', 'kml', 'kmz', 'gpx', 'shapefile', 'geopackage'] as const;
export const ImportFormat = z.enum(IMPORT_FORMATS);

/** The text encodings a file is read in; a .cpg's other spellings (cp1251, 1251 …) name these. */
export const ENCODINGS = ['utf-8', 'windows-1251'] as const;

/** How a CRS or an encoding was decided; the editor words each in the planner's language. */
export const DECIDED_BY = ['override', 'prj', 'gpkg', 'geojson-crs', 'cpg', 'magnitude', 'format', 'utf-8-valid', 'fallback'] as const;
export const Decision = <T extends z.ZodType>(value: T) => z.object({ value, by: z.enum(DECIDED_BY), reason: z.string() });

export const RowProblem = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type RowProblem = z.infer<typeof RowProblem>;

export const ROW_ACTIONS = ['create', 'update', 'unchanged', 'refused'] as const;
export const RowAction = z.enum(ROW_ACTIONS);
export type RowAction = z.infer<typeof RowAction>;

export const RowOutcome = z.object({
  row: z.number().int(),
  id: z.string().nullable(),
  action: RowAction,
  /** the title or name, to recognise the row by */
  label: z.string().nullable(),
  /** the published master-plan (ОУП) zones the row's geometry lies in (interventions), as publication will join them */
  masterPlanZones: z.array(z.string()),
});
export type RowOutcome = z.infer<typeof RowOutcome>;

export const PreviewCounts = z.object({ rows: z.number().int(), create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), refused: z.number().int() });
export type PreviewCounts = z.infer<typeof PreviewCounts>;

export const ImportPreview = z.object({
  id: z.string(),
  target: ImportTarget,
  fileName: z.string(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  file: z.object({
    format: ImportFormat,
    /** tables or sheets in the file, and which one was read */
    layers: z.array(z.string()),
    layer: z.string().nullable(),
    crs: Decision(z.string()).nullable(),
    encoding: Decision(z.enum(ENCODINGS)).nullable(),
    columns: z.array(z.string()),
  }),
  mapping: ImportMapping,
  /** the planner's, the one last committed for a file laid out the same, or guessed from column names */
  mappingFrom: z.enum(['planner', 'remembered', 'guessed']),
  counts: PreviewCounts,
  rows: z.array(RowOutcome),
  /** `row: field: message`; every refused row at least once */
  problems: z.array(RowProblem),
  /** the rows with a geometry, for the preview map */
  features: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), geometry: z.unknown(), properties: RowOutcome })),
  }),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportCommitted = z.object({
  preview: ImportPreview,
  /** the drafts written, for review */
  items: z.array(WriteResult),
  /** the reference layer replaced, when the import was into one */
  layer: z.string().nullable(),
});
export type ImportCommitted = z.infer<typeof ImportCommitted>;
