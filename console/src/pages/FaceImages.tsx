import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { AuthImage } from '../authImage';
import { dateTime } from '../time';
import { enroll, MAX_FACES } from './faces';

type Listing = paths['/users/{id}/faces']['get']['responses']['200']['content']['application/json'];
type Face = Listing['faces'][number];
interface Result { name: string; ok: boolean; text: string }

/** A person's face images: the list, enrollment by files (several, or dropped) or by the webcam, each verdict shown. */
export function FaceImages({ userId }: { userId: string }) {
  const [faces, setFaces] = useState<Face[]>([]);
  const [warnings, setWarnings] = useState<Listing['coverage']['warnings']>([]);
  const [results, setResults] = useState<Result[]>([]);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);

  const load = useCallback(async () => {
    const { data } = await api.GET('/users/{id}/faces', { params: { path: { id: userId } } });
    setFaces(data?.faces ?? []);
    setWarnings(data?.coverage?.warnings ?? []);
  }, [userId]);
  useEffect(() => { void load(); }, [load]);

  async function send(images: { name: string; blob: Blob }[]) {
    setBusy(true);
    const room = MAX_FACES - faces.length;
    const next: Result[] = [];
    images.forEach((image, i) => {
      if (i >= room) next.push({ name: image.name, ok: false, text: `Not sent: a person has at most ${MAX_FACES} images (delete one first).` });
    });
    for (const image of images.slice(0, Math.max(0, room))) {
      next.unshift({ name: image.name, ...(await enroll(userId, image.blob)) });
      setResults([...next]);
    }
    setResults(next);
    await load();
    setBusy(false);
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void send([...event.dataTransfer.files].map((f) => ({ name: f.name, blob: f })));
  }

  async function remove(id: string) {
    await api.DELETE('/users/{id}/faces/{imageId}', { params: { path: { id: userId, imageId: id } } });
    await load();
  }

  return (
    <section aria-labelledby="faces-title">
      <h2 id="faces-title">Face images ({faces.length} of {MAX_FACES})</h2>
      <p>
        Recognition compares each camera frame with these images. Enroll 3 to 5 photos taken on different days
        and in different light, each with only this person, face large and sharp. A person has at most {MAX_FACES}:
        delete one to add a better one.
      </p>
      {warnings.length > 0 && (
        <ul aria-label="Enrollment warnings">
          {warnings.map((w) => <li key={w.code} className="warning">{w.message}</li>)}
        </ul>
      )}
      {faces.length > 0 && (
        <ul className="faces">
          {faces.map((f) => (
            <li key={f.id}>
              <AuthImage path={`/users/${userId}/faces/${f.id}`} alt={`Face image enrolled ${dateTime(f.createdAt)}`} />
              {' '}
              <button type="button" className="secondary outline small" onClick={() => void remove(f.id)}>Delete image</button>
            </li>
          ))}
        </ul>
      )}
      <div className={`dropzone${dragging ? ' dragging' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
           onDragLeave={() => setDragging(false)} onDrop={drop}>
        <label>
          Photos to enroll (or drop them here)
          <input type="file" accept="image/jpeg,image/png" multiple disabled={busy || faces.length >= MAX_FACES}
                 onChange={(e) => { void send([...(e.target.files ?? [])].map((f) => ({ name: f.name, blob: f }))); e.target.value = ''; }} />
        </label>
      </div>
      <Webcam disabled={busy || faces.length >= MAX_FACES} onCapture={(blob) => void send([{ name: 'webcam capture', blob }])} />
      {results.length > 0 && (
        <ul aria-label="Enrollment results" aria-live="polite">
          {results.map((r, i) => <li key={i} className={r.ok ? 'ok' : 'error'}><strong>{r.name}</strong>: {r.text}</li>)}
        </ul>
      )}
    </section>
  );
}

function Webcam({ disabled, onCapture }: { disabled: boolean; onCapture: (blob: Blob) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);

  async function start() {
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
      setStream(media);
      if (video.current) video.current.srcObject = media;
    } catch {
      setError('The camera cannot be used (no camera, or permission refused).');
    }
  }

  function capture() {
    const v = video.current;
    if (!v) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onCapture(blob), 'image/jpeg', 0.92);
  }

  return (
    <div className="webcam">
      <video ref={video} autoPlay playsInline muted hidden={!stream} aria-label="Webcam preview" />
      {!stream
        ? <button type="button" className="secondary" onClick={() => void start()}>Use the webcam</button>
        : <button type="button" disabled={disabled} onClick={capture}>Capture and enroll</button>}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
