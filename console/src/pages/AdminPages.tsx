import { useEffect, useState, type FormEvent } from 'react';
import { api, asError, type ApiError } from '../api/client';
import type { components, paths } from '../api/schema';
import { ErrorMessage } from '../components/FieldErrors';
import { dateTime } from '../time';
import { usePolling } from '../usePolling';

type ConfigKey = components['schemas']['ConfigKeys']['keys'][number];
type AuditLog = paths['/audit-logs']['get']['responses']['200']['content']['application/json']['auditLogs'][number];
type SystemLog = paths['/system-logs']['get']['responses']['200']['content']['application/json']['systemLogs'][number];
type Health = components['schemas']['Health'];

function text(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  return type === 'number' || type === 'integer' || type === 'string' || type === 'boolean' ? String(value) : JSON.stringify(value, null, 2);
}

function parse(value: string, type: string): unknown {
  if (type === 'number' || type === 'integer') return Number(value);
  if (type === 'boolean') return value === 'true';
  if (type === 'string') return value;
  return JSON.parse(value);
}

/** ADMIN: the organization's settings, each with the sentence that says what it does; all or nothing is saved. */
export function SettingsPage() {
  const [keys, setKeys] = useState<ConfigKey[]>([]);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  function show(list: ConfigKey[]) {
    setKeys(list);
    setDraft(Object.fromEntries(list.map((k) => [k.key, text(k.value, k.type)])));
  }
  useEffect(() => { void api.GET('/config').then(({ data }) => data && show(data.keys)); }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const changes: Record<string, unknown> = {};
    try {
      for (const k of keys) {
        if (draft[k.key] !== text(k.value, k.type)) changes[k.key] = parse(draft[k.key] ?? '', k.type);
      }
    } catch {
      return setError({ error: 'invalid', message: 'A JSON setting is not valid JSON.' });
    }
    const { data, error } = await api.PATCH('/config', { body: changes });
    if (error) return setError(asError(error)!);
    setError(null);
    setSaved(true);
    if (data) show(data.keys);
  }

  return (
    <>
      <h1>Settings</h1>
      <form onSubmit={save} aria-label="Settings">
        {keys.map((k) => (
          <label key={k.key}>
            {k.key} <small>({k.set ? 'set' : `default ${text(k.default, k.type)}`})</small>
            {k.type === 'number' || k.type === 'integer' || k.type === 'string'
              ? <input type={k.type === 'string' ? 'text' : 'number'} step={k.type === 'number' ? '0.01' : '1'}
                       value={draft[k.key] ?? ''} aria-describedby={`${k.key}-help`}
                       onChange={(e) => setDraft({ ...draft, [k.key]: e.target.value })} />
              : k.type === 'boolean'
              ? <select value={draft[k.key] ?? 'false'} aria-describedby={`${k.key}-help`}
                        onChange={(e) => setDraft({ ...draft, [k.key]: e.target.value })}>
                  <option value="true">true</option><option value="false">false</option>
                </select>
              : <textarea rows={4} value={draft[k.key] ?? ''} aria-describedby={`${k.key}-help`}
                          onChange={(e) => setDraft({ ...draft, [k.key]: e.target.value })} />}
            <small id={`${k.key}-help`}>{k.description}</small>
          </label>
        ))}
        <ErrorMessage error={error} />
        {saved && <p role="status">Saved.</p>}
        <button type="submit">Save settings</button>
      </form>
    </>
  );
}

/** ADMIN: who did what, filtered by action, entity and time. */
export function AuditPage() {
  const [filters, setFilters] = useState({ action: '', entityType: '', from: '', to: '' });
  const [rows, setRows] = useState<AuditLog[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const query = {
      action: filters.action || undefined, entityType: filters.entityType || undefined,
      from: filters.from ? new Date(filters.from).toISOString() : undefined,
      to: filters.to ? new Date(filters.to).toISOString() : undefined, limit: 100,
    };
    // each keystroke in a filter asks again: an earlier, slower answer must not overwrite a later one
    let current = true;
    void api.GET('/audit-logs', { params: { query } }).then(({ data, error }) => {
      if (!current) return;
      setRows(data?.auditLogs ?? []);
      setError(asError(error));
    });
    return () => { current = false; };
  }, [filters]);
  const set = (k: keyof typeof filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });
  return (
    <>
      <h1>Audit log</h1>
      <form className="grid" aria-label="Audit filters" onSubmit={(e) => e.preventDefault()}>
        <label>Action<input value={filters.action} onChange={set('action')} placeholder="e.g. USER_CREATED" /></label>
        <label>Entity type<input value={filters.entityType} onChange={set('entityType')} placeholder="e.g. USER" /></label>
        <label>From<input type="datetime-local" value={filters.from} onChange={set('from')} /></label>
        <label>To<input type="datetime-local" value={filters.to} onChange={set('to')} /></label>
      </form>
      <ErrorMessage error={error} />
      <table>
        <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Entity</th><th scope="col">By</th><th scope="col">From</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr key={r.id}><td>{dateTime(r.createdAt)}</td><td>{r.action}</td><td>{r.entityType} {r.entityId}</td><td>{r.userId}</td><td>{r.ipAddress}</td></tr>
        ))}</tbody>
      </table>
    </>
  );
}

/** The live state of every dependency and the warnings and errors the functions logged (ADMIN). */
export function HealthPage() {
  const [health, setHealth] = useState<Health | null>(null);
  const [logs, setLogs] = useState<SystemLog[]>([]);
  const [level, setLevel] = useState('');
  usePolling(async () => {
    const { data, error, response } = await api.GET('/health/details');
    setHealth(data ?? (response.status === 503 ? (error as unknown as Health) : null));
  }, 10_000, []);
  useEffect(() => {
    // a change of level asks again: an earlier, slower answer must not overwrite a later one
    let current = true;
    void api.GET('/system-logs', { params: { query: { level: level || undefined, limit: 100 } } })
      .then(({ data }) => { if (current) setLogs(data?.systemLogs ?? []); });
    return () => { current = false; };
  }, [level]);
  return (
    <>
      <h1>System health</h1>
      {health && <p>Overall: <strong>{health.status}</strong>{health.checkedAt && <> · checked {dateTime(health.checkedAt)}</>}</p>}
      <table>
        <thead><tr><th scope="col">Dependency</th><th scope="col">Status</th><th scope="col">Latency</th><th scope="col">Detail</th></tr></thead>
        <tbody>{(health?.dependencies ?? []).map((d) => (
          <tr key={d.name}><td>{d.name}</td><td>{d.status}</td><td>{d.latencyMillis} ms</td><td>{d.detail}</td></tr>
        ))}</tbody>
      </table>
      <h2>Warnings and errors</h2>
      <label>Level
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="">WARN and ERROR</option><option value="WARN">WARN</option><option value="ERROR">ERROR</option>
        </select>
      </label>
      <table>
        <thead><tr><th scope="col">When</th><th scope="col">Level</th><th scope="col">Function</th><th scope="col">Message</th></tr></thead>
        <tbody>{logs.map((l) => (
          <tr key={l.id}><td>{dateTime(l.createdAt)}</td><td>{l.level}</td><td>{l.serviceName}</td><td>{l.message}</td></tr>
        ))}</tbody>
      </table>
    </>
  );
}
