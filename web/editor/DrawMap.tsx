// Drawing on the map with terra-draw: place or drag a point, draw or reshape a line or a polygon,
// delete it. The map is the editor's, not the form's source of truth: every finished gesture hands
// the form a GeoJSON geometry (6 decimals), and a geometry the form sets (typed coordinates, the
// settlement centre, a merge) is drawn again. Multi-part geometries are edited part by part.
import { useEffect, useMemo, useRef, useState } from 'react';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures, type TerraDrawMouseEvent, type SnappableContext } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Geometry, LayerFeature, Position } from '../../geo/index.ts';
import { roundGeometry } from '../../geo/normalise.ts';
import { fromWkt, toWkt } from '../../geo/wkt.ts';
import { useLayerFeatures, type Reference } from '../app/api.ts';
import type { Lang } from '../app/i18n.ts';
import { fitTo, useBaseMap } from './baseMap.ts';
import { fieldId } from './record.ts';
import { te } from './strings.ts';

export type Shape = 'point' | 'linestring' | 'polygon';
type Mode = Shape | 'select';

const TYPE_OF: Record<Shape, 'Point' | 'LineString' | 'Polygon'> = { point: 'Point', linestring: 'LineString', polygon: 'Polygon' };
const SHAPE_OF: Record<string, Shape> = { Point: 'point', MultiPoint: 'point', LineString: 'linestring', MultiLineString: 'linestring', Polygon: 'polygon', MultiPolygon: 'polygon' };

/** The single parts of a geometry, one terra-draw feature each. */
function parts(geometry: Geometry): { type: 'Point' | 'LineString' | 'Polygon'; coordinates: unknown }[] {
  const shape = SHAPE_OF[geometry.type];
  if (!geometry.type.startsWith('Multi')) return [geometry as { type: 'Point' | 'LineString' | 'Polygon'; coordinates: unknown }];
  return (geometry.coordinates as unknown[]).map((coordinates) => ({ type: TYPE_OF[shape], coordinates }));
}

/** The drawn parts as one geometry: a single part as itself, several as the Multi type. */
function assemble(features: GeoJSONStoreFeatures[]): Geometry | null {
  if (!features.length) return null;
  const type = features[0].geometry.type as 'Point' | 'LineString' | 'Polygon';
  const coords = features.filter((f) => f.geometry.type === type).map((f) => f.geometry.coordinates);
  return roundGeometry((coords.length === 1 ? { type, coordinates: coords[0] } : { type: `Multi${type}`, coordinates: coords }) as Geometry);
}

const isShape = (f: GeoJSONStoreFeatures) => ['point', 'linestring', 'polygon'].includes(String(f.properties.mode));

/** Vertices of the base layers (settlement centres, boundaries, rivers) to snap to. */
function snapTargets(reference: Reference, layers: (LayerFeature[] | undefined)[]): Position[] {
  const out: Position[] = reference.settlements.map((s) => s.geometry.coordinates as Position);
  const walk = (c: unknown) => {
    if (typeof (c as number[])[0] === 'number') out.push(c as Position);
    else for (const x of c as unknown[]) walk(x);
  };
  for (const features of layers) for (const f of features ?? []) if (f.geometry) walk((f.geometry as { coordinates: unknown }).coordinates);
  return out;
}

interface Props {
  reference: Reference;
  lang: Lang;
  geometry: Geometry | null;
  shapes: Shape[];
  label: string;
  /** what the check said about the geometry, shown under its text */
  problems?: string[];
  onChange(geometry: Geometry | null): void;
}

