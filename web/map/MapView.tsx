// The map: offline base layers from our own data, the interventions (clustered points, lines,
// polygons) coloured by theme and marked by status, approximate places as halos, the near-me
// radius, and an optional online street basemap that drops out by itself when unreachable.
import maplibregl, { type GeoJSONSource, type MapGeoJSONFeature } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { circleAround, geometryBBox, representativePoint } from '../../geo/spatial.ts';
import { stackPoints } from '../../geo/stacks.ts';
import { isMasterPlanZone } from '../../geo/zone.ts';
import { addContributionLayers, addDraftLayers, CONTRIBUTION_LAYERS } from '../consultation/layers.ts';
import { useContributionLayer, type ContributionLayerProps } from '../consultation/useContributionLayer.ts';
import type { Found, Reference } from '../app/api.ts';
import { pick, translate, type Lang } from '../app/i18n.ts';
import type { View } from '../app/state.ts';
import { addSettlementLabels, ALL_BASE, createBaseMap, fillBase } from './base.ts';
import { masterPlanFeatures, type MasterPlanEntry } from './master-plan.ts';
import { firstInterventionLayer, INTERACTIVE_LAYERS, referenceLayerStyle } from './style.ts';

export interface MapProps extends ContributionLayerProps {
  reference: Reference;
  features: Found[];
  selected?: string;
  hovered?: string;
  near?: { lon: number; lat: number; radius: number };
  accuracyCircle?: { lon: number; lat: number; radius: number };
  showZones: boolean;
  /** the published master-plan zones with their colours, and whether their layer is shown */
  masterPlan: MasterPlanEntry[];
  showMasterPlan: boolean;
  /** a master-plan zone to bring into view (from the legend); `at` makes a repeated request new */
  zoomTo?: { id: string; at: number };
  lang: Lang;
  picking: boolean;
  /** what the map says while picking (the near-me point by default) */
  pickHint?: string;
  initialView?: View;
  onSelect(id: string): void;
  onSelectContribution(id: number): void;
  onHover(id: string | null): void;
  onPick(lon: number, lat: number): void;
  onView(view: View, bounds: [number, number, number, number]): void;
}

function fc(features: GeoJSON.Feature[]): GeoJSON.FeatureCollection {
  return { type: 'FeatureCollection', features };
}

