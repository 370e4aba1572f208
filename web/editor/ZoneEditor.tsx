// A zone the plan acts on: its name, kind and who defined it, and its boundary drawn on the map
// with how exact it is and where it comes from.
import { MASTER_PLAN_KIND, ZONE_KINDS, type Geometry } from '../../geo/index.ts';
import type { PageProps } from '../app/App.tsx';
import { DrawMap } from './DrawMap.tsx';
import { LocalTextFields, NumberField, SelectField, SourcesField, TextField } from './fields.tsx';
import { ItemEditor } from './ItemEditor.tsx';
import { getAt, setAt } from './record.ts';
import { te } from './strings.ts';
import { CONFIDENCES, GEOMETRY_ACCURACIES } from './vocab.ts';

export function newZone() {
  return {
    type: 'Feature',
    id: '',
    geometry: null,
    properties: {
      id: '',
      name: { bg: '', en: null },
      kind: 'piro_impact',
      definedBy: '',
      description: { bg: null, en: null },
      boundaryText: null,
      geometryAccuracy: null,
      geometryBasis: null,
      confidence: 'inferred',
      confidenceNote: null,
      population: null,
      sources: [{ url: '', supports: '' }],
    },
  };
}

/**
 * A boundary drawn or reshaped by hand is schematic, and the old basis no longer describes it: it is
 * cleared, so the check asks the planner to say where the new line comes from. Removing the
 * boundary clears both.
 */
function deriveAccuracy(record: unknown, path: string): unknown {
  // Only a master-plan zone has a type code: another kind drops it (left out, as the dataset writes it).
  if (path === 'properties.kind' && getAt(record, 'properties.kind') !== MASTER_PLAN_KIND) return setAt(record, 'properties.masterPlanType', undefined);
  if (path !== 'geometry') return record;
  const drawn = getAt(record, 'geometry') !== null;
  return setAt(setAt(record, 'properties.geometryAccuracy', drawn ? 'schematic' : null), 'properties.geometryBasis', null);
}

export function ZoneEditor({ page, id }: { page: PageProps; id: string }) {
  const { reference, state } = page;
  const lang = state.lang;
  return (
    <ItemEditor
      page={page}
      kind="zone"
      id={id}
      idOf={(r) => String(getAt(r, 'id'))}
      heading={(r) => `${getAt(r, 'id')} · ${getAt(r, 'properties.name.bg') || ''}`}
      template={newZone}
      derive={deriveAccuracy}
      aside={(item) => (
        <section aria-labelledby="geometry-title" className="geometry-panel">
          <h3 id="geometry-title">{te(lang, 'geometry')}</h3>
          <DrawMap reference={reference} lang={lang} geometry={getAt(item.record, 'geometry') as Geometry | null} shapes={['polygon']} label={te(lang, 'geometry')} problems={item.problems.filter((p) => p.path === 'geometry').map((p) => p.message)} onChange={(g) => item.set('geometry', g)} />
        </section>
      )}
    >
      {(item) => (
        <>
          <fieldset>
            <legend>{te(lang, 'general')}</legend>
            {item.isNew && <TextField path="properties.id" label={te(lang, 'id')} hint="ITI1-Z1" />}
            <LocalTextFields path="properties.name" labels={[te(lang, 'zoneName'), te(lang, 'zoneNameEn')]} bgRequired />
            <SelectField path="properties.kind" label={te(lang, 'zoneKind')} options={ZONE_KINDS.ids.map((k) => [k, ZONE_KINDS.table[k].label[lang]])} />
            {getAt(item.record, 'properties.kind') === MASTER_PLAN_KIND && (
              <SelectField
                path="properties.masterPlanType"
                label={te(lang, 'masterPlanType')}
                options={reference.masterPlanTypes.types.map((t) => [t.code, `${t.code} — ${t.name[lang]}`])}
                empty={te(lang, 'none')}
              />
            )}
            <TextField path="properties.definedBy" label={te(lang, 'definedBy')} />
            <LocalTextFields path="properties.description" labels={[te(lang, 'descriptionBg'), te(lang, 'descriptionEn')]} multiline />
            <TextField path="properties.boundaryText" label={te(lang, 'boundaryText')} nullable multiline />
            <SelectField path="properties.geometryAccuracy" label={te(lang, 'geometryAccuracy')} options={GEOMETRY_ACCURACIES(lang)} empty={te(lang, 'none')} />
            <TextField path="properties.geometryBasis" label={te(lang, 'geometryBasis')} nullable />
            <SelectField path="properties.confidence" label={te(lang, 'itemConfidence')} options={CONFIDENCES(lang)} />
            <TextField path="properties.confidenceNote" label={te(lang, 'confidenceNote')} nullable />
            <NumberField path="properties.population" label={te(lang, 'population')} nullable step="1" />
          </fieldset>
          <SourcesField path="properties.sources" />
        </>
      )}
    </ItemEditor>
  );
}
