import { useEffect, useState, type FormEvent } from 'react';
import { api, asError, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import { ErrorMessage } from '../components/FieldErrors';
import { session } from '../session/session';
import { clock, isoDate, zonedInstant } from '../time';

type Day = components['schemas']['AttendanceDay'];

function lastDays(n: number) {
  const to = new Date();
  const from = new Date(to.getTime() - (n - 1) * 86_400_000);
  return { from: isoDate(from), to: isoDate(to) };
}

function minutes(m: number | null | undefined) {
  return m == null ? '' : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

function DaysTable({ days, timeZone, showPerson }: { days: Day[]; timeZone: string; showPerson: boolean }) {
  return (
    <table>
      <thead><tr>
        <th scope="col">Date</th>{showPerson && <><th scope="col">Name</th><th scope="col">Department</th></>}
        <th scope="col">First in</th><th scope="col">Last out</th><th scope="col">Worked</th><th scope="col">Source</th><th scope="col">Reason</th>
      </tr></thead>
      <tbody>
        {days.map((d) => (
          <tr key={`${d.userId}-${d.date}`}>
            <td>{d.date}</td>{showPerson && <><td>{d.fullName || d.username}</td><td>{d.department}</td></>}
            <td>{clock(d.firstIn, timeZone)}</td><td>{clock(d.lastOut, timeZone)}</td><td>{minutes(d.totalMinutes)}</td>
            <td>{d.source}</td><td>{d.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The organization's time zone (the live view says it). */
function useTimeZone(): string {
  const [zone, setZone] = useState('UTC');
  useEffect(() => { void api.GET('/attendance/today').then(({ data }) => data && setZone(data.timeZone)); }, []);
  return zone;
}

/** A person's last 31 days, and the manual correction of one day (reason required, audited). */
export function PersonDays({ userId, canCorrect = true, timeZone }: { userId: string; canCorrect?: boolean; timeZone?: string }) {
  const orgZone = useTimeZone();
  const zone = timeZone ?? orgZone;
  const [days, setDays] = useState<Day[]>([]);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    // another person, or a reload after a correction: only the latest answer may show
    let current = true;
    void api.GET('/attendance/users/{userId}/days', { params: { path: { userId }, query: lastDays(31) } })
      .then(({ data }) => { if (current) setDays([...(data?.items ?? [])].reverse()); });
    return () => { current = false; };
  }, [userId, reload]);
  return (
    <section aria-labelledby="days-title">
      <h2 id="days-title">Days</h2>
      <p>Last 31 days; times in {zone}.</p>
      <DaysTable days={days} timeZone={zone} showPerson={false} />
      {canCorrect && <Correction userId={userId} timeZone={zone} onDone={() => setReload(reload + 1)} />}
    </section>
  );
}

function Correction({ userId, timeZone, onDone }: { userId: string; timeZone: string; onDone: () => void }) {
  const [date, setDate] = useState(isoDate(new Date()));
  const [firstIn, setFirstIn] = useState('');
  const [lastOut, setLastOut] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    const body = {
      reason,
      firstIn: firstIn ? zonedInstant(date, firstIn, timeZone) : undefined,
      lastOut: lastOut ? zonedInstant(date, lastOut, timeZone) : undefined,
    };
    const { error } = await api.PUT('/attendance/users/{userId}/days/{date}', { params: { path: { userId, date } }, body });
    if (error) setError(asError(error)!);
    else {
      setError(null);
      setDone(true);
      setReason('');
      onDone();
    }
  }

  return (
    <details>
      <summary>Correct a day</summary>
      <form onSubmit={submit} aria-label="Correct a day">
        <div className="grid">
          <label>Date<input type="date" required value={date} onChange={(e) => setDate(e.target.value)} /></label>
          <label>First in ({timeZone})<input type="time" value={firstIn} onChange={(e) => setFirstIn(e.target.value)} /></label>
          <label>Last out ({timeZone})<input type="time" value={lastOut} onChange={(e) => setLastOut(e.target.value)} /></label>
        </div>
        <label>Reason (required, kept in the audit log)
          <input required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
        {done && <p role="status">Corrected.</p>}
        <button type="submit">Save correction</button>
      </form>
    </details>
  );
}

/** The report: a date range, a department, paged; and the same rows as CSV. */
export function ReportPage() {
  const zone = useTimeZone();
  const [range, setRange] = useState(lastDays(7));
  const [department, setDepartment] = useState('');
  const [page, setPage] = useState(0);
  const [report, setReport] = useState<{ items: Day[]; total: number }>({ items: [], total: 0 });
  const [error, setError] = useState<ApiError | null>(null);
  const size = 50;

  useEffect(() => {
    // each keystroke in the department asks again: an earlier, slower answer must not overwrite a later one
    let current = true;
    void api.GET('/attendance/report', { params: { query: { ...range, department: department || undefined, page, size } } })
      .then(({ data, error }) => {
        if (!current) return;
        if (data) setReport({ items: data.items, total: data.total ?? 0 });
        setError(asError(error));
      });
    return () => { current = false; };
  }, [range, department, page]);

  async function download() {
    const query = new URLSearchParams({ ...range, ...(department ? { department } : {}) });
    const response = await session.fetch(new Request(`${location.origin}/attendance/report/csv?${query}`));
    if (!response.ok) return setError(await response.json());
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `attendance-${range.from}-${range.to}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <h1>Attendance report</h1>
      <form className="grid" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
        <label>From<input type="date" value={range.from} onChange={(e) => { setRange({ ...range, from: e.target.value }); setPage(0); }} /></label>
        <label>To<input type="date" value={range.to} onChange={(e) => { setRange({ ...range, to: e.target.value }); setPage(0); }} /></label>
        <label>Department<input value={department} onChange={(e) => { setDepartment(e.target.value); setPage(0); }} /></label>
      </form>
      <ErrorMessage error={error} />
      <p>{report.total} days · times in {zone} <button type="button" className="secondary" onClick={() => void download()}>Download CSV</button></p>
      <DaysTable days={report.items} timeZone={zone} showPerson />
      <nav aria-label="Pages" className="pager">
        <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
        <span>Page {page + 1} of {Math.max(1, Math.ceil(report.total / size))}</span>
        <button type="button" className="secondary" disabled={(page + 1) * size >= report.total} onClick={() => setPage(page + 1)}>Next</button>
      </nav>
    </>
  );
}
