import { useCallback, useEffect, useState, type DragEvent, type FormEvent } from 'react';
import { api, asError, type ApiError } from '../api/client';
import { ErrorMessage } from '../components/FieldErrors';
import { dateTime } from '../time';
import { usePolling } from '../usePolling';
import {
  CSV_COLUMNS, isActive, rowView, stateText, summarize, upload, uploadError,
  type ImportJob, type ImportProgress, type ImportRow, type RowStatus,
} from './imports';

const PAGE = 50;
interface Sent { people: number; photos: number; peopleTotal: number; photosTotal: number }

/**
 * ADMIN: bulk enrollment (docs/faces.md, "Bulk enrollment"). The two files go straight to the media bucket through
 * the presigned links POST /imports answers (a zip of thousands of photos is far over an API request's limit),
 * then the import is started and followed: progress, one result per CSV line, earlier imports.
 */
export function ImportsPage() {
  const [people, setPeople] = useState<File | null>(null);
  const [photos, setPhotos] = useState<File | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);

  const loadJobs = useCallback(async () => {
    const { data } = await api.GET('/imports');
    setJobs(data?.imports ?? []);
  }, []);
  useEffect(() => { void loadJobs(); }, [loadJobs]);

  function dropped(event: DragEvent) {
    event.preventDefault();
    for (const file of event.dataTransfer.files) {
      if (/\.zip$/i.test(file.name) || file.type.includes('zip')) setPhotos(file);
      else if (/\.csv$/i.test(file.name) || file.type === 'text/csv') setPeople(file);
    }
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    if (!people || !photos) return;
    const form = event.currentTarget as HTMLFormElement;
    setBusy(true);
    setError(null);
    try {
      const { data, error } = await api.POST('/imports');
      if (error || !data) return setError(asError(error) ?? { error: 'error', message: 'The import could not be created.' });
      const progress: Sent = { people: 0, photos: 0, peopleTotal: people.size, photosTotal: photos.size };
      setSent({ ...progress });
      const csv = await upload(data.uploads.people, people, 'text/csv', (n, total) => {
        progress.people = n; progress.peopleTotal = total; setSent({ ...progress });
      });
      if (csv.status < 200 || csv.status >= 300) return setError(uploadError('people', csv.status, csv.body));
      const zip = await upload(data.uploads.photos, photos, 'application/zip', (n, total) => {
        progress.photos = n; progress.photosTotal = total; setSent({ ...progress });
      });
      if (zip.status < 200 || zip.status >= 300) return setError(uploadError('photos', zip.status, zip.body));
      const started = await api.POST('/imports/{id}/start', { params: { path: { id: data.import.id } } });
      if (started.error) return setError(asError(started.error));
      setOpenId(data.import.id);
      form.reset();   // the file inputs too: the next import starts empty
      setPeople(null);
      setPhotos(null);
      setSent(null);
    } finally {
      setBusy(false);
      await loadJobs();
    }
  }

  return (
    <>
      <h1>Import people</h1>
      <p>
        Enroll many people at once: a CSV of people and a zip of their photos. Each photo is checked as an enrollment
        photo is (one face, large and sharp, frontal, eyes open, nobody else&apos;s face); a bad row or photo is
        reported on its line and never stops the import. Imported people have no password until you reset it.
      </p>
      <details>
        <summary>What the files hold</summary>
        <p>
          <strong>people.csv</strong>: a header line, then one person a line, with the columns{' '}
          <code data-testid="csv-columns">{CSV_COLUMNS.join(',')}</code>. Only <code>username</code> is required;
          <code> role</code> is ADMIN, OPERATOR or USER (USER when empty). A username the organization already has is
          not created again.
        </p>
        <p>
          <strong>photos.zip</strong>: JPEG or PNG photos named for their person&apos;s username, up to 10 MiB
          each and 5 per person: <code>ann.jpg</code>, <code>ann_2.jpg</code>, <code>ann-3.png</code>, or any name in a
          folder <code>ann/</code>. A person without consent to face recognition, where the organization requires it,
          is created but not enrolled: record the consent, then import the same files again.
        </p>
      </details>
      <form onSubmit={start} aria-label="New import">
        <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={dropped}>
          <div className="grid">
            <label>People (CSV)
              <input type="file" accept=".csv,text/csv" disabled={busy} onChange={(e) => setPeople(e.target.files?.[0] ?? null)} />
            </label>
            <label>Photos (zip)
              <input type="file" accept=".zip,application/zip" disabled={busy} onChange={(e) => setPhotos(e.target.files?.[0] ?? null)} />
            </label>
          </div>
          <small>Or drop both files here. {people && <>CSV: {people.name}. </>}{photos && <>Zip: {photos.name}.</>}</small>
        </div>
        {sent && (
          <div aria-label="Upload progress">
            <label>Uploading people.csv
              <progress value={sent.people} max={Math.max(1, sent.peopleTotal)} />
            </label>
            <label>Uploading photos.zip
              <progress value={sent.photos} max={Math.max(1, sent.photosTotal)} />
            </label>
          </div>
        )}
        <button type="submit" disabled={busy || !people || !photos} aria-busy={busy}>Upload and start the import</button>
      </form>
      <ErrorMessage error={error} />
      {openId && <ImportView key={openId} id={openId} onChange={() => void loadJobs()} />}
      <section aria-labelledby="imports-title">
        <h2 id="imports-title">Earlier imports</h2>
        {jobs.length === 0 ? <p>No import yet.</p> : (
          <div className="overflow-auto">
            <table>
              <thead><tr><th scope="col">Created</th><th scope="col">State</th><th scope="col">People</th><th scope="col">Finished</th><th scope="col"><span className="visually-hidden">Open</span></th></tr></thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id}>
                    <td>{dateTime(job.createdAt)}</td>
                    <td>{stateText(job)}</td>
                    <td>{job.totalRows ?? ''}</td>
                    <td>{job.finishedAt ? dateTime(job.finishedAt) : ''}</td>
                    <td>
                      <button type="button" className="secondary outline small" disabled={job.id === openId}
                              onClick={() => setOpenId(job.id)} aria-label={`Open the import of ${dateTime(job.createdAt)}`}>Open</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** One import: its progress while the runner works through it, then every line's result, by outcome. */
function ImportView({ id, onChange }: { id: string; onChange: () => void }) {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [status, setStatus] = useState<RowStatus | ''>('');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState<{ items: ImportRow[]; total: number }>({ items: [], total: 0 });
  const [error, setError] = useState<ApiError | null>(null);

  const loadRows = useCallback(async () => {
    const { data, error } = await api.GET('/imports/{id}/rows', {
      params: { path: { id }, query: { page, size: PAGE, ...(status ? { status } : {}) } },
    });
    if (error) return setError(asError(error));
    setRows({ items: data?.items ?? [], total: data?.total ?? 0 });
  }, [id, page, status]);

  const state = progress?.job.state;
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/imports/{id}', { params: { path: { id } } });
    if (error || !data) return setError(asError(error));
    setError(null);
    if (data.job.state !== state) onChange();   // the list of imports shows the new state too
    setProgress(data);
    await loadRows();
  }, [id, state, loadRows, onChange]);
  // every 2 s while the runner has it; once it is over, only when the filter or page changes
  usePolling(load, progress && !isActive(progress.job.state) ? 3_600_000 : 2_000, [id, page, status]);

  if (!progress) return <ErrorMessage error={error} />;
  const s = summarize(progress);
  return (
    <article aria-labelledby="import-title">
      <h2 id="import-title">Import of {dateTime(progress.job.createdAt)}</h2>
      <p role="status" data-testid="import-state">{stateText(progress.job)}</p>
      <progress value={s.percent ?? undefined} max={100} aria-label="Rows done" />
      <div className="counts" aria-label="Import counts">
        <article><span className="number" data-testid="rows-done">{s.done} / {s.total ?? '?'}</span>rows done</article>
        <article><span className="number" data-testid="rows-enrolled">{s.enrolled}</span>enrolled</article>
        <article><span className="number" data-testid="rows-refused">{s.refused}</span>refused</article>
        <article><span className="number" data-testid="rows-invalid">{s.invalid}</span>invalid</article>
        <article><span className="number">{s.photosEnrolled} / {s.photosFound}</span>photos enrolled</article>
      </div>
      <ErrorMessage error={error} />
      <div className="toolbar">
        <label>Outcome
          <select value={status} onChange={(e) => { setStatus(e.target.value as RowStatus | ''); setPage(0); }}>
            <option value="">All</option>
            <option value="ENROLLED">Enrolled</option>
            <option value="REFUSED">Refused</option>
            <option value="INVALID">Invalid</option>
            <option value="PENDING">Waiting</option>
          </select>
        </label>
      </div>
      {rows.items.length === 0 ? <p>No line {status ? 'with this outcome' : 'read yet'}.</p> : (
        <div className="overflow-auto">
          <table aria-label="Import results" className="import-results">
            <thead><tr><th scope="col">Line</th><th scope="col">Username</th><th scope="col">Person</th><th scope="col">Outcome</th><th scope="col">Photos</th></tr></thead>
            <tbody>
              {rows.items.map(rowView).map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.username}</td>
                  <td>{r.person}</td>
                  <td className={r.outcome.startsWith('Enrolled') ? 'ok' : r.outcome === 'Waiting' ? '' : 'error'}>{r.outcome}</td>
                  <td>
                    {r.photos.length > 0 && (
                      <ul>{r.photos.map((p, i) => <li key={i} className={p.enrolled ? 'ok' : 'error'}>{p.photo ?? ''}: {p.text}</li>)}</ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.total > PAGE && (
        <div className="pager">
          <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
          <span>Page {page + 1} of {Math.ceil(rows.total / PAGE)}</span>
          <button type="button" className="secondary" disabled={(page + 1) * PAGE >= rows.total} onClick={() => setPage(page + 1)}>Next</button>
        </div>
      )}
    </article>
  );
}
