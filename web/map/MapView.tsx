// The map: offline base layers from our own data, the interventions from their vector tiles
// (clusters with counts, piles, points, lines, polygons) coloured by theme and marked by status,
// approximate places as halos, the near-me radius, and an optional online street basemap that
// drops out by itself when unreachable. The tiles hold only what is drawn, so the map is as quick
// on a country's plans as on one municipality's.
import maplibregl, { type GeoJSONSource, type VectorTileSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useContext, useEffect, useRef, useState } from 'react';
import { circleAround, geometryBBox, representativePoint } from '../../geo/spatial.ts';
import { addContributionLayers, addDraftLayers, CONTRIBUTION_LAYERS } from '../consultation/layers.ts';
import { useContributionLayer, type ContributionLayerProps } from '../consultation/useContributionLayer.ts';
import { get, inView, zonesTilesUrl, ViewContext, type Found, type Reference } from '../app/api.ts';
import { pick, translate, type Lang } from '../app/i18n.ts';
import type { View } from '../app/state.ts';
import { addSettlementLabels, createBaseMap, homeBounds } from './base.ts';
import type { MasterPlanEntry } from './master-plan.ts';
import { firstInterventionLayer, INTERACTIVE_LAYERS, INTERVENTIONS, municipalityFill, referenceLayerStyle } from './style.ts';
import { ITEMS_FROM_ZOOM } from '../../geo/tile.ts';

export interface MapProps extends ContributionLayerProps {
  reference: Reference;
  /** the interventions' tile URL for the filter shown (web/app/api.ts tilesUrl) */
  tiles: string;
  /** the items the page has loaded: a pile's list takes their titles from here first */
  features: Found[];
  selected?: string;
  /** the selected item, to bring into view */
  selectedFeature?: Found;
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
  /** the municipalities chosen: the map opens on them (without an initialView) and greys the others; none is all */
  municipalities?: readonly string[];
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
  const view = useContext(ViewContext);
  const latestView = useRef(view);
  latestView.current = view;
  // The zones as on the day shown.
  const zones = inView(zonesTilesUrl(), view);
  const latestZones = useRef(zones);
  latestZones.current = zones;
  const countMarkers = useRef(new Map<string, maplibregl.Marker>());
  const popup = useRef<maplibregl.Popup | null>(null);

  // Create the map once.
  useEffect(() => {
    const { reference, initialView, municipalities: home } = latest.current;
    const map = createBaseMap(container.current!, reference, { label: translate(latest.current.lang, 'mapLabel'), zones: latestZones.current, view: initialView, home, maxZoom: 18, tiles: latest.current.tiles, onOffline: () => setOffline(true) });
    mapRef.current = map;

    // On the style, not on 'load': that waits for the first tiles, and tiles a server refuses (a day
    // it does not take) would hold the whole map back.
    map.once('style.load', () => {
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
        lang: latest.current.lang,
        marked: new Set([latest.current.hovered, latest.current.selected].filter((x): x is string => !!x)),
        open: (ids, at) => void openPile(map, at, ids),
      }),
    );
    // Village names would crowd the whole-municipality view; towns stay.
    const far = () => container.current?.classList.toggle('far', map.getZoom() < 10);
    map.on('zoomend', far);
    map.once('style.load', far);

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
      const stack = hits.find((f) => f.properties?.ids);
      if (stack) {
        await openPile(map, e.lngLat, JSON.parse(stack.properties!.ids as string) as string[]);
        return;
      }
      const cluster = hits.find((f) => f.properties?.cluster);
      if (cluster) {
        // A cluster is a cell of the tile grid: two zooms in, it has split into cells four times smaller;
        // from the items' zoom on, each item is drawn (a pile of one position as one marker).
        map.easeTo({ center: (cluster.geometry as GeoJSON.Point).coordinates as [number, number], zoom: Math.min(Math.floor(map.getZoom()) + 2, ITEMS_FROM_ZOOM) });
        return;
      }
      const items = [...new Map(hits.filter((f) => f.properties?.id).map((f) => [f.properties!.id as string, f])).values()];
      if (items.length === 1) latest.current.onSelect(items[0].properties!.id as string);
      // A tile's features carry no titles: the chooser reads them as a pile's list does.
      else if (items.length > 1) await openPile(map, e.lngLat, items.map((f) => f.properties!.id as string));
    });

    /** The items of a pile, from the page's list where it has them, else asked for (a pile is small). */
    const openPile = async (m: maplibregl.Map, at: maplibregl.LngLatLike, ids: string[]) => {
      const known = new Map(latest.current.features.map((f) => [f.id, f]));
      const items = await Promise.all(ids.slice(0, 200).map((id) => known.get(id) ?? get<Found>(inView(`/api/interventions/${encodeURIComponent(id)}`, latestView.current)).catch(() => null)));
      choose(m, at, items.filter((f): f is Found => f !== null));
    };

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

  // The municipalities not chosen are greyed, as the neighbours of a one-municipality map are.
  const chosen = (props.municipalities ?? []).join(',');
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map?.getLayer('municipality-fill')) return;
    map.setPaintProperty('municipality-fill', 'fill-color', municipalityFill(chosen ? chosen.split(',') : []));
  }, [chosen, ready]);

  // Choosing other municipalities (a region, one of them, or none: all) brings them into view; the
  // map opened on the first choice already.
  const framed = useRef(chosen);
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || chosen === framed.current) return;
    framed.current = chosen;
    const bounds = homeBounds(latest.current.reference, chosen ? chosen.split(',') : []);
    if (bounds) map.fitBounds(bounds, { padding: 20 });
  }, [chosen, ready]);

  // Interventions: the tiles of the filter shown (the map was made with the first).
  useEffect(() => {
    const source = mapRef.current?.getSource(INTERVENTIONS.source) as VectorTileSource | undefined;
    if (ready && source && source.tiles?.[0] !== props.tiles) source.setTiles([props.tiles]);
  }, [props.tiles, ready]);

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

  // The zones as on the day shown (a past day has its own); the base layers have no past.
  useEffect(() => {
    const source = mapRef.current?.getSource('zones') as VectorTileSource | undefined;
    if (ready && source && source.tiles?.[0] !== zones) source.setTiles([zones]);
  }, [zones, ready]);

  // The master-plan codes of the zones shown: a past day's zones bring their own.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const labels = masterPlanLabelMarkers(props.masterPlan).map((marker) => marker.addTo(map));
    return () => labels.forEach((marker) => marker.remove());
  }, [props.masterPlan, ready]);

  // Highlight the hovered or focused item, and the selected one.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const ids = [props.hovered, props.selected].filter((x): x is string => !!x);
    map.removeFeatureState(INTERVENTIONS);
    for (const id of ids) map.setFeatureState({ ...INTERVENTIONS, id }, { highlight: true });
  }, [props.hovered, props.selected, props.tiles, ready]);

  // Move to the selected item.
  useEffect(() => {
    const map = mapRef.current;
    const f = props.selectedFeature;
    if (!map || !ready || !props.selected || f?.id !== props.selected || !f.geometry) return;
    const [minLon, minLat, maxLon, maxLat] = geometryBBox(f.geometry);
    if (minLon === maxLon && minLat === maxLat) map.easeTo({ center: [minLon, minLat], zoom: Math.max(map.getZoom(), 14) });
    else map.fitBounds([minLon, minLat, maxLon, maxLat], { padding: 60, maxZoom: 16 });
  }, [props.selected, props.selectedFeature?.id, ready]); // eslint-disable-line react-hooks/exhaustive-deps

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
function masterPlanLabelMarkers(entries: MasterPlanEntry[]): maplibregl.Marker[] {
  return entries.flatMap(({ zone }) => {
    if (!zone.geometry) return [];
    const el = document.createElement('div');
    el.className = 'master-plan-label';
    el.textContent = zone.properties.masterPlanType ?? '';
    el.setAttribute('aria-hidden', 'true');
    return [new maplibregl.Marker({ element: el }).setLngLat(representativePoint(zone.geometry))];
  });
}

