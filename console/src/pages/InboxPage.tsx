import { useCallback, useEffect, useState } from 'react';
import { api, asError, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import { AuthImage } from '../authImage';
import { ErrorMessage } from '../components/FieldErrors';
import { dateTime } from '../time';

type StoredEvent = components['schemas']['StoredEvent'];
interface Person { id: string; name: string }

/**
 * Unknown and doubtful faces to review. "This is …" records the attendance the camera should have recorded (an
 * API attendance event at the frame's time and camera, idempotent by the event's id, so assigning twice counts
 * once) and closes the event. It does not enroll the crop: camera crops are small and often blurred, and a bad
 * image in a person's 5 would make later matches worse; enroll good photos on the person's page instead.
 */
export function InboxPage() {
  const [events, setEvents] = useState<StoredEvent[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  const [cameras, setCameras] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const [unknown, doubtful] = await Promise.all([
      api.GET('/events', { params: { query: { type: 'UNKNOWN_FACE', acknowledged: false, limit: 100 } } }),
      api.GET('/events', { params: { query: { type: 'LOW_CONFIDENCE', acknowledged: false, limit: 100 } } }),
    ]);
    setEvents([...(unknown.data?.events ?? []), ...(doubtful.data?.events ?? [])]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  }, []);

  useEffect(() => {
    void load();
    void api.GET('/profiles', { params: { query: { size: 100 } } }).then(({ data }) =>
      setPeople((data?.items ?? []).filter((p) => p.active !== false)
        .map((p) => ({ id: p.userId!, name: p.fullName || p.username || '' })).sort((a, b) => a.name.localeCompare(b.name))));
    void api.GET('/cameras').then(({ data }) =>
      setCameras(Object.fromEntries((data ?? []).map((c) => [c.id, c.name ?? '']))));
  }, [load]);

  async function dismiss(ids: string[]) {
    for (const id of ids) {
      const { error } = await api.POST('/events/{id}/acknowledge', { params: { path: { id } } });
      if (error) setError(asError(error)!);
    }
    setSelected(new Set());
    await load();
  }

  async function assign(event: StoredEvent, userId: string) {
    const cameraId = event.metadata?.cameraId;
    const { error } = await api.POST('/attendance/events', {
      body: { events: [{ eventId: event.id, userId, cameraId, time: event.occurredAt ?? event.createdAt }] },
    });
    if (error) return setError(asError(error)!);
    await dismiss([event.id]);
  }

  const nameOf = (id?: string) => people.find((p) => p.id === id)?.name ?? 'someone enrolled';
  return (
    <>
      <h1>Unknown faces</h1>
      <p>Faces the cameras did not recognise, or recognised with low confidence. Say who it is to record their
        attendance, or dismiss it. Assigning does not enroll the crop (camera crops are too small and blurred to
        teach recognition); enroll good photos on the person's page.</p>
      <ErrorMessage error={error} />
      <div className="toolbar">
        <button type="button" className="secondary" disabled={selected.size === 0} onClick={() => void dismiss([...selected])}>
          Dismiss selected ({selected.size})
        </button>
      </div>
      {events.length === 0 && <p>Nothing to review.</p>}
      <div className="inbox">
        {events.map((e) => (
          <article key={e.id} aria-label={`${e.type === 'UNKNOWN_FACE' ? 'Unknown face' : 'Low confidence'} at ${dateTime(e.occurredAt ?? e.createdAt)}`}>
            <label>
              <input type="checkbox" checked={selected.has(e.id)} onChange={(ev) => {
                const next = new Set(selected);
                if (ev.target.checked) next.add(e.id); else next.delete(e.id);
                setSelected(next);
              }} />
              Select
            </label>
            <div className="side-by-side">
              <AuthImage path={e.referenceId ? `/events/${e.id}/face` : null} alt="The face the camera saw" />
              {e.type === 'LOW_CONFIDENCE' && e.metadata?.candidateUserId && (
                <Candidate userId={e.metadata.candidateUserId} name={nameOf(e.metadata.candidateUserId)} />
              )}
            </div>
            <p>
              {e.type === 'UNKNOWN_FACE' ? 'Unknown face' : `Maybe ${nameOf(e.metadata?.candidateUserId)} (similarity ${Math.round((e.metadata?.similarity ?? 0) * 100)} %)`}
              <br />{cameras[e.metadata?.cameraId ?? ''] ?? 'camera'} · {dateTime(e.occurredAt ?? e.createdAt)}
            </p>
            <Assign people={people} suggested={e.metadata?.candidateUserId} onAssign={(userId) => void assign(e, userId)} />
            <button type="button" className="secondary" onClick={() => void dismiss([e.id])}>Dismiss</button>
          </article>
        ))}
      </div>
    </>
  );
}

function Candidate({ userId, name }: { userId: string; name: string }) {
  const [imageId, setImageId] = useState<string | null>(null);
  useEffect(() => {
    void api.GET('/users/{id}/faces', { params: { path: { id: userId } } }).then(({ data }) => setImageId(data?.faces[0]?.id ?? null));
  }, [userId]);
  return <AuthImage path={imageId ? `/users/${userId}/faces/${imageId}` : null} alt={`Enrolled image of ${name}`} />;
}

function Assign({ people, suggested, onAssign }: { people: Person[]; suggested?: string; onAssign: (userId: string) => void }) {
  const [userId, setUserId] = useState(suggested ?? '');
  return (
    <div className="toolbar">
      <label className="grow">This is
        <select value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">choose a person</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
      <button type="button" disabled={!userId} onClick={() => onAssign(userId)}>Assign</button>
    </div>
  );
}
