import { useEffect, useState, type FormEvent } from 'react';
import { api, asError, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import { ErrorMessage } from '../components/FieldErrors';
import { session } from '../session/session';
import { isoDate } from '../time';

type Timesheet = components['schemas']['Timesheet'];
type Figures = components['schemas']['TimesheetFigures'];
type Period = { type: string; start: string; end: string; previousStart: string; nextStart: string };

/** Minutes as hours with two decimals, as the payroll export has them. */
export function hours(minutes: number | null | undefined): string {
  return minutes == null ? '' : (minutes / 60).toFixed(2);
}

function sum(values: Record<string, number> | undefined): number {
  return Object.values(values ?? {}).reduce((a, b) => a + b, 0);
}

function exceptions(figures: Figures | null | undefined): string {
  return Object.entries(figures?.exceptions ?? {}).map(([status, days]) => `${status} ${days}`).join(', ');
}

/** The pay period of a date, with buttons to its neighbours. */
function usePeriod(): [Period | null, (date: string) => void] {
  const [date, setDate] = useState(isoDate(new Date()));
  const [period, setPeriod] = useState<Period | null>(null);
  useEffect(() => {
    // clicking through periods quickly: an earlier, slower answer must not overwrite a later one
    let current = true;
    void api.GET('/timesheets/period', { params: { query: { date } } }).then(({ data }) => { if (current && data) setPeriod(data as Period); });
    return () => { current = false; };
  }, [date]);
  return [period, setDate];
}

function PeriodNav({ period, go }: { period: Period | null; go: (date: string) => void }) {
  if (!period) return <p aria-busy="true">Loading…</p>;
  return (
    <nav aria-label="Pay period">
      <ul><li><strong>{period.start} – {period.end}</strong> <small>({period.type.replace('_', '-').toLowerCase()})</small></li></ul>
      <ul>
        <li><button type="button" className="secondary" onClick={() => go(period.previousStart)}>Previous period</button></li>
        <li><button type="button" className="secondary" onClick={() => go(period.nextStart)}>Next period</button></li>
      </ul>
    </nav>
  );
}

/** Downloads the payroll export: the file itself when small, else the presigned link the API answers with. */
async function exportPeriod(date: string, format: 'csv' | 'xlsx'): Promise<ApiError | null> {
  const response = await session.fetch(new Request(`${location.origin}/timesheets/export`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ date, format }),
  }));
  if (!response.ok) return (await response.json()) as ApiError;
  const type = response.headers.get('content-type') ?? '';
  const a = document.createElement('a');
  if (type.startsWith('application/json')) {
    const link = (await response.json()) as { url: string; filename: string };
    a.href = link.url;   // a navigation to the bucket, not a fetch: the page's connect-src stays 'self'
    a.download = link.filename;
    a.click();
    return null;
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `payroll.${format}`;
  const url = URL.createObjectURL(await response.blob());
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
  return null;
}

