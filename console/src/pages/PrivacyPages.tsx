import { useEffect, useState, type FormEvent } from 'react';
import type { Me } from '../App';
import { api, asError, type ApiError } from '../api/client';
import type { components, paths } from '../api/schema';
import { AuthImage } from '../authImage';
import { Confirm } from '../components/Confirm';
import { ErrorMessage } from '../components/FieldErrors';
import { session } from '../session/session';
import { dateTime } from '../time';

type ConsentView = components['schemas']['ConsentView'];
type Consent = components['schemas']['Consent'];
type ErasureRequest = components['schemas']['ErasureRequest'];
type TrailEntry = components['schemas']['ErasureTrailEntry'];
type MyData = paths['/me/data']['get']['responses']['200']['content']['application/json'];
type Method = Consent['method'];
type Status = ErasureRequest['status'];

const METHODS: { value: Method; label: string }[] = [
  { value: 'PAPER', label: 'Signed paper form' },
  { value: 'KIOSK', label: 'At a kiosk' },
  { value: 'CONSOLE', label: 'In the console, with an administrator' },
];

function consentLine(c: Consent): string {
  const how = METHODS.find((m) => m.value === c.method)?.label ?? c.method;
  return `Text version ${c.textVersion} · ${how} · consented ${dateTime(c.consentedAt)} · recorded ${dateTime(c.recordedAt)}`;
}

/**
 * The person page's consent: staff see it; an ADMIN records it (text version, means, date) and withdraws it,
 * which erases the person's face images and template at once (the API does both in one request).
 */
export function ConsentSection({ userId, isAdmin, onErased }: { userId: string; isAdmin: boolean; onErased?: () => void }) {
  const [view, setView] = useState<ConsentView | null>(null);
  const [form, setForm] = useState<{ textVersion: string; method: Method; consentedOn: string }>({ textVersion: '', method: 'PAPER', consentedOn: '' });
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  function load() {
    void api.GET('/users/{id}/consent', { params: { path: { id: userId } } }).then(({ data }) => setView(data ?? null));
  }
  useEffect(load, [userId]);

  async function record(event: FormEvent) {
    event.preventDefault();
    const body = { textVersion: form.textVersion, method: form.method, ...(form.consentedOn ? { consentedAt: `${form.consentedOn}T12:00:00Z` } : {}) };
    const { error } = await api.POST('/users/{id}/consent', { params: { path: { id: userId } }, body });
    if (error) return setError(asError(error));
    setError(null);
    setStatus('Consent recorded.');
    load();
  }

  async function withdraw() {
    setWithdrawing(false);
    const { data, error } = await api.POST('/users/{id}/consent/withdraw', { params: { path: { id: userId } }, body: reason ? { reason } : {} });
    if (error) return setError(asError(error));
    setError(null);
    setStatus(`Consent withdrawn: ${data?.erased.images ?? 0} face images and ${data?.erased.vectors ?? 0} template vectors erased.`);
    setReason('');
    load();
    onErased?.();
  }

  if (!view) return null;
  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title">Consent to face recognition</h2>
      <p>{view.required ? 'This organization requires recorded consent before a face is enrolled.' : 'Recorded consent is not required by this organization’s settings.'}</p>
      {view.current
        ? <p data-testid="consent-current"><strong>Consent on record.</strong> {consentLine(view.current)}</p>
        : <p data-testid="consent-current"><strong>No consent on record.</strong></p>}
      {isAdmin && !view.current && (
        <form onSubmit={record} aria-label="Record consent">
          <div className="grid">
            <label>Consent text version<input required maxLength={50} value={form.textVersion} onChange={(e) => setForm({ ...form, textVersion: e.target.value })} /></label>
            <label>How
              <select value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as Method })}>
                {METHODS.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
              </select>
            </label>
            <label>Consented on (empty: today)<input type="date" value={form.consentedOn} onChange={(e) => setForm({ ...form, consentedOn: e.target.value })} /></label>
          </div>
          <button type="submit">Record consent</button>
        </form>
      )}
      {isAdmin && view.current && (
        <>
          <label>Reason for the withdrawal (optional)<input maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} /></label>
          <button type="button" className="contrast" onClick={() => setWithdrawing(true)}>Withdraw consent</button>
        </>
      )}
      <ErrorMessage error={error} />
      {status && <p role="status">{status}</p>}
      {view.history.length > 1 && (
        <details>
          <summary>Earlier consents ({view.history.length - 1})</summary>
          <ul>{view.history.slice(1).map((c) => <li key={c.id}>{consentLine(c)}{c.withdrawnAt && <> · withdrawn {dateTime(c.withdrawnAt)}{c.withdrawalReason && <> ({c.withdrawalReason})</>}</>}</li>)}</ul>
        </details>
      )}
      {withdrawing && (
        <Confirm title="Withdraw consent?" confirmLabel="Withdraw and erase" onConfirm={() => void withdraw()} onCancel={() => setWithdrawing(false)}>
          <p><strong>Their face images, face template and index entries are erased now</strong>, from every copy of the index. They are no longer recognised, and cannot be enrolled again until a new consent is recorded.</p>
        </Confirm>
      )}
    </section>
  );
}

