// What the server decided about the file and why: its format, the coordinate system and the text
// encoding (each with how it was decided, in words, and the server's own reason), and the table or
// sheet read. Each decision has a select beside it that reads the file again another way.
import type { ImportPreview } from '../../geo/import-preview.ts';
import type { Lang } from '../app/i18n.ts';
import { CRS_TITLES, ENCODINGS, IMPORT_CRS, type ImportOptions } from './importApi.ts';
import { decidedBy, layerOf, ti } from './importStrings.ts';

interface Props {
  preview: ImportPreview;
  lang: Lang;
  busy: boolean;
  onChange(options: ImportOptions): void;
}

const FORMAT_NAMES: Record<ImportPreview['file']['format'], string> = {
  geojson: 'GeoJSON',
  csv: 'CSV',
  xlsx: 'Excel (XLSX)',
  kml: 'KML',
  kmz: 'KMZ',
  gpx: 'GPX',
  shapefile: 'ESRI Shapefile (ZIP)',
  geopackage: 'GeoPackage',
};

export function ImportDetection({ preview, lang, busy, onChange }: Props) {
  const { file } = preview;
  const layer = layerOf(preview.target);
  const editable = !preview.committedAt;
  const target = layer ? ti(lang, 'targetLayer', { name: layer }) : ti(lang, preview.target === 'zones' ? 'into_zones' : 'into_interventions');
  return (
    <dl className="detection" data-testid="detection">
      <div>
        <dt>{ti(lang, 'format')}</dt>
        <dd data-testid="format">{FORMAT_NAMES[file.format]}</dd>
      </div>
      <div>
        <dt>{ti(lang, 'target')}</dt>
        <dd>{target}</dd>
      </div>
      <Decided
        name="crs"
        lang={lang}
        title={ti(lang, 'crs')}
        decision={file.crs}
        shown={(v) => (CRS_TITLES[v] ? `${v} · ${CRS_TITLES[v]}` : v)}
        choices={IMPORT_CRS.map((c) => [c, `${c} · ${CRS_TITLES[c]}`])}
        overrideLabel={ti(lang, 'overrideCrs')}
        disabled={busy || !editable}
        onPick={(crs) => onChange({ crs })}
      />
      <Decided
        name="encoding"
        lang={lang}
        title={ti(lang, 'encoding')}
        decision={file.encoding}
        shown={(v) => v}
        choices={ENCODINGS.map((e) => [e, e])}
        overrideLabel={ti(lang, 'overrideEncoding')}
        hint={ti(lang, 'encodingHint')}
        disabled={busy || !editable}
        onPick={(encoding) => onChange({ encoding })}
      />
      {file.layers.length > 1 && (
        <div>
          <dt>
            <label htmlFor="import-layer">{ti(lang, 'sheet')}</label>
          </dt>
          <dd>
            <select id="import-layer" value={file.layer ?? ''} disabled={busy || !editable} onChange={(e) => onChange({ layer: e.target.value })}>
              {file.layers.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </dd>
        </div>
      )}
    </dl>
  );
}

interface DecidedProps {
  name: string;
  lang: Lang;
  title: string;
  decision: ImportPreview['file']['crs'];
  shown(value: string): string;
  choices: [string, string][];
  overrideLabel: string;
  hint?: string;
  disabled: boolean;
  onPick(value: string | null): void;
}

function Decided({ name, lang, title, decision, shown, choices, overrideLabel, hint, disabled, onPick }: DecidedProps) {
  // The select says "automatic" unless the planner chose: then it holds the choice, and "automatic" undoes it.
  const chosen = decision?.by === 'override' ? decision.value : '';
  return (
    <div data-testid={`decided-${name}`}>
      <dt>{title}</dt>
      <dd>
        {decision ? (
          <>
            <p className="decided">
              <strong data-testid={`${name}-value`}>{shown(decision.value)}</strong> — <span data-by={decision.by}>{decidedBy(lang, decision.by)}</span>
            </p>
            <p className="server-reason">
              {ti(lang, 'serverSays')}: <q lang="en">{decision.reason}</q>
            </p>
          </>
        ) : (
          <p className="decided">{ti(lang, 'notApplicable')}</p>
        )}
        {decision && (
          <div className="override">
            <label htmlFor={`override-${name}`}>{overrideLabel}</label>
            <select id={`override-${name}`} value={chosen} disabled={disabled} aria-describedby={hint ? `override-${name}-hint` : undefined} onChange={(e) => onPick(e.target.value || null)}>
              <option value="">{ti(lang, 'automatic')}</option>
              {choices.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
            {hint && (
              <p className="hint" id={`override-${name}-hint`}>
                {hint}
              </p>
            )}
          </div>
        )}
      </dd>
    </div>
  );
}