/**
 * The reference layers planners imported (fountains, bus stops …), drawn under the interventions in
 * one colour of their own; the legend names them. Their features are context, not plan facts.
 */
function addReferenceLayers(map: maplibregl.Map, reference: Reference) {
  for (const info of reference.layers.filter((l) => l.onMap)) for (const layer of referenceLayerStyle(info.name, info.geometryType)) map.addLayer(layer, firstInterventionLayer(map));
}

interface CountContext {
  lang: Lang;
  /** the hovered and selected items: a pile holding one is marked too */
  marked: Set<string>;
  open(ids: string[], at: [number, number]): void;
}

/**
 * Counts as HTML markers, so no glyphs are needed for text on the map: a cluster's (how many items
 * it gathers; hidden from screen readers, zooming is the way in) and a pile's (a button a keyboard
 * reaches, which opens the list of the items at that position). A tile's buffer repeats the
 * clusters and piles of its neighbours: each is keyed by its cell or its items, and counted once.
 */
function updateCountMarkers(map: maplibregl.Map, markers: Map<string, maplibregl.Marker>, context: CountContext) {
  if (!map.getSource(INTERVENTIONS.source)) return;
  const seen = new Set<string>();
  for (const f of map.querySourceFeatures(INTERVENTIONS.source, { sourceLayer: INTERVENTIONS.sourceLayer })) {
    const p = f.properties as { cluster?: boolean; cell?: string; ids?: string; count?: number };
    const key = p.cluster && p.cell ? `cluster:${p.cell}` : p.ids ? `pile:${p.ids}` : null;
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const at = (f.geometry as GeoJSON.Point).coordinates as [number, number];
    let marker = markers.get(key);
    if (!marker) {
      const el = document.createElement(p.ids ? 'button' : 'div');
      if (p.ids) {
        const ids = JSON.parse(p.ids) as string[];
        (el as HTMLButtonElement).type = 'button';
        el.className = 'stack-count';
        el.dataset.ids = p.ids;
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          context.open(ids, at);
        });
      } else {
        el.className = 'cluster-count';
        el.setAttribute('aria-hidden', 'true');
      }
      marker = new maplibregl.Marker({ element: el }).setLngLat(at).addTo(map);
      markers.set(key, marker);
    }
    // A cluster keeps its cell when the filter changes, but its centre (the mean of its items) moves.
    const was = marker.getLngLat();
    if (was.lng !== at[0] || was.lat !== at[1]) marker.setLngLat(at);
    const el = marker.getElement();
    const n = String(p.count);
    if (el.textContent !== n) el.textContent = n;
    if (p.ids) {
      const label = translate(context.lang, 'pileOpen', { n });
      if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
      el.classList.toggle('highlight', (JSON.parse(p.ids) as string[]).some((id) => context.marked.has(id)));
    }
  }
  for (const [key, marker] of markers)
    if (!seen.has(key)) {
      marker.remove();
      markers.delete(key);
    }
}
