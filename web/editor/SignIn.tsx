// Sign-in for municipal staff. The password goes to the server once; the session comes back as an
// HttpOnly cookie the page never sees.
import { useState } from 'react';
import type { PageProps } from '../app/App.tsx';
import { call, Refused } from './client.ts';
import { te } from './strings.ts';

export function SignIn({ page }: { page: PageProps }) {
  const lang = page.state.lang;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError('');
    try {
      await call('POST', '/api/auth/login', { body: { email, password } });
      await page.session.refresh();
      page.update((s) => ({ ...s, page: 'editor' }));
    } catch (e) {
      if (e instanceof Refused && e.status === 429) {
        const seconds = Number((e.details as { retryAfter?: number } | null)?.retryAfter ?? 900);
        setError(te(lang, 'tooManyTries', { minutes: Math.ceil(seconds / 60) }));
      } else setError(e instanceof Refused && e.status < 500 ? te(lang, 'loginFailed') : te(lang, 'networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="signin">
      <h2>{te(lang, 'signInTitle')}</h2>
      <p>{te(lang, 'signInIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="signin-email">{te(lang, 'email')}</label>
          <input id="signin-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{te(lang, 'password')}</label>
          <input id="signin-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {te(lang, 'signInButton')}
        </button>
        <p role="alert" className="form-error">
          {error}
        </p>
      </form>
    </div>
  );
}
