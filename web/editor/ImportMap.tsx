// The preview's features on the offline base map, coloured by what becomes of each row (the same
// colours as the table's badges and the legend), fitted to them; the row chosen in the table is
// ringed, and a click on a feature chooses its row. The container says how many rows the map shows
// (data-shown, counted from what MapLibre holds), so a test checks the map, not the answer.
import type { GeoJSONSource, LngLatBounds, Map as MapLibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { Geometry } from '../../geo/index.ts';
import { ROW_ACTIONS, type ImportPreview } from '../../geo/import-preview.ts';
import type { Reference } from '../app/api.ts';
import type { Lang } from '../app/i18n.ts';
import { fitTo, useBaseMap } from './baseMap.ts';
import { ACTION_COLOURS, actionWord, ti } from './importStrings.ts';

const colourByAction = ['match', ['get', 'action'], ...ROW_ACTIONS.flatMap((a) => [a, ACTION_COLOURS[a]]), '#5c636a'] as unknown as string;
const LAYERS = ['import-fill', 'import-line', 'import-point'];

interface Props {
  reference: Reference;
  lang: Lang;
  features: ImportPreview['features'];
  selected: number | null;
  onSelect(row: number): void;
}

export function ImportMap({ reference, lang, features, selected, onSelect }: Props) {
  const label = ti(lang, 'mapLabel');
  const { container, map } = useBaseMap(reference, lang, label);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!map) return;
    map.addSource('import', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: 'import-fill', type: 'fill', source: 'import', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colourByAction, 'fill-opacity': 0.25 } });
    map.addLayer({ id: 'import-line', type: 'line', source: 'import', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': colourByAction, 'line-width': 3 } });
    map.addLayer({ id: 'import-point', type: 'circle', source: 'import', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 7, 'circle-color': colourByAction, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
    // The chosen row: a dark ring around a point, a thick dark outline around a line or a polygon.
    map.addLayer({ id: 'import-chosen-line', type: 'line', source: 'import', filter: ['==', ['get', 'row'], -1], paint: { 'line-color': '#1a1a1a', 'line-width': 6, 'line-opacity': 0.6 } }, 'import-line');
    map.addLayer({ id: 'import-chosen-point', type: 'circle', source: 'import', filter: ['all', ['==', ['geometry-type'], 'Point'], ['==', ['get', 'row'], -1]], paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1a1a1a', 'circle-stroke-width': 3 } });
    const count = () => {
      const rows = new Set(map.querySourceFeatures('import').map((f) => f.properties?.row));
      container.current?.setAttribute('data-shown', String(rows.size));
    };
    map.on('idle', count);
    const click = (e: MapLayerMouseEvent) => {
      const row = e.features?.[0]?.properties?.row;
      if (typeof row === 'number') select.current(row);
    };
    const pointer = () => (map.getCanvas().style.cursor = 'pointer');
    const plain = () => (map.getCanvas().style.cursor = '');
    for (const layer of LAYERS) {
      map.on('click', layer, click);
      map.on('mouseenter', layer, pointer);
      map.on('mouseleave', layer, plain);
    }
    return () => {
      map.off('idle', count);
      for (const layer of LAYERS) {
        map.off('click', layer, click);
        map.off('mouseenter', layer, pointer);
        map.off('mouseleave', layer, plain);
      }
    };
  }, [map]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (!map) return;
    (map.getSource('import') as GeoJSONSource).setData(features as GeoJSON.FeatureCollection);
    fitTo(
      map,
      features.features.map((f) => f.geometry as Geometry),
    );
  }, [map, features]);

  useEffect(() => {
    if (!map) return;
    const row = selected ?? -1;
    map.setFilter('import-chosen-line', ['all', ['!=', ['geometry-type'], 'Point'], ['==', ['get', 'row'], row]]);
    map.setFilter('import-chosen-point', ['all', ['==', ['geometry-type'], 'Point'], ['==', ['get', 'row'], row]]);
    const feature = features.features.find((f) => f.properties.row === selected);
    if (feature) fitInside(map, feature.geometry as Geometry, map.getBounds());
  }, [map, selected, features]);

  const present = ROW_ACTIONS.filter((a) => features.features.some((f) => f.properties.action === a));
  return (
    <figure className="import-map-figure">
      <div className="import-map" ref={container} data-ready={map ? 'true' : 'false'} data-features={features.features.length} />
      <figcaption>
        {features.features.length ? (
          <>
            <span className="visually-hidden">{ti(lang, 'legend')}: </span>
            <ul className="import-legend" aria-label={ti(lang, 'legend')}>
              {present.map((a) => (
                <li key={a}>
                  <span className="swatch" style={{ background: ACTION_COLOURS[a] }} aria-hidden="true" /> {actionWord(lang, a)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          ti(lang, 'noGeometryRows')
        )}
      </figcaption>
    </figure>
  );
}

/** Pans to the chosen feature when it lies outside the view; leaves the view alone when it is in it. */
function fitInside(map: MapLibreMap, geometry: Geometry, bounds: LngLatBounds) {
  const walk = (c: unknown): [number, number][] => (typeof (c as number[])[0] === 'number' ? [c as [number, number]] : (c as unknown[]).flatMap(walk));
  const positions = 'coordinates' in geometry ? walk(geometry.coordinates) : [];
  if (positions.every((p) => bounds.contains(p))) return;
  fitTo(map, [geometry]);
}
