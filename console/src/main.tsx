import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import '@picocss/pico/css/pico.min.css';
import './app.css';
import { App } from './App';

// the kiosk is its own page (no sign-in, no console code on the door tablet)
const Kiosk = lazy(() => import('./kiosk/Kiosk').then((m) => ({ default: m.Kiosk })));
const isKiosk = location.pathname.startsWith('/console/kiosk');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {isKiosk
      ? <Suspense fallback={null}><Kiosk /></Suspense>
      : <BrowserRouter basename="/console"><App /></BrowserRouter>}
  </StrictMode>,
);
