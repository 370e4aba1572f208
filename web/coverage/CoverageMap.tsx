// The choropleth of settlements or zones for the coverage view, with the gap overlay. It reuses the
// offline base style of the citizen map; colours come from the classes the legend shows.
import maplibregl, { type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { Geometry } from '../../geo/index.ts';
import { baseTilesUrl, type Reference } from '../app/api.ts';
import { pick, type Lang } from '../app/i18n.ts';
import { coverageTitle } from '../app/plan.ts';
import { attributionText, foldAttribution, homeBounds, homeLatitude } from '../map/base.ts';
import { mapStyle } from '../map/style.ts';

export interface Shade {
  key: string;
  name: { bg: string | null; en: string | null };
  geometry: Geometry;
  colour: string;
}

interface Props {
  reference: Reference;
  shades: Shade[];
  gap: Geometry | null;
  hovered: string | null;
  lang: Lang;
  onHover(key: string | null): void;
}

export function CoverageMap({ reference, shades, gap, hovered, lang, onHover }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const hover = useRef(onHover);
  hover.current = onHover;

  useEffect(() => {
    const style = mapStyle({ basemap: null, latitude: homeLatitude(reference), base: baseTilesUrl() });
    // The choropleth is the map here: of the base, only the boundaries and the water stay under it.
    style.layers = style.layers.filter((l) => !['settlement-areas-line', 'landmarks'].includes(l.id));
    style.sources.choropleth = { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'key' };
    style.sources.gaps = { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
    const at = style.layers.findIndex((l) => l.id === 'municipality-line');
    style.layers.splice(
      at,
      0,
      { id: 'choropleth', type: 'fill', source: 'choropleth', paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.85 } },
      {
        id: 'choropleth-line',
        type: 'line',
        source: 'choropleth',
        paint: { 'line-color': ['case', ['boolean', ['feature-state', 'highlight'], false], '#111', '#6c757d'], 'line-width': ['case', ['boolean', ['feature-state', 'highlight'], false], 3, 0.8] },
      },
      // Hatched, so the choropleth colours stay readable underneath.
      { id: 'gaps-fill', type: 'fill', source: 'gaps', paint: { 'fill-pattern': 'hatch' } },
      { id: 'gaps-line', type: 'line', source: 'gaps', paint: { 'line-color': '#a61e1e', 'line-width': 1.5, 'line-dasharray': [2, 1] } },
    );
    const map = new maplibregl.Map({
      container: container.current!,
      style,
      bounds: homeBounds(reference),
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: true, customAttribution: attributionText(reference) },
      dragRotate: false,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addImage('hatch', hatch());
      foldAttribution(map);
      setReady(true);
    });
    let last: string | null = null;
    map.on('mousemove', 'choropleth', (e) => {
      const key = (e.features?.[0]?.properties?.key as string | undefined) ?? null;
      if (key !== last) hover.current((last = key));
    });
    map.on('mouseleave', 'choropleth', () => hover.current((last = null)));
    mapRef.current = map;
    return () => map.remove();
  }, [reference]);

  // The name goes on the canvas (a focusable region that pans with the arrow keys), as on the
  // citizen map: a role="img" container would hide the zoom buttons inside it from assistive tech.
  useEffect(() => {
    mapRef.current?.getCanvas().setAttribute('aria-label', coverageTitle(lang, reference.plan));
  }, [lang, reference]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource('choropleth') as GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: shades.map((s) => ({ type: 'Feature', geometry: s.geometry, properties: { key: s.key, colour: s.colour, name: pick(lang, s.name) } })) as GeoJSON.Feature[],
    });
  }, [shades, ready, lang]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    (map.getSource('gaps') as GeoJSONSource).setData({ type: 'FeatureCollection', features: gap ? [{ type: 'Feature', geometry: gap, properties: {} } as GeoJSON.Feature] : [] });
  }, [gap, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.removeFeatureState({ source: 'choropleth' });
    if (hovered) map.setFeatureState({ source: 'choropleth', id: hovered }, { highlight: true });
  }, [hovered, ready, shades]);

  return <div ref={container} className="map" data-ready={ready ? 'true' : 'false'} />;
}

/** A diagonal hatch drawn on a canvas: no sprite to fetch from anywhere. */
function hatch(): ImageData {
  const size = 10;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d')!;
  ctx.strokeStyle = 'rgba(166, 30, 30, 0.8)';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-size / 2, size / 2);
  ctx.lineTo(size / 2, -size / 2);
  ctx.moveTo(size / 2, size * 1.5);
  ctx.lineTo(size * 1.5, size / 2);
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}
