import { memo, useMemo, useRef, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { components } from '../api/schema';
import { clock } from '../time';
import { usePolling } from '../usePolling';

type LiveView = components['schemas']['LiveView'];
type PersonToday = components['schemas']['PersonToday'];

/** How often Today asks again: the issue wants at most 10 s between a sighting and the screen. */
export const TODAY_REFRESH_MS = 5000;

const STATUS_TEXT: Record<PersonToday['status'], string> = {
  PRESENT: 'Present',
  LEFT: 'Left',
  NOT_ARRIVED: 'Not arrived',
};

export function TodayPage() {
  const [view, setView] = useState<LiveView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [department, setDepartment] = useState('');
  const [updated, setUpdated] = useState<Date | null>(null);
  const last = useRef('');

  usePolling(async () => {
    const { data, error } = await api.GET('/attendance/today');
    if (data) {
      // with 2,000 people a re-render costs ~100 ms: only when something changed (docs/console.md)
      const text = JSON.stringify(data);
      if (text !== last.current) {
        last.current = text;
        setView(data);
      }
      setError(null);
      setUpdated(new Date());
    } else if (error) {
      setError(messageOf(error));
    }
  }, TODAY_REFRESH_MS, []);

  const everyone = useMemo(() => (view ? [...view.present, ...view.left, ...view.notArrived] : []), [view]);
  const departments = useMemo(
    () => [...new Set(everyone.map((p) => p.department || ''))].sort((a, b) => a.localeCompare(b)),
    [everyone],
  );
  const groups = useMemo(() => {
    const shown = department === '' ? everyone : everyone.filter((p) => (p.department || '') === (department === '-' ? '' : department));
    const byDepartment = new Map<string, PersonToday[]>();
    for (const person of shown) {
      const key = person.department || '';
      byDepartment.set(key, [...(byDepartment.get(key) ?? []), person]);
    }
    return [...byDepartment.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [everyone, department]);

  if (!view) return <p aria-busy={!error}>{error ?? 'Loading today…'}</p>;
  const count = (status: PersonToday['status']) => groups.reduce((n, [, people]) => n + people.filter((p) => p.status === status).length, 0);

  return (
    <>
      <hgroup>
        <h1>Today</h1>
        <p>{view.date} · times in {view.timeZone}{updated && <> · updated {updated.toLocaleTimeString()}</>}</p>
      </hgroup>
      {error && <p role="alert" className="error">{error}</p>}
      <label>
        Department
        <select value={department} onChange={(e) => setDepartment(e.target.value)}>
          <option value="">All departments</option>
          {departments.map((d) => <option key={d} value={d === '' ? '-' : d}>{d === '' ? '(none)' : d}</option>)}
        </select>
      </label>
      <section className="counts" aria-label="Counts">
        <article><span className="number" data-testid="count-present">{count('PRESENT')}</span>present</article>
        <article><span className="number" data-testid="count-left">{count('LEFT')}</span>left</article>
        <article><span className="number" data-testid="count-not-arrived">{count('NOT_ARRIVED')}</span>not arrived</article>
      </section>
      <div className="departments">
        {groups.map(([name, people]) => <Department key={name} name={name} people={people} timeZone={view.timeZone} />)}
      </div>
    </>
  );
}

/** One department's card; re-rendered only when its own people changed (a memo on their JSON). */
const Department = memo(function Department({ name, people, timeZone }: { name: string; people: PersonToday[]; timeZone: string }) {
  return (
    <article>
      <header><h2>{name || '(no department)'}</h2>
        {people.filter((p) => p.status === 'PRESENT').length} present · {people.filter((p) => p.status === 'LEFT').length} left · {people.filter((p) => p.status === 'NOT_ARRIVED').length} not arrived
      </header>
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Status</th><th scope="col">In</th><th scope="col">Out</th></tr></thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.userId}>
              <td>{p.fullName || p.username}</td>
              <td className={`status-${p.status}`}>{STATUS_TEXT[p.status]}</td>
              <td>{clock(p.firstIn, timeZone)}</td>
              <td>{clock(p.lastOut, timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}, (a, b) => a.name === b.name && a.timeZone === b.timeZone && JSON.stringify(a.people) === JSON.stringify(b.people));