/** A period's timesheets: approve (staff), lock and reopen with a reason (ADMIN), and the payroll export. */
export function TimesheetsPage({ isAdmin }: { isAdmin: boolean }) {
  const [period, go] = usePeriod();
  const [page, setPage] = useState(0);
  const [list, setList] = useState<{ items: Timesheet[]; total: number; counts: Record<string, number> }>({ items: [], total: 0, counts: {} });
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [reload, setReload] = useState(0);
  const size = 50;

  useEffect(() => {
    if (!period) return;
    // an answer to an earlier load (before the last approve or lock) must not overwrite a later one
    let current = true;
    void api.GET('/timesheets', { params: { query: { date: period.start, page, size } } }).then(({ data, error }) => {
      if (!current) return;
      if (data) setList({ items: data.items, total: data.total, counts: (data.counts ?? {}) as Record<string, number> });
      setError(asError(error));
    });
    return () => { current = false; };
  }, [period, page, reload]);

  async function transition(kind: 'approve' | 'lock' | 'reopen', userIds?: string[]) {
    if (!period) return;
    const body = { date: period.start, userIds, ...(kind === 'reopen' ? { reason } : {}) };
    const { data, error } = kind === 'approve' ? await api.POST('/timesheets/approve', { body })
      : kind === 'lock' ? await api.POST('/timesheets/lock', { body })
        : await api.POST('/timesheets/reopen', { body: { ...body, reason } });
    setError(asError(error));
    if (data) {
      setStatus(`${data.count} timesheet(s) now ${data.state.toLowerCase()}.`);
      setReload((n) => n + 1);
    }
  }

  async function download(format: 'csv' | 'xlsx') {
    if (!period) return;
    setStatus('');
    const failed = await exportPeriod(period.start, format);
    setError(failed);
    if (!failed) setStatus(`Payroll export (${format.toUpperCase()}) downloaded.`);
  }

  function reopenForm(event: FormEvent) {
    event.preventDefault();
    void transition('reopen');
  }

  return (
    <>
      <h1>Timesheets</h1>
      <PeriodNav period={period} go={(date) => { setPage(0); setStatus(''); go(date); }} />
      <p>
        {list.counts.DRAFT ?? 0} draft, {list.counts.APPROVED ?? 0} approved, {list.counts.LOCKED ?? 0} locked.
        Drafts are computed live; an approved timesheet keeps its figures as approved.
      </p>
      <div className="grid">
        <button type="button" onClick={() => void transition('approve')} disabled={!list.counts.DRAFT}>Approve all drafts</button>
        {isAdmin && <button type="button" onClick={() => void transition('lock')} disabled={!list.counts.APPROVED}>Lock the period</button>}
        <button type="button" className="secondary" onClick={() => void download('csv')}>Export CSV</button>
        <button type="button" className="secondary" onClick={() => void download('xlsx')}>Export XLSX</button>
      </div>
      {isAdmin && (
        <form onSubmit={reopenForm} aria-label="Reopen the period">
          <fieldset role="group">
            <input aria-label="Reason for reopening" placeholder="Reason for reopening (required, kept on each timesheet)"
              required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="submit" className="contrast">Reopen the period</button>
          </fieldset>
        </form>
      )}
      <ErrorMessage error={error} />
      {status && <p role="status">{status}</p>}
      <table>
        <thead><tr>
          <th scope="col">Name</th><th scope="col">Department</th><th scope="col">State</th><th scope="col">Regular h</th>
          <th scope="col">Overtime h</th><th scope="col">Leave h</th><th scope="col">Holiday h</th><th scope="col">Exceptions</th>
          <th scope="col">Actions</th>
        </tr></thead>
        <tbody>
          {list.items.map((t) => (
            <tr key={t.userId}>
              <td>{t.fullName || t.username}</td><td>{t.department}</td><td>{t.state}</td>
              <td>{hours(t.figures?.regularMinutes)}</td><td>{hours(sum(t.figures?.overtimeMinutesByTier))}</td>
              <td>{hours(sum(t.figures?.leaveMinutesByType))}</td><td>{hours(t.figures?.holidayMinutes)}</td>
              <td>{exceptions(t.figures)}</td>
              <td>
                {t.state === 'DRAFT' && <button type="button" className="outline" aria-label={`Approve ${t.fullName || t.username}`}
                  onClick={() => void transition('approve', [t.userId])}>Approve</button>}
                {isAdmin && t.state === 'APPROVED' && <button type="button" className="outline" aria-label={`Lock ${t.fullName || t.username}`}
                  onClick={() => void transition('lock', [t.userId])}>Lock</button>}
                {isAdmin && t.state !== 'DRAFT' && <button type="button" className="outline secondary" disabled={!reason}
                  aria-label={`Reopen ${t.fullName || t.username}`} title="Needs the reason above"
                  onClick={() => void transition('reopen', [t.userId])}>Reopen</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {list.total} people.{' '}
        <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous page</button>{' '}
        <button type="button" className="secondary" disabled={(page + 1) * size >= list.total} onClick={() => setPage(page + 1)}>Next page</button>
      </p>
    </>
  );
}

/** A person's own timesheet of a period, with its days (what a USER sees). */
export function MyTimesheetPage({ userId }: { userId: string }) {
  const [period, go] = usePeriod();
  const [sheet, setSheet] = useState<Timesheet | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!period) return;
    let current = true;
    void api.GET('/timesheets/users/{userId}', { params: { path: { userId }, query: { date: period.start } } })
      .then(({ data, error }) => { if (current) { setSheet(data ?? null); setError(asError(error)); } });
    return () => { current = false; };
  }, [period, userId]);
  const f = sheet?.figures;
  return (
    <>
      <h1>My timesheet</h1>
      <PeriodNav period={period} go={go} />
      <ErrorMessage error={error} />
      {sheet && (
        <>
          <p>State: <strong>{sheet.state}</strong>{sheet.history?.reopenReason ? ` (reopened: ${sheet.history.reopenReason})` : ''}</p>
          <table aria-label="Totals">
            <tbody>
              <tr><th scope="row">Regular hours</th><td>{hours(f?.regularMinutes)}</td></tr>
              {Object.entries(f?.overtimeMinutesByTier ?? {}).map(([tier, m]) => (
                <tr key={tier}><th scope="row">Overtime {tier}</th><td>{hours(m)}</td></tr>
              ))}
              {Object.entries(f?.leaveMinutesByType ?? {}).map(([type, m]) => (
                <tr key={type}><th scope="row">Leave {type}</th><td>{hours(m)}</td></tr>
              ))}
              <tr><th scope="row">Holiday hours</th><td>{hours(f?.holidayMinutes)}</td></tr>
              <tr><th scope="row">Exceptions</th><td>{exceptions(f) || 'none'}</td></tr>
            </tbody>
          </table>
          <table aria-label="Days">
            <thead><tr><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Scheduled h</th><th scope="col">Worked h</th></tr></thead>
            <tbody>
              {(sheet.days ?? []).map((d) => (
                <tr key={d.date}>
                  <td>{d.date}</td><td>{[d.status, ...(d.exceptions ?? []).filter((e) => e !== d.status)].join(', ')}</td>
                  <td>{hours(d.scheduledMinutes)}</td><td>{hours(d.workedMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
