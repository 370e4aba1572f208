// The geometry before (grey, dashed) and after (blue) a change, on the offline base map.
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import type { Geometry } from '../../geo/index.ts';
import type { Reference } from '../app/api.ts';
import type { Lang } from '../app/i18n.ts';
import { fitTo, useBaseMap } from './baseMap.ts';

const COLOURS = { before: '#5c636a', after: '#1f5fa8' } as const;

export function CompareMap({ reference, lang, before, after, label }: { reference: Reference; lang: Lang; before: Geometry | null; after: Geometry | null; label: string }) {
  const { container, map } = useBaseMap(reference, lang, label);
  useEffect(() => {
    if (!map) return;
    for (const which of ['before', 'after'] as const) {
      const geometry = which === 'before' ? before : after;
      const data: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: geometry ? [{ type: 'Feature', properties: {}, geometry: geometry as GeoJSON.Geometry }] : [] };
      const source = map.getSource(which) as GeoJSONSource | undefined;
      if (source) {
        source.setData(data);
        continue;
      }
      map.addSource(which, { type: 'geojson', data });
      const dash = which === 'before' ? { 'line-dasharray': [2, 2] } : {};
      map.addLayer({ id: `${which}-fill`, type: 'fill', source: which, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': COLOURS[which], 'fill-opacity': 0.15 } });
      map.addLayer({ id: `${which}-line`, type: 'line', source: which, filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': COLOURS[which], 'line-width': 3, ...dash } });
      map.addLayer({
        id: `${which}-point`,
        type: 'circle',
        source: which,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: which === 'before' ? { 'circle-radius': 7, 'circle-color': '#ffffff', 'circle-stroke-color': COLOURS.before, 'circle-stroke-width': 3 } : { 'circle-radius': 7, 'circle-color': COLOURS.after, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
      });
    }
    fitTo(map, [before, after]);
  }, [map, before, after]);
  return <div className="compare-map" ref={container} data-ready={map ? 'true' : 'false'} />;
}