export function MapView(props: MapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [offline, setOffline] = useState(false);
  const latest = useRef(props);
  latest.current = props;
  const countMarkers = useRef(new Map<string, maplibregl.Marker>());
  /** the piles of items at one position, by their key (geo/stacks.ts) */
  const stacks = useRef(new Map<string, Found[]>());
  const popup = useRef<maplibregl.Popup | null>(null);

  // Create the map once.
  useEffect(() => {
    const { reference, initialView } = latest.current;
    const map = createBaseMap(container.current!, reference, { label: translate(latest.current.lang, 'mapLabel'), view: initialView, maxZoom: 18, onOffline: () => setOffline(true) });
    mapRef.current = map;

    map.on('load', () => {
      fillBase(map, reference, ALL_BASE);
      (map.getSource('master-plan') as GeoJSONSource).setData(fc(masterPlanFeatures(latest.current.masterPlan)));
      addMasterPlanLabels(map, latest.current.masterPlan);
      addSettlementLabels(map, reference);
      addReferenceLayers(map, reference);
      addContributionLayers(map);
      addDraftLayers(map);
      setReady(true);
    });

    const report = () => {
      const c = map.getCenter();
      const b = map.getBounds();
      latest.current.onView({ lon: c.lng, lat: c.lat, zoom: map.getZoom() }, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
    };
    map.on('moveend', report);
    map.once('idle', report);

    map.on('render', () =>
      updateCountMarkers(map, countMarkers.current, {
        stacks: stacks.current,
        lang: latest.current.lang,
        marked: new Set([latest.current.hovered, latest.current.selected].filter((x): x is string => !!x)),
        open: (key, at) => choose(map, at, stacks.current.get(key) ?? []),
      }),
    );
    // Village names would crowd the whole-municipality view; towns stay.
    const far = () => container.current?.classList.toggle('far', map.getZoom() < 10);
    map.on('zoomend', far);
    map.once('load', far);

    let hovered: string | null = null;
    map.on('mousemove', (e) => {
      const f = map.queryRenderedFeatures(e.point, { layers: INTERACTIVE_LAYERS.filter((l) => l !== 'intervention-clusters') })[0];
      const id = (f?.properties?.id as string | undefined) ?? null;
      const pointed = f || map.queryRenderedFeatures(e.point, { layers: ['intervention-clusters', ...CONTRIBUTION_LAYERS] }).length;
      map.getCanvas().style.cursor = pointed ? 'pointer' : latest.current.picking ? 'crosshair' : '';
      if (id !== hovered) {
        hovered = id;
        latest.current.onHover(id);
      }
    });

    map.on('click', async (e) => {
      if (latest.current.picking) {
        latest.current.onPick(e.lngLat.lng, e.lngLat.lat);
        return;
      }
      // Drawn above the interventions, so a click on a bubble is meant for it.
      const voice = map.queryRenderedFeatures(e.point, { layers: CONTRIBUTION_LAYERS })[0];
      if (voice) {
        latest.current.onSelectContribution(Number(voice.properties?.id));
        return;
      }
      const hits = map.queryRenderedFeatures(e.point, { layers: INTERACTIVE_LAYERS });
      const stack = hits.find((f) => f.properties?.stack);
      if (stack) {
        choose(map, e.lngLat, stacks.current.get(stack.properties!.stack as string) ?? []);
        return;
      }
      const cluster = hits.find((f) => f.properties?.cluster);
      if (cluster) {
        const source = map.getSource('points') as GeoJSONSource;
        const id = cluster.properties!.cluster_id as number;
        const zoom = await source.getClusterExpansionZoom(id);
        if (zoom <= 16) {
          map.easeTo({ center: (cluster.geometry as GeoJSON.Point).coordinates as [number, number], zoom });
        } else {
          // Many items share one place (a settlement centre): let the user choose among them.
          const leaves = (await source.getClusterLeaves(id, 200, 0)) as unknown as MapGeoJSONFeature[];
          choose(map, e.lngLat, leaves.flatMap((f): { properties: unknown }[] => (f.properties?.stack ? (stacks.current.get(f.properties.stack as string) ?? []) : [f])));
        }
        return;
      }
      const items = [...new Map(hits.filter((f) => f.properties?.id).map((f) => [f.properties!.id as string, f])).values()];
      if (items.length === 1) latest.current.onSelect(items[0].properties!.id as string);
      else if (items.length > 1) choose(map, e.lngLat, items);
    });

    const choose = (m: maplibregl.Map, at: maplibregl.LngLatLike, items: { properties: unknown }[]) => {
      popup.current?.remove();
      const box = document.createElement('div');
      const heading = document.createElement('p');
      heading.className = 'chooser-title';
      heading.textContent = translate(latest.current.lang, 'pileCount', { n: String(items.length) });
      box.append(heading);
      // A pile on a settlement's centre point is the settlement's items, not a site's.
      if (items.length > 1 && items.every((f) => (f.properties as { positionSource?: string }).positionSource === 'settlement-centre')) {
        const note = document.createElement('p');
        note.className = 'chooser-note';
        note.textContent = translate(latest.current.lang, 'pileAtCentre');
        box.append(note);
      }
      const list = document.createElement('ul');
      list.className = 'chooser';
      box.append(list);
      for (const f of items) {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        const props = f.properties as { id: string; title?: string | { bg: string; en: string | null } };
        const title = typeof props.title === 'string' ? JSON.parse(props.title) : props.title;
        button.textContent = pick(latest.current.lang, title) || props.id;
        button.addEventListener('click', () => {
          popup.current?.remove();
          latest.current.onSelect(props.id);
        });
        li.append(button);
        list.append(li);
      }
      popup.current = new maplibregl.Popup({ maxWidth: '320px' }).setLngLat(at).setDOMContent(box).addTo(m);
      (list.querySelector('button') as HTMLButtonElement | null)?.focus();
    };

    return () => map.remove();
  }, []);

  // Interventions.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const located = props.features.filter((f) => f.geometry);
    const { single, stacks: piles } = stackPoints(located);
    stacks.current = new Map(piles.map((p) => [p.key, p.features]));
    const points = [
      ...single.map((f) => ({ ...f, properties: { ...f.properties, count: 1 } })),
      ...piles.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p.at }, properties: { stack: p.key, count: p.features.length } })),
    ];
    (map.getSource('points') as GeoJSONSource).setData(fc(points as GeoJSON.Feature[]));
    (map.getSource('shapes') as GeoJSONSource).setData(fc(located.filter((f) => f.geometry!.type !== 'Point') as GeoJSON.Feature[]));
  }, [props.features, ready]);

  useContributionLayer(mapRef, ready, props);

  // Labels follow the language.
  useEffect(() => {
    if (!ready) return;
    for (const el of document.querySelectorAll<HTMLElement>('.settlement-label')) {
      const s = props.reference.settlements.find((x) => x.id === el.dataset.ekatte);
      if (s) el.textContent = pick(props.lang, s.properties.name);
    }
    mapRef.current?.getCanvas().setAttribute('aria-label', translate(props.lang, 'mapLabel'));
  }, [props.lang, ready, props.reference.settlements]);

  // The zones the plan acts on, as on the day shown (a past day has its own); master-plan zones are a layer of their own.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    (map.getSource('zones') as GeoJSONSource).setData(fc(props.reference.zones.filter((z) => z.geometry && !isMasterPlanZone(z)) as GeoJSON.Feature[]));
  }, [ready, props.reference.zones]);

  // Highlight the hovered or focused item, and the selected one.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const ids = [props.hovered, props.selected].filter((x): x is string => !!x);
    for (const source of ['points', 'shapes']) map.removeFeatureState({ source });
    for (const id of ids) for (const source of ['points', 'shapes']) map.setFeatureState({ source, id }, { highlight: true });
  }, [props.hovered, props.selected, props.features, ready]);

  // Move to the selected item.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !props.selected) return;
    const f = props.features.find((x) => x.id === props.selected);
    if (!f?.geometry) return;
    const [minLon, minLat, maxLon, maxLat] = geometryBBox(f.geometry);
    if (minLon === maxLon && minLat === maxLat) map.easeTo({ center: [minLon, minLat], zoom: Math.max(map.getZoom(), 14) });
    else map.fitBounds([minLon, minLat, maxLon, maxLat], { padding: 60, maxZoom: 16 });
  }, [props.selected, ready]); // eslint-disable-line react-hooks/exhaustive-deps

  // The near-me point, its radius and the geolocation accuracy.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const shapes: GeoJSON.Feature[] = [];
    if (props.near) {
      shapes.push({ type: 'Feature', properties: {}, geometry: circleAround([props.near.lon, props.near.lat], props.near.radius) });
      shapes.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [props.near.lon, props.near.lat] } });
    }
    if (props.accuracyCircle)
      shapes.push({ type: 'Feature', properties: {}, geometry: circleAround([props.accuracyCircle.lon, props.accuracyCircle.lat], Math.max(props.accuracyCircle.radius, 10)) });
    (map.getSource('near') as GeoJSONSource).setData(fc(shapes));
    if (props.near && !props.selected) {
      const [minLon, minLat, maxLon, maxLat] = geometryBBox(circleAround([props.near.lon, props.near.lat], props.near.radius));
      map.fitBounds([minLon, minLat, maxLon, maxLat], { padding: 30 });
    }
  }, [props.near?.lon, props.near?.lat, props.near?.radius, props.accuracyCircle, ready]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const id of ['zones-fill', 'zones-line']) map.setLayoutProperty(id, 'visibility', props.showZones ? 'visible' : 'none');
  }, [props.showZones, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const id of ['master-plan-fill', 'master-plan-line']) map.setLayoutProperty(id, 'visibility', props.showMasterPlan ? 'visible' : 'none');
    container.current?.classList.toggle('show-master-plan', props.showMasterPlan);
  }, [props.showMasterPlan, ready]);

  useEffect(() => {
    const map = mapRef.current;
    const zone = props.masterPlan.find((e) => e.zone.id === props.zoomTo?.id)?.zone;
    if (!map || !ready || !zone?.geometry) return;
    const [minLon, minLat, maxLon, maxLat] = geometryBBox(zone.geometry);
    map.fitBounds([minLon, minLat, maxLon, maxLat], { padding: 60, maxZoom: 16 });
  }, [props.zoomTo, ready]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-ready={ready ? 'true' : 'false'} />
      {offline && (
        <p className="offline-note" role="status">
          {translate(props.lang, 'offline')}
        </p>
      )}
      {props.picking && (
        <p className="pick-note" role="status">
          {props.pickHint ?? translate(props.lang, 'pickHint')}
        </p>
      )}
    </div>
  );
}

