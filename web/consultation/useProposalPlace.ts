// Where a proposal is, while it is written: a point („Точка“, the default) or an area („Област“)
// drawn a vertex at a time. Both are kept while the citizen switches between them; the shape chosen
// decides which one is sent and which one the map draws.
import { useState } from 'react';
import type { ContributionGeometry } from '../../geo/contribution.ts';
import { roundCoordinate } from '../app/format.ts';
import { AREA_MAX_VERTICES, areaGeometry } from './area.ts';

export type ProposalShape = 'point' | 'area';
type LonLat = [number, number];

export interface ProposalPlace {
  shape: ProposalShape;
  /** the point, [lon, lat] with six decimals */
  point?: LonLat;
  /** the area's vertices in the order placed, six decimals, not closed */
  vertices: LonLat[];
  /** what is sent; null while the chosen shape is not placed yet */
  geometry: ContributionGeometry | null;
  setShape(shape: ProposalShape): void;
  /** a map click, or the map's centre: moves the point, or adds a vertex */
  place(lon: number, lat: number): void;
  undo(): void;
  clear(): void;
  reset(): void;
}

export function useProposalPlace(): ProposalPlace {
  const [shape, setShape] = useState<ProposalShape>('point');
  const [point, setPoint] = useState<LonLat>();
  const [vertices, setVertices] = useState<LonLat[]>([]);
  const place = (lon: number, lat: number) => {
    const at: LonLat = [roundCoordinate(lon), roundCoordinate(lat)];
    if (shape === 'point') setPoint(at);
    else setVertices((v) => (v.length < AREA_MAX_VERTICES ? [...v, at] : v));
  };
  return {
    shape,
    point,
    vertices,
    geometry: shape === 'point' ? (point ? { type: 'Point', coordinates: point } : null) : areaGeometry(vertices),
    setShape,
    place,
    undo: () => setVertices((v) => v.slice(0, -1)),
    clear: () => setVertices([]),
    reset: () => {
      setShape('point');
      setPoint(undefined);
      setVertices([]);
    },
  };
}
