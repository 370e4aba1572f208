// Turning a library's features into rows: one geometry conversion and one place where a row whose
// geometry cannot be read is reported instead of kept.
import type { RowProblem, SourceRow } from '../source.ts';
import { GeometryProblem, toGeometry2d } from '../geometry.ts';

export interface FeatureLike {
  geometry?: unknown;
  properties?: Record<string, unknown> | null;
  /** a GeoJSON feature's id: the item's name when its properties carry none */
  id?: unknown;
  /** the row number to report, when it is not the feature's place in the list */
  row?: number;
}

export function rowsFromFeatures(features: readonly FeatureLike[], firstRow = 1): { rows: SourceRow[]; problems: RowProblem[] } {
  const rows: SourceRow[] = [];
  const problems: RowProblem[] = [];
  features.forEach((feature, i) => {
    const row = feature?.row ?? firstRow + i;
    if (typeof feature !== 'object' || feature === null) {
      problems.push({ row, field: 'geometry', message: 'not a feature' });
      return;
    }
    try {
      const properties = { ...(feature.properties ?? {}) };
      if (!('id' in properties) && (typeof feature.id === 'string' || typeof feature.id === 'number')) properties.id = feature.id;
      rows.push({ row, geometry: toGeometry2d(feature.geometry), properties });
    } catch (error) {
      if (!(error instanceof GeometryProblem)) throw error;
      problems.push({ row, field: 'geometry', message: error.message });
    }
  });
  return { rows, problems };
}