/**
 * Each master-plan zone's code as an HTML marker inside it (no glyphs needed), shown with the layer.
 * Hidden from screen readers: the legend lists the same zones as buttons, which the keyboard reaches.
 */
function addMasterPlanLabels(map: maplibregl.Map, entries: MasterPlanEntry[]) {
  for (const { zone } of entries) {
    if (!zone.geometry) continue;
    const el = document.createElement('div');
    el.className = 'master-plan-label';
    el.textContent = zone.properties.masterPlanType ?? '';
    el.setAttribute('aria-hidden', 'true');
    new maplibregl.Marker({ element: el }).setLngLat(representativePoint(zone.geometry)).addTo(map);
  }
}

/**
 * The reference layers planners imported (fountains, bus stops …), drawn under the interventions in
 * one colour of their own; the legend names them. Their features are context, not plan facts.
 */
function addReferenceLayers(map: maplibregl.Map, reference: Reference) {
  for (const { info, features } of reference.layers.filter((l) => l.info.onMap)) {
    const source = `reference-${info.name}`;
    map.addSource(source, { type: 'geojson', data: fc(features as GeoJSON.Feature[]) });
    for (const layer of referenceLayerStyle(source, info.geometryType)) map.addLayer(layer, firstInterventionLayer(map));
  }
}