/** A person's own page of what RollCall holds about them, and their request to erase their face data. */
export function MyDataPage({ me }: { me: Me }) {
  const [data, setData] = useState<MyData | null>(null);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');

  function load() {
    void api.GET('/me/data').then(({ data }) => setData(data ?? null));
  }
  useEffect(load, [me.id]);

  async function ask() {
    setAsking(false);
    const { error } = await api.POST('/me/erasure-requests', { body: reason ? { reason } : {} });
    if (error) return setError(asError(error));
    setError(null);
    setReason('');
    setStatus('Your request was sent to the administrators.');
    load();
  }

  if (!data) return <p aria-busy="true">Loading…</p>;
  const pending = data.erasureRequests.some((r) => r.status === 'PENDING');
  return (
    <>
      <h1>My data</h1>
      <p>Everything RollCall holds about you in this organization.</p>
      <section aria-labelledby="who">
        <h2 id="who">You</h2>
        <dl>
          <dt>Username</dt><dd>{data.username}</dd>
          {data.fullName && <><dt>Name</dt><dd>{data.fullName}</dd></>}
          {data.email && <><dt>E-mail</dt><dd>{data.email}</dd></>}
          {data.employeeCode && <><dt>Employee code</dt><dd>{data.employeeCode}</dd></>}
          {data.department && <><dt>Department</dt><dd>{data.department}</dd></>}
        </dl>
      </section>
      <section aria-labelledby="face-data">
        <h2 id="face-data">Face data</h2>
        <p data-testid="template">{data.template.exists
          ? `A face template exists: ${data.template.vectors} vectors made from your ${data.images.length} face images.`
          : 'No face template is held about you.'}</p>
        <ul className="faces">
          {data.images.map((f) => <li key={f.id}><AuthImage path={`/me/faces/${f.id}`} alt={`My face image enrolled ${dateTime(f.createdAt)}`} /></li>)}
        </ul>
        <p>{data.consent.current ? `Your consent: ${consentLine(data.consent.current)}.` : 'No consent of yours is on record.'}</p>
        {data.retention.erasedAfter && (
          <p>If you are not seen by a camera again, your face data is erased automatically after {dateTime(data.retention.erasedAfter)} ({data.retention.inactiveTemplateDays} days without attendance).</p>
        )}
      </section>
      <section aria-labelledby="attendance-data">
        <h2 id="attendance-data">Attendance</h2>
        <p>{data.attendance.sightings} attendance events on {data.attendance.days} days
          {data.attendance.firstSeen && <>, from {dateTime(data.attendance.firstSeen)} to {dateTime(data.attendance.lastSeen)}</>}.
          Your days are on <a href="/me">My attendance</a>. Attendance is an employment record: erasing your face data does not erase it.</p>
      </section>
      <section aria-labelledby="erasure">
        <h2 id="erasure">Erase my face data</h2>
        <p>You may ask for your face images and template to be erased. An administrator carries it out or refuses it with a reason you will see here.</p>
        {!pending && (
          <>
            <label>Why (optional)<input maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} /></label>
            <button type="button" onClick={() => setAsking(true)}>Ask for erasure</button>
          </>
        )}
        <ErrorMessage error={error} />
        {status && <p role="status">{status}</p>}
        {data.erasureRequests.length > 0 && (
          <table>
            <thead><tr><th>Asked</th><th>Status</th><th>Decided</th><th>Note</th></tr></thead>
            <tbody>
              {data.erasureRequests.map((r) => (
                <tr key={r.id}><td>{dateTime(r.requestedAt)}</td><td>{r.status}</td><td>{dateTime(r.decidedAt)}</td>
                  <td>{r.status === 'REFUSED' ? r.refusalReason : r.status === 'EXECUTED' ? `${r.imagesErased} images erased` : r.reason}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {asking && (
        <Confirm title="Ask for erasure?" confirmLabel="Send the request" onConfirm={() => void ask()} onCancel={() => setAsking(false)}>
          <p>Once carried out, cameras no longer recognise you and your attendance has to be recorded by hand until you are enrolled again.</p>
        </Confirm>
      )}
    </>
  );
}

/** ADMIN: the erasure requests; execute or refuse each, and read or export its audit trail. */
export function ErasureRequestsPage() {
  const [status, setStatus] = useState<Status | ''>('PENDING');
  const [requests, setRequests] = useState<ErasureRequest[]>([]);
  const [open, setOpen] = useState<{ request: ErasureRequest; trail: TrailEntry[] } | null>(null);
  const [refusal, setRefusal] = useState('');
  const [executing, setExecuting] = useState<ErasureRequest | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  function load() {
    void api.GET('/erasure-requests', { params: { query: status ? { status } : {} } }).then(({ data }) => setRequests(data?.items ?? []));
  }
  useEffect(load, [status]);

  async function show(id: string) {
    const { data, error } = await api.GET('/erasure-requests/{id}', { params: { path: { id } } });
    if (error) return setError(asError(error));
    setRefusal('');
    setOpen(data ?? null);
  }

  async function execute(r: ErasureRequest) {
    setExecuting(null);
    const { error } = await api.POST('/erasure-requests/{id}/execute', { params: { path: { id: r.id } } });
    if (error) return setError(asError(error));
    setError(null);
    load();
    await show(r.id);
  }

  async function refuse(event: FormEvent, r: ErasureRequest) {
    event.preventDefault();
    const { error } = await api.POST('/erasure-requests/{id}/refuse', { params: { path: { id: r.id } }, body: { reason: refusal } });
    if (error) return setError(asError(error));
    setError(null);
    load();
    await show(r.id);
  }

  async function exportTrail(r: ErasureRequest) {
    const response = await session.fetch(new Request(`${location.origin}/erasure-requests/${r.id}/trail/csv`));
    if (!response.ok) return setError(await response.json());
    const url = URL.createObjectURL(await response.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `erasure-request-${r.id}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <>
      <h1>Erasure requests</h1>
      <label>Show
        <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
          <option value="PENDING">Waiting for a decision</option><option value="EXECUTED">Executed</option>
          <option value="REFUSED">Refused</option><option value="">All</option>
        </select>
      </label>
      <ErrorMessage error={error} />
      {requests.length === 0 ? <p>No requests.</p> : (
        <table>
          <thead><tr><th>Person</th><th>Asked</th><th>Reason</th><th>Status</th><th></th></tr></thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>{r.fullName || r.username}</td><td>{dateTime(r.requestedAt)}</td><td>{r.reason}</td><td>{r.status}</td>
                <td><button type="button" className="secondary" onClick={() => void show(r.id)}>Open</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <article aria-labelledby="request-title">
          <h2 id="request-title">Request of {open.request.fullName || open.request.username}</h2>
          <p>Asked {dateTime(open.request.requestedAt)} · {open.request.status}
            {open.request.decidedAt && <> · decided {dateTime(open.request.decidedAt)}</>}
            {open.request.status === 'EXECUTED' && <> · {open.request.imagesErased} images and {open.request.vectorsErased} template vectors erased</>}
            {open.request.refusalReason && <> · refused: {open.request.refusalReason}</>}</p>
          {open.request.status === 'PENDING' && (
            <>
              <button type="button" className="contrast" onClick={() => setExecuting(open.request)}>Erase their face data</button>
              <form onSubmit={(e) => void refuse(e, open.request)} aria-label="Refuse the request">
                <label>Reason for refusing (the person sees it)<input required maxLength={500} value={refusal} onChange={(e) => setRefusal(e.target.value)} /></label>
                <button type="submit" className="secondary">Refuse</button>
              </form>
            </>
          )}
          <h3>Trail</h3>
          <table aria-label="Trail">
            <thead><tr><th>When</th><th>What</th><th>By</th></tr></thead>
            <tbody>
              {open.trail.map((t) => <tr key={t.id}><td>{dateTime(t.createdAt)}</td><td>{t.action}</td><td>{t.actorUsername ?? (t.actorUserId ? t.actorUserId : 'system')}</td></tr>)}
            </tbody>
          </table>
          <p>The trail comes from the audit log, which receives entries within seconds.</p>
          <button type="button" className="secondary" onClick={() => void exportTrail(open.request)}>Export the trail (CSV)</button>
        </article>
      )}
      {executing && (
        <Confirm title="Erase their face data?" confirmLabel="Erase for good" onConfirm={() => void execute(executing)} onCancel={() => setExecuting(null)}>
          <p>Their face images, template and index entries are erased from every copy of the index, and their consent is withdrawn. Their attendance stays. This cannot be undone.</p>
        </Confirm>
      )}
    </>
  );
}
