// Citizens' contributions as the municipality handles them: a moderator approves, rejects or merges
// what waits in the queue and can stop contributions; a publisher answers the published ones. An
// admin does both. Each section shows only to the role the server would let do it.
import { useEffect, useRef, useState } from 'react';
import type { StaffContribution } from '../../geo/contribution.ts';
import type { PageProps } from '../app/App.tsx';
import type { Found } from '../app/api.ts';
import { call } from './client.ts';
import { ModerationAnswers } from './ModerationAnswers.tsx';
import { ModerationQueue } from './ModerationQueue.tsx';
import { ModerationSwitch } from './ModerationSwitch.tsx';
import { can } from './session.ts';
import { refusalText, te } from './strings.ts';
import './moderation.css';

/** Whether the page has anything for this session: the moderation queue or the answers. */
export const mayModerate = (me: PageProps['session']['me']) => can(me, 'moderator') || can(me, 'publisher');

export function ModerationPage({ page, interventions }: { page: PageProps; interventions: Found[] }) {
  const lang = page.state.lang;
  const me = page.session.me;
  const moderator = can(me, 'moderator');
  const publisher = can(me, 'publisher');
  // Said here, not in the item: a handled contribution leaves its list, and its own words with it.
  const [status, setStatus] = useState('');
  /** bumped after every action, so both lists are asked again (an approval adds one to answer) */
  const [revision, setRevision] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const published = useQueue(moderator || publisher ? 'state=published' : null, revision, lang);
  const done = (text: string) => {
    setStatus(text);
    setRevision((r) => r + 1);
    heading.current?.focus();
  };
  if (!moderator && !publisher) return <p className="notice" role="alert">{te(lang, 'moderationNeedsRole')}</p>;
  return (
    <div className="moderation">
      <h2 tabIndex={-1} ref={heading}>
        {te(lang, 'moderationTitle')}
      </h2>
      <p>{te(lang, 'moderationIntro')}</p>
      <p role="status" className="outcome" data-testid="moderation-status">
        {status}
      </p>
      {moderator && <ModerationSwitch page={page} interventions={interventions} onDone={done} />}
      {moderator && <ModerationQueue page={page} interventions={interventions} published={published} revision={revision} onDone={done} />}
      {publisher && <ModerationAnswers page={page} interventions={interventions} published={published} onDone={done} />}
    </div>
  );
}

export interface Queue {
  /** undefined while asking */
  items?: StaffContribution[];
  /** what went wrong, in words */
  error: string;
}

/** One of the staff queues (`query` as GET /api/contributions/queue takes it), asked again at each `revision`. */
export function useQueue(query: string | null, revision: number, lang: PageProps['state']['lang']): Queue {
  const [queue, setQueue] = useState<Queue>({ error: '' });
  useEffect(() => {
    if (query === null) return;
    let live = true;
    call<{ contributions: StaffContribution[] }>('GET', `/api/contributions/queue?${query}`).then(
      ({ body }) => live && setQueue({ items: body.contributions, error: '' }),
      (e) => live && setQueue((q) => ({ ...q, error: refusalText(lang, e) })),
    );
    return () => {
      live = false;
    };
  }, [query, revision, lang]);
  return queue;
}
