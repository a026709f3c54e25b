import { lazy, Suspense, useEffect, useState } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { api } from './api/client';
import type { components } from './api/schema';
import { Notifications } from './components/Notifications';
import { SignIn } from './components/SignIn';
import { session } from './session/session';
import { useSession } from './session/useSession';
import { TodayPage } from './pages/TodayPage';

export type Me = components['schemas']['User'];

// pages load when first opened: the first load stays small (docs/console.md, "Size")
const PeoplePage = lazy(() => import('./pages/PeoplePage').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('./pages/PersonPage').then((m) => ({ default: m.PersonPage })));
const InboxPage = lazy(() => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const ReportPage = lazy(() => import('./pages/AttendancePages').then((m) => ({ default: m.ReportPage })));
const ImportsPage = lazy(() => import('./pages/ImportsPage').then((m) => ({ default: m.ImportsPage })));
const CamerasPage = lazy(() => import('./pages/CamerasPage').then((m) => ({ default: m.CamerasPage })));
const MePage = lazy(() => import('./pages/MePage').then((m) => ({ default: m.MePage })));
const PrivacyPages = () => import('./pages/PrivacyPages');
const MyDataPage = lazy(() => PrivacyPages().then((m) => ({ default: m.MyDataPage })));
const ErasureRequestsPage = lazy(() => PrivacyPages().then((m) => ({ default: m.ErasureRequestsPage })));
const TimesheetsPage = lazy(() => import('./pages/TimesheetsPage').then((m) => ({ default: m.TimesheetsPage })));
const MyTimesheetPage = lazy(() => import('./pages/TimesheetsPage').then((m) => ({ default: m.MyTimesheetPage })));
const AdminPages = () => import('./pages/AdminPages');
const HrPages = () => import('./pages/HrPages');
const SchedulesPage = lazy(() => HrPages().then((m) => ({ default: m.SchedulesPage })));
const HolidaysPage = lazy(() => HrPages().then((m) => ({ default: m.HolidaysPage })));
const LeavePage = lazy(() => HrPages().then((m) => ({ default: m.LeavePage })));
const SummaryPage = lazy(() => HrPages().then((m) => ({ default: m.SummaryPage })));
const SettingsPage = lazy(() => AdminPages().then((m) => ({ default: m.SettingsPage })));
const AuditPage = lazy(() => AdminPages().then((m) => ({ default: m.AuditPage })));
const HealthPage = lazy(() => AdminPages().then((m) => ({ default: m.HealthPage })));

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
  const admin = me.role === 'ADMIN';
  const staff = admin || me.role === 'OPERATOR';
  return (
    <>
      <a href="#main" className="visually-hidden">Skip to the page</a>
      <header className="container app">
        <nav aria-label="Main">
          <ul><li><strong>RollCall</strong></li></ul>
          <ul>
            {staff && <li><NavLink to="/today">Today</NavLink></li>}
            {staff && <li><NavLink to="/people">People</NavLink></li>}
            {staff && <li><NavLink to="/inbox">Unknown faces</NavLink></li>}
            {staff && <li><NavLink to="/attendance">Attendance</NavLink></li>}
            {staff && <li><NavLink to="/schedules">Schedules</NavLink></li>}
            <li><NavLink to="/holidays">Holidays</NavLink></li>
            <li><NavLink to="/leave">Leave</NavLink></li>
            {staff && <li><NavLink to="/summary">Summary</NavLink></li>}
            {staff && <li><NavLink to="/timesheets">Timesheets</NavLink></li>}
            {admin && <li><NavLink to="/imports">Imports</NavLink></li>}
            {admin && <li><NavLink to="/cameras">Cameras</NavLink></li>}
            {admin && <li><NavLink to="/settings">Settings</NavLink></li>}
            {admin && <li><NavLink to="/audit">Audit log</NavLink></li>}
            {admin && <li><NavLink to="/health">Health</NavLink></li>}
            {admin && <li><NavLink to="/erasure-requests">Erasure requests</NavLink></li>}
            {!staff && <li><NavLink to="/me">My attendance</NavLink></li>}
            <li><NavLink to="/my-data">My data</NavLink></li>
            {!staff && <li><NavLink to="/my-timesheet">My timesheet</NavLink></li>}
            {staff && <li><Notifications /></li>}
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
      <main className="container" id="main">
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <Routes>
            {staff && <Route path="/today" element={<TodayPage />} />}
            {staff && <Route path="/people" element={<PeoplePage isAdmin={admin} />} />}
            {staff && <Route path="/people/:id" element={<PersonPage isAdmin={admin} />} />}
            {staff && <Route path="/inbox" element={<InboxPage />} />}
            {staff && <Route path="/attendance" element={<ReportPage />} />}
            {staff && <Route path="/schedules" element={<SchedulesPage isAdmin={admin} />} />}
            <Route path="/holidays" element={<HolidaysPage isAdmin={admin} />} />
            <Route path="/leave" element={<LeavePage meId={me.id ?? ''} isStaff={staff} isAdmin={admin} />} />
            {staff && <Route path="/summary" element={<SummaryPage />} />}
            {staff && <Route path="/timesheets" element={<TimesheetsPage isAdmin={admin} />} />}
            {admin && <Route path="/imports" element={<ImportsPage />} />}
            {admin && <Route path="/cameras" element={<CamerasPage />} />}
            {admin && <Route path="/settings" element={<SettingsPage />} />}
            {admin && <Route path="/audit" element={<AuditPage />} />}
            {admin && <Route path="/health" element={<HealthPage />} />}
            <Route path="/me" element={<MePage me={me} />} />
            {admin && <Route path="/erasure-requests" element={<ErasureRequestsPage />} />}
            <Route path="/my-data" element={<MyDataPage me={me} />} />
            {me.id && <Route path="/my-timesheet" element={<MyTimesheetPage userId={me.id} />} />}
            <Route path="*" element={<Navigate to={staff ? '/today' : '/me'} replace />} />
          </Routes>
        </Suspense>
      </main>
      {state === 'expired' && <SignIn expired />}
    </>
  );
}
