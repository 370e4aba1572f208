// The upload: a file (chosen or dropped), what it holds, and — only when the detection gets it
// wrong — the coordinate system and the encoding to read it with. The server refuses a file it
// cannot read before anything else; this only spares a planner an upload it would refuse for size.
import { useState } from 'react';
import { ImportTarget } from '../../geo/import-mapping.ts';
import type { Lang } from '../app/i18n.ts';
import { CRS_TITLES, ENCODINGS, IMPORT_CRS, type UploadForm } from './importApi.ts';
import { sizeText, ti } from './importStrings.ts';

export const ACCEPT = '.geojson,.json,.csv,.xlsx,.kml,.kmz,.gpx,.zip,.gpkg';
const MAX_BYTES = 25 * 1024 * 1024;

interface Props {
  lang: Lang;
  busy: boolean;
  onUpload(form: UploadForm): void;
}

export function ImportUpload({ lang, busy, onUpload }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [into, setInto] = useState<'interventions' | 'zones' | 'layer'>('interventions');
  const [layerName, setLayerName] = useState('');
  const [layerTitle, setLayerTitle] = useState('');
  const [crs, setCrs] = useState('');
  const [encoding, setEncoding] = useState('');
  const [problem, setProblem] = useState('');
  const [over, setOver] = useState(false);

  const choose = (f: File | null | undefined) => {
    setFile(f ?? null);
    setProblem(f && f.size > MAX_BYTES ? ti(lang, 'tooBig', { size: sizeText(f.size) }) : '');
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!file) return setProblem(ti(lang, 'noFile'));
    if (file.size > MAX_BYTES) return setProblem(ti(lang, 'tooBig', { size: sizeText(file.size) }));
    const target = into === 'layer' ? `layer:${layerName.trim()}` : into;
    if (!ImportTarget.safeParse(target).success) return setProblem(ti(lang, 'badLayerName'));
    setProblem('');
    onUpload({ file, into: target, crs: crs || undefined, encoding: encoding || undefined, title: (into === 'layer' && layerTitle.trim()) || undefined });
  };

  return (
    <form className="import-upload" onSubmit={submit} noValidate>
      <div
        className={`drop-zone${over ? ' over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          choose(e.dataTransfer.files[0]);
        }}
      >
        <label htmlFor="import-file">{ti(lang, 'file')}</label>
        <input id="import-file" type="file" accept={ACCEPT} aria-describedby="import-file-drop import-file-problem" onChange={(e) => choose(e.target.files?.[0])} />
        <p className="hint" id="import-file-drop">
          {file ? ti(lang, 'chosenFile', { name: file.name, size: sizeText(file.size) }) : ti(lang, 'dropHere')}
        </p>
      </div>
      <div className="upload-options">
        <div className="field">
          <label htmlFor="import-into">{ti(lang, 'into')}</label>
          <select id="import-into" value={into} onChange={(e) => setInto(e.target.value as typeof into)}>
            <option value="interventions">{ti(lang, 'into_interventions')}</option>
            <option value="zones">{ti(lang, 'into_zones')}</option>
            <option value="layer">{ti(lang, 'into_layer')}</option>
          </select>
        </div>
        {into === 'layer' && (
          <div className="field">
            <label htmlFor="import-layer-name">{ti(lang, 'layerName')}</label>
            <input id="import-layer-name" value={layerName} pattern="[a-z][a-z\-]{0,39}" maxLength={40} onChange={(e) => setLayerName(e.target.value)} />
          </div>
        )}
        {into === 'layer' && (
          <div className="field">
            <label htmlFor="import-layer-title">{ti(lang, 'layerTitle')}</label>
            <input id="import-layer-title" value={layerTitle} maxLength={120} onChange={(e) => setLayerTitle(e.target.value)} />
          </div>
        )}
      </div>
      <details className="upload-advanced">
        <summary>{ti(lang, 'uploadOptions')}</summary>
        <div className="upload-options">
          <div className="field">
            <label htmlFor="import-crs">{ti(lang, 'crs')}</label>
            <select id="import-crs" value={crs} onChange={(e) => setCrs(e.target.value)}>
              <option value="">{ti(lang, 'automatic')}</option>
              {IMPORT_CRS.map((c) => (
                <option key={c} value={c}>{`${c} · ${CRS_TITLES[c]}`}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="import-encoding">{ti(lang, 'encoding')}</label>
            <select id="import-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value)}>
              <option value="">{ti(lang, 'automatic')}</option>
              {ENCODINGS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
        </div>
      </details>
      <p className="form-error" id="import-file-problem" role={problem ? 'alert' : undefined}>
        {problem}
      </p>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {ti(lang, 'previewButton')}
        </button>
      </div>
    </form>
  );
}
