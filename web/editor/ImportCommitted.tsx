// What a commit wrote: the drafts, each linked to its form, and the way to the review page; or the
// reference layer replaced, with the way to the public map and to the layer's data.
import type { ImportCommitted } from '../../geo/import-preview.ts';
import type { Lang } from '../app/i18n.ts';
import type { AppState } from '../app/state.ts';
import { actionWord, ti } from './importStrings.ts';

export function Committed({ committed, lang, link }: { committed: ImportCommitted; lang: Lang; link(p: AppState['page'], item: string | undefined, text: string): React.ReactNode }) {
  if (committed.layer)
    return (
      <div className="committed" data-testid="import-committed">
        <p>{ti(lang, 'committedLayer', { name: committed.layer })}</p>
        <p>
          <a href={lang === 'en' ? '?lang=en' : '?'}>{ti(lang, 'toPublicMap')}</a> · <a href={`/api/layers/${encodeURIComponent(committed.layer)}`}>{ti(lang, 'layerData')}</a>
        </p>
      </div>
    );
  return (
    <div className="committed" data-testid="import-committed">
      <p>{committed.items.length ? ti(lang, 'committed', { n: committed.items.length }) : ti(lang, 'committedNone')}</p>
      {committed.items.length > 0 && (
        <>
          <p>{link('review', undefined, ti(lang, 'toReview'))}</p>
          <h3>{ti(lang, 'draftsWritten')}</h3>
          <ul className="editor-list">
            {committed.items.map((w) => {
              const row = committed.preview.rows.find((r) => r.id === w.item);
              return (
                <li key={`${w.kind}/${w.item}`}>
                  {link(w.kind === 'zone' ? 'zone' : w.kind === 'plan-item' ? 'plan' : 'edit', w.item, `${w.item}${row?.label ? ` · ${row.label}` : ''}`)}{' '}
                  <span className="badge">{actionWord(lang, row?.action === 'update' ? 'update' : 'create', true)}</span>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
