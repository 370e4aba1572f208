// The editor's maps (drawing, review before/after) stand on the same offline base as the public
// map: our own layers, the optional street basemap, settlement names.
import type maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { Geometry } from '../../geo/index.ts';
import { geometryBBox } from '../../geo/spatial.ts';
import type { Reference } from '../app/api.ts';
import { pick, type Lang } from '../app/i18n.ts';
import { addSettlementLabels, createBaseMap } from '../map/base.ts';

/** A map in `container` once its style has loaded; null before. */
export function useBaseMap(reference: Reference, lang: Lang, label: string) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  useEffect(() => {
    const m = createBaseMap(container.current!, reference, { label, maxZoom: 19 });
    m.on('load', () => {
      addSettlementLabels(m, reference, (s) => pick(lang, s.properties.name));
      setMap(m);
    });
    // Removed after the other cleanups of the unmount (React runs them in order of declaration, this
    // one first): terra-draw must take its layers off a map that is still there.
    return () => queueMicrotask(() => m.remove());
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  return { container, map };
}

/** Moves the map to show every geometry given, or leaves it where it is when there is none. */
export function fitTo(map: maplibregl.Map, geometries: (Geometry | null | undefined)[]) {
  const boxes = geometries.filter((g): g is Geometry => !!g).map((g) => geometryBBox(g));
  if (!boxes.length) return;
  const b: [number, number, number, number] = [Math.min(...boxes.map((x) => x[0])), Math.min(...boxes.map((x) => x[1])), Math.max(...boxes.map((x) => x[2])), Math.max(...boxes.map((x) => x[3]))];
  if (b[0] === b[2] && b[1] === b[3]) map.jumpTo({ center: [b[0], b[1]], zoom: Math.max(map.getZoom(), 15) });
  else map.fitBounds(b, { padding: 50, maxZoom: 16, duration: 0 });
}
