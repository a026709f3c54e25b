import { useId, useState, type FormEvent } from 'react';
import { session } from '../session/session';

/** The sign-in form; as a dialog over the page when the session expired, so the page keeps its input. */
export function SignIn({ expired = false }: { expired?: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(await session.signIn(username, password).catch(() => 'The server cannot be reached.'));
    setBusy(false);
  }

  const form = (
    <form onSubmit={submit} aria-describedby={error ? errorId : undefined}>
      <h1>{expired ? 'Your session has ended' : 'Sign in to RollCall'}</h1>
      {expired && <p>Sign in again to carry on; what you were typing is kept.</p>}
      <label>
        Username
        <input name="username" autoComplete="username" required value={username}
               onChange={(e) => setUsername(e.target.value)} autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required value={password}
               onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && <p id={errorId} role="alert" className="error">{error}</p>}
      <button type="submit" aria-busy={busy} disabled={busy}>Sign in</button>
    </form>
  );
  if (expired) {
    return (
      <dialog open aria-modal="true" aria-label="Sign in again">
        <article>{form}</article>
      </dialog>
    );
  }
  return <main className="container narrow">{form}</main>;
}