interface CountContext {
  stacks: Map<string, Found[]>;
  lang: Lang;
  /** the hovered and selected items: a pile holding one is marked too */
  marked: Set<string>;
  open(key: string, at: [number, number]): void;
}

/**
 * Counts as HTML markers, so no glyphs are needed for text on the map: a cluster's (how many items
 * it gathers; hidden from screen readers, zooming is the way in) and a pile's (a button a keyboard
 * reaches, which opens the list of the items at that position).
 */
function updateCountMarkers(map: maplibregl.Map, markers: Map<string, maplibregl.Marker>, context: CountContext) {
  if (!map.getSource('points')) return;
  const seen = new Set<string>();
  for (const f of map.querySourceFeatures('points')) {
    const p = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; items?: number; stack?: string; count?: number };
    const at = (f.geometry as GeoJSON.Point).coordinates as [number, number];
    const key = p.cluster && p.cluster_id !== undefined ? `cluster:${p.cluster_id}` : p.stack ? `stack:${p.stack}` : null;
    if (!key || seen.has(key)) continue;
    seen.add(key);
    let marker = markers.get(key);
    if (!marker) {
      const el = document.createElement(p.stack ? 'button' : 'div');
      if (p.stack) {
        const stack = p.stack;
        (el as HTMLButtonElement).type = 'button';
        el.className = 'stack-count';
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          context.open(stack, at);
        });
      } else {
        el.className = 'cluster-count';
        el.setAttribute('aria-hidden', 'true');
      }
      marker = new maplibregl.Marker({ element: el }).setLngLat(at).addTo(map);
      markers.set(key, marker);
    }
    // Ids of clusters are reused when the filter changes the data: the count is written every time.
    const el = marker.getElement();
    const n = String(p.stack ? p.count : (p.items ?? p.point_count));
    if (el.textContent !== n) el.textContent = n;
    if (p.stack) {
      const label = translate(context.lang, 'pileOpen', { n });
      if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
      el.classList.toggle('highlight', (context.stacks.get(p.stack) ?? []).some((item) => context.marked.has(item.id)));
    }
  }
  for (const [key, marker] of markers)
    if (!seen.has(key)) {
      marker.remove();
      markers.delete(key);
    }
}
