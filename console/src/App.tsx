import { useEffect, useState } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { api } from './api/client';
import type { components } from './api/schema';
import { SignIn } from './components/SignIn';
import { session } from './session/session';
import { useSession } from './session/useSession';
import { TodayPage } from './pages/TodayPage';

export type Me = components['schemas']['User'];

export function App() {
  const state = useSession();
  const [me, setMe] = useState<Me | null>(null);

  useEffect(() => {
    if (session.state === 'unknown') void session.resume();
  }, []);
  useEffect(() => {
    if (state !== 'signedIn') return;
    void api.GET('/me').then(({ data }) => setMe(data?.user ?? null));
  }, [state]);

  if (state === 'unknown') return <main className="container" aria-busy="true">Loading…</main>;
  if (state === 'signedOut') return <SignIn />;
  if (!me) return <main className="container" aria-busy="true">Loading…</main>;
  const staff = me.role === 'ADMIN' || me.role === 'OPERATOR';
  return (
    <>
      <header className="container app">
        <nav aria-label="Main">
          <ul><li><strong>RollCall</strong></li></ul>
          <ul>
            {staff && <li><NavLink to="/today">Today</NavLink></li>}
            <li>
              <details className="dropdown">
                <summary>{me.profile?.fullName || me.username}</summary>
                <ul dir="rtl">
                  <li><button type="button" className="secondary" onClick={() => void session.signOut()}>Sign out</button></li>
                  <li><button type="button" className="secondary" onClick={() => void session.signOut(true)}>Sign out everywhere</button></li>
                </ul>
              </details>
            </li>
          </ul>
        </nav>
      </header>
      <main className="container">
        <Routes>
          {staff && <Route path="/today" element={<TodayPage />} />}
          <Route path="*" element={<Navigate to={staff ? '/today' : '/me'} replace />} />
        </Routes>
      </main>
      {state === 'expired' && <SignIn expired />}
    </>
  );
}
