import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, asError, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import { ErrorMessage } from '../components/FieldErrors';
import { dateTime } from '../time';

type Camera = components['schemas']['Camera'];
type Direction = components['schemas']['Direction'];

/** ADMIN: the cameras, a new one (its key shown once, with a copy button), rotate and revoke keys. */
export function CamerasPage() {
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [name, setName] = useState('');
  const [direction, setDirection] = useState<Direction>('BOTH');
  const [shownKey, setShownKey] = useState<{ camera: string; key: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [copied, setCopied] = useState(false);

  const load = useCallback(async () => {
    const { data } = await api.GET('/cameras');
    setCameras(data ?? []);
  }, []);
  useEffect(() => { void load(); }, [load]);

  function show(camera: string, key: string | undefined) {
    if (key) setShownKey({ camera, key });
    setCopied(false);
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    const { data, error } = await api.POST('/cameras', { body: { name, direction } });
    if (error) return setError(asError(error)!);
    setError(null);
    setName('');
    show(data?.camera?.name ?? name, data?.apiKey);
    await load();
  }

  async function rotate(camera: Camera) {
    const { data, error } = await api.POST('/cameras/{id}/key', { params: { path: { id: camera.id! } } });
    if (error) return setError(asError(error)!);
    show(camera.name ?? '', data?.apiKey);
    await load();
  }

  async function revoke(camera: Camera) {
    const { error } = await api.DELETE('/cameras/{id}/key', { params: { path: { id: camera.id! } } });
    if (error) setError(asError(error)!);
    await load();
  }

  async function copy() {
    if (!shownKey) return;
    await navigator.clipboard.writeText(shownKey.key).then(() => setCopied(true), () => setCopied(false));
  }

  return (
    <>
      <h1>Cameras</h1>
      {shownKey && (
        <article aria-labelledby="key-title">
          <h2 id="key-title">Key of {shownKey.camera}</h2>
          <p>Copy it now: it is shown this once (only its hash is kept). Enter it on the door kiosk (<code>/console/kiosk</code>) or the camera.</p>
          <div className="toolbar">
            <label className="grow">Camera key<input readOnly value={shownKey.key} data-testid="camera-key" onFocus={(e) => e.target.select()} /></label>
            <button type="button" onClick={() => void copy()}>Copy</button>
            <button type="button" className="secondary" onClick={() => setShownKey(null)}>Done</button>
          </div>
          {copied && <p role="status">Copied.</p>}
        </article>
      )}
      <form onSubmit={create} aria-label="New camera" className="toolbar">
        <label className="grow">Name<input required maxLength={255} value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label>Direction
          <select value={direction} onChange={(e) => setDirection(e.target.value as Direction)}>
            <option value="ENTRY">ENTRY: people coming in</option>
            <option value="EXIT">EXIT: people leaving</option>
            <option value="BOTH">BOTH: in, then out</option>
          </select>
        </label>
        <button type="submit">Add camera</button>
      </form>
      <ErrorMessage error={error} />
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Direction</th><th scope="col">Key</th><th scope="col">Last frame</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {cameras.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td><td>{c.direction}</td><td>{c.keyActive ? 'active' : 'revoked'}</td>
              <td>{c.lastFrameAt ? dateTime(c.lastFrameAt) : 'never'}</td>
              <td>
                <button type="button" className="secondary small" onClick={() => void rotate(c)}>New key</button>{' '}
                {c.keyActive && <button type="button" className="contrast small" onClick={() => void revoke(c)}>Revoke key</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
