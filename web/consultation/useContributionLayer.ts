// What the map does for the consultation, once it is ready: draws the published contributions when
// the layer is on, rings and brings into view the one opened, and marks where a proposal is placed:
// a pin for a point, the vertices and outline so far for an area.
import maplibregl from 'maplibre-gl';
import { useEffect, useRef, type RefObject } from 'react';
import type { Contribution } from '../../geo/contribution.ts';
import { geometryBBox } from '../../geo/spatial.ts';
import { setContributions, setDraft } from './layers.ts';

export interface ContributionLayerProps {
  contributions: Contribution[];
  showContributions: boolean;
  selectedContribution?: number;
  /** where the proposal being written is, [lon, lat] */
  placed?: [number, number];
  /** the vertices of the area being drawn for a proposal, [lon, lat] each; undefined when none is */
  drawn?: [number, number][];
}

export function useContributionLayer(mapRef: RefObject<maplibregl.Map | null>, ready: boolean, props: ContributionLayerProps) {
  const marker = useRef<maplibregl.Marker | null>(null);
  const { contributions, showContributions, selectedContribution, placed, drawn } = props;

  useEffect(() => {
    if (ready && mapRef.current) setContributions(mapRef.current, contributions, showContributions, selectedContribution);
  }, [ready, contributions, showContributions, selectedContribution]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const map = mapRef.current;
    const f = contributions.find((c) => c.id === selectedContribution);
    if (!ready || !map || !f?.geometry) return;
    const [minLon, minLat, maxLon, maxLat] = geometryBBox(f.geometry);
    if (minLon === maxLon && minLat === maxLat) map.easeTo({ center: [minLon, minLat], zoom: Math.max(map.getZoom(), 14) });
    else map.fitBounds([minLon, minLat, maxLon, maxLat], { padding: 60, maxZoom: 16 });
  }, [selectedContribution, ready]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (!placed) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    if (!marker.current) {
      const el = document.createElement('div');
      el.className = 'voice-marker';
      // MapLibre positions the element by its transform: the pin turns inside it.
      el.append(Object.assign(document.createElement('div'), { className: 'voice-marker-pin' }));
      // The form beside the map says where the point is, in words.
      el.setAttribute('aria-hidden', 'true');
      marker.current = new maplibregl.Marker({ element: el, anchor: 'bottom' }).setLngLat(placed).addTo(map);
    } else marker.current.setLngLat(placed);
  }, [ready, placed?.[0], placed?.[1]]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    setDraft(map, drawn ?? []);
    // A double click would add two points and zoom in: while drawing, a click is a point only.
    if (drawn) map.doubleClickZoom.disable();
    else map.doubleClickZoom.enable();
  }, [ready, drawn]); // eslint-disable-line react-hooks/exhaustive-deps
}