export function DrawMap({ reference, lang, geometry, shapes, label, problems = [], onChange }: Props) {
  const { container, map } = useBaseMap(reference, lang, label);
  const draw = useRef<TerraDraw | null>(null);
  const [mode, setMode] = useState<Mode>('select');
  const [snap, setSnap] = useState(false);
  const shown = useRef<string>('');
  const syncing = useRef(false);
  // A geometry terra-draw cannot hold whole (a polygon with a hole): not edited on the map, or the
  // parts it refused would be dropped on the next gesture. The text below still edits it.
  const [locked, setLocked] = useState(false);
  const lockedRef = useRef(false);
  const latest = useRef({ onChange, snap });
  latest.current = { onChange, snap };
  // The vertices to snap to, from the layers as they come in.
  // Snapping is a help: a layer that does not come leaves its vertices out, nothing more.
  const [municipality, areas, rivers] = [useLayerFeatures('municipality').data, useLayerFeatures('settlement-areas').data, useLayerFeatures('rivers').data];
  const targets = useRef<Position[]>([]);
  targets.current = useMemo(() => snapTargets(reference, [municipality, areas, rivers]), [reference, municipality, areas, rivers]);

  useEffect(() => {
    if (!map) return;
    // Within 12 px of a base vertex, the pointer lands on it: a new street starts where a boundary does.
    const toCustom = (event: TerraDrawMouseEvent, context: SnappableContext): Position | undefined => {
      if (!latest.current.snap) return undefined;
      let best: Position | undefined;
      let bestD = 12;
      for (const p of targets.current) {
        const { x, y } = context.project(p[0], p[1]);
        const d = Math.hypot(x - event.containerX, y - event.containerY);
        if (d < bestD) [best, bestD] = [p, d];
      }
      return best;
    };
    const snapping = { toCoordinate: true, toCustom };
    const editable = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping } } };
    const d = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 6 }),
      modes: [
        new TerraDrawPointMode({ styles: { pointColor: '#1f5fa8', pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
        new TerraDrawLineStringMode({ snapping, styles: { lineStringColor: '#1f5fa8', lineStringWidth: 4 } }),
        new TerraDrawPolygonMode({ snapping, styles: { fillColor: '#1f5fa8', fillOpacity: 0.25, outlineColor: '#1f5fa8', outlineWidth: 3 } }),
        // No throttle: a throttled last move would leave the point short of where the mouse let go.
        new TerraDrawSelectMode({ dragEventThrottle: 0, flags: { point: { feature: { draggable: true } }, linestring: editable, polygon: editable } }),
      ],
    });
    d.start();
    d.setMode('select');
    const emit = () => {
      if (lockedRef.current) return;
      const next = assemble(d.getSnapshot().filter(isShape));
      shown.current = JSON.stringify(next);
      latest.current.onChange(next);
    };
    d.on('finish', (id, context) => {
      if (context.action === 'draw') {
        // A new drawing replaces a geometry the map could not hold, so it is editable again.
        lockedRef.current = false;
        setLocked(false);
        // A new drawing replaces what was there; a second part comes from the data, not by accident.
        const others = d.getSnapshot().filter((f) => isShape(f) && f.id !== id);
        if (others.length) {
          syncing.current = true;
          d.removeFeatures(others.map((f) => f.id!));
          syncing.current = false;
        }
        d.setMode('select');
        setMode('select');
      }
      emit();
    });
    d.on('change', (_ids, type) => {
      if (type === 'delete' && !syncing.current) emit();
    });
    draw.current = d;
    show(d, geometry);
    fitTo(map, [geometry]);
    return () => {
      draw.current = null;
      d.stop();
    };
  }, [map]); // eslint-disable-line react-hooks/exhaustive-deps

  function show(d: TerraDraw, g: Geometry | null) {
    shown.current = JSON.stringify(g);
    syncing.current = true;
    d.clear();
    const results = g
      ? d.addFeatures(
          parts(g).map((part) => ({ type: 'Feature', id: d.getFeatureId(), geometry: roundGeometry(part as Geometry), properties: { mode: SHAPE_OF[part.type] } }) as GeoJSONStoreFeatures),
        )
      : [];
    syncing.current = false;
    lockedRef.current = results.some((r) => !r.valid);
    setLocked(lockedRef.current);
  }

  // A geometry set by the form (typed, settlement centre, merge, reload) is drawn anew.
  useEffect(() => {
    const d = draw.current;
    if (!d || !map || JSON.stringify(geometry) === shown.current) return;
    show(d, geometry);
    fitTo(map, [geometry]);
  }, [geometry, map]); // eslint-disable-line react-hooks/exhaustive-deps

  const choose = (next: Mode) => {
    setMode(next);
    draw.current?.setMode(next);
  };
  const hint = { select: 'drawHintSelect', point: 'drawHintPoint', linestring: 'drawHintLine', polygon: 'drawHintPolygon' } as const;

  return (
    <div className="draw">
      <div className="draw-tools" role="toolbar" aria-label={te(lang, 'geometry')}>
        <button type="button" aria-pressed={mode === 'select'} onClick={() => choose('select')}>
          {te(lang, 'editShape')}
        </button>
        {shapes.map((s) => (
          <button key={s} type="button" aria-pressed={mode === s} data-shape={s} onClick={() => choose(s)}>
            {te(lang, s === 'point' ? 'drawPoint' : s === 'linestring' ? 'drawLine' : 'drawPolygon')}
          </button>
        ))}
        <button type="button" disabled={!geometry} onClick={() => onChange(null)}>
          {te(lang, 'deleteGeometry')}
        </button>
        <label className="choice">
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} /> {te(lang, 'snap')}
        </label>
      </div>
      <p className="draw-hint" role="status">
        {locked ? te(lang, 'drawLocked') : te(lang, hint[mode])}
      </p>
      <div className="draw-map" ref={container} data-ready={map ? 'true' : 'false'} />
      <GeometryText lang={lang} geometry={geometry} problems={problems} onChange={onChange} />
    </div>
  );
}

/**
 * The geometry as well-known text, to read and to type: the keyboard's way to place a point or
 * draw a line or polygon, and a GIS user's way to paste one from QGIS.
 */
function GeometryText({ lang, geometry, problems, onChange }: { lang: Lang; geometry: Geometry | null; problems: string[]; onChange(g: Geometry): void }) {
  const shown = geometry ? toWkt(geometry) : '';
  const [text, setText] = useState(shown);
  const [error, setError] = useState('');
  useEffect(() => {
    setText(shown);
    setError('');
  }, [shown]);
  const apply = () => {
    try {
      onChange(fromWkt(text));
      setError('');
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="field geometry-text">
      <label htmlFor={fieldId('geometry')}>{te(lang, 'wkt')}</label>
      <p className="hint" id="geometry-wkt-hint">
        {te(lang, 'wktHint')}
      </p>
      {/* The field the check's "geometry" problems point to (fieldId('geometry')). */}
      <textarea id={fieldId('geometry')} rows={2} value={text} spellCheck={false} aria-describedby={error || problems.length ? 'geometry-wkt-hint geometry-wkt-problems' : 'geometry-wkt-hint'} aria-invalid={error || problems.length ? true : undefined} onChange={(e) => setText(e.target.value)} />
      {(error || problems.length > 0) && (
        <ul className="field-problems" id="geometry-wkt-problems">
          {[...(error ? [error] : []), ...problems].map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={!text.trim() || text === shown} onClick={apply}>
          {te(lang, 'wktApply')}
        </button>
      </div>
    </div>
  );
}
