// After a post: it waits for a moderator, and the private link is the only way back to it, so it is
// shown in full with a copy button and the advice to keep it.
import { useEffect, useRef, useState } from 'react';
import type { Posted } from '../../geo/contribution.ts';
import type { Lang } from '../app/i18n.ts';
import { ct } from './strings.ts';

export function PostedNote({ lang, posted, onAnother }: { lang: Lang; posted: Posted; onAnother(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="voice-posted" aria-labelledby="voice-posted-title" data-testid="voice-posted">
      <h3 id="voice-posted-title" tabIndex={-1} ref={heading}>
        {ct(lang, 'postedTitle')}
      </h3>
      <p>{ct(lang, 'postedKeep')}</p>
      <p className="private-link">
        <span className="muted">{ct(lang, 'privateLink')}:</span>{' '}
        <a href={posted.privateUrl} data-testid="private-link">
          {posted.privateUrl}
        </a>
      </p>
      <p>
        <button type="button" onClick={() => navigator.clipboard?.writeText(posted.privateUrl).then(() => setCopied(true), () => undefined)}>
          {ct(lang, 'copy')}
        </button>
        <span role="status">{copied ? ` ${ct(lang, 'copied')}` : ''}</span>{' '}
        <button type="button" className="link-button" onClick={onAnother}>
          {ct(lang, 'another')}
        </button>
      </p>
    </section>
  );
}
