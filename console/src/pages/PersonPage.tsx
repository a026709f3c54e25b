import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, asError, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import { Confirm } from '../components/Confirm';
import { ErrorMessage } from '../components/FieldErrors';
import { FaceImages } from './FaceImages';
import { PersonDays } from './AttendancePages';
import { ConsentSection } from './PrivacyPages';

type User = components['schemas']['User'];
type Role = components['schemas']['Role'];

/** One person: profile and role, deactivate or delete, face images, their days. */
export function PersonPage({ isAdmin }: { isAdmin: boolean }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [user, setUser] = useState<User | null>(null);
  const [profile, setProfile] = useState({ fullName: '', employeeCode: '', department: '' });
  const [role, setRole] = useState<Role>('USER');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState<'delete' | 'deactivate' | null>(null);
  const [facesVersion, setFacesVersion] = useState(0); // a withdrawal erased the images: show the list again

  useEffect(() => {
    void (async () => {
      if (isAdmin) {
        const { data } = await api.GET('/users/{id}', { params: { path: { id } } });
        if (data) {
          setUser(data);
          setRole(data.role ?? 'USER');
          setProfile({ fullName: data.profile?.fullName ?? '', employeeCode: data.profile?.employeeCode ?? '', department: data.profile?.department ?? '' });
        }
      } else {
        const { data } = await api.GET('/users/{id}/profile', { params: { path: { id } } });
        if (data) {
          setUser({ id, username: data.username, active: data.active, profile: data });
          setProfile({ fullName: data.fullName ?? '', employeeCode: data.employeeCode ?? '', department: data.department ?? '' });
        }
      }
    })();
  }, [id, isAdmin]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const put = await api.PUT('/users/{id}/profile', { params: { path: { id } }, body: profile });
    if (put.error) return setError(asError(put.error));
    if (isAdmin && user && role !== user.role) {
      const patch = await api.PATCH('/users/{id}', { params: { path: { id } }, body: { role } });
      if (patch.error) return setError(asError(patch.error));
      setUser(patch.data ?? user);
    }
    setError(null);
    setSaved(true);
  }

  async function deactivate() {
    setConfirming(null);
    const { error, data } = await api.PATCH('/users/{id}', { params: { path: { id } }, body: { active: !user?.active } });
    if (error) setError(asError(error)!);
    else if (data) setUser(data);
  }

  async function remove() {
    setConfirming(null);
    const { error } = await api.DELETE('/users/{id}', { params: { path: { id } } });
    if (error) setError(asError(error)!);
    else navigate('/people');
  }

  if (!user) return <p aria-busy="true">Loading…</p>;
  const name = profile.fullName || user.username || '';
  return (
    <>
      <nav aria-label="Breadcrumb"><ul><li><Link to="/people">People</Link></li><li>{name}</li></ul></nav>
      <h1>{name}</h1>
      <p>{user.username} · {user.active ? 'active' : 'deactivated'}{user.role && <> · {user.role}</>}</p>
      <form onSubmit={save} aria-label="Profile">
        <div className="grid">
          <label>Full name<input value={profile.fullName} maxLength={255} onChange={(e) => setProfile({ ...profile, fullName: e.target.value })} /></label>
          <label>Department<input value={profile.department} maxLength={100} onChange={(e) => setProfile({ ...profile, department: e.target.value })} /></label>
          <label>Employee code<input value={profile.employeeCode} maxLength={100} onChange={(e) => setProfile({ ...profile, employeeCode: e.target.value })} /></label>
          {isAdmin && (
            <label>Role
              <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
                <option value="USER">USER</option><option value="OPERATOR">OPERATOR</option><option value="ADMIN">ADMIN</option>
              </select>
            </label>
          )}
        </div>
        <ErrorMessage error={error} />
        {saved && <p role="status">Saved.</p>}
        <button type="submit">Save</button>
        {isAdmin && <>
          {' '}<button type="button" className="secondary" onClick={() => user.active ? setConfirming('deactivate') : void deactivate()}>
            {user.active ? 'Deactivate' : 'Reactivate'}</button>
          {' '}<button type="button" className="contrast" onClick={() => setConfirming('delete')}>Delete</button>
        </>}
      </form>
      {confirming === 'deactivate' && (
        <Confirm title={`Deactivate ${name}?`} confirmLabel="Deactivate" onConfirm={() => void deactivate()} onCancel={() => setConfirming(null)}>
          <p>{name} can no longer sign in, is signed out everywhere within a minute, and is no longer recognised by cameras. You can reactivate them later.</p>
        </Confirm>
      )}
      {confirming === 'delete' && (
        <Confirm title={`Delete ${name}?`} confirmLabel="Delete for good" onConfirm={() => void remove()} onCancel={() => setConfirming(null)}>
          <p>{name} is removed from every list and can never sign in again. <strong>Their face images, face embeddings and face index entries are erased.</strong> Their past attendance stays. This cannot be undone.</p>
        </Confirm>
      )}
      <ConsentSection userId={id} isAdmin={isAdmin} onErased={() => setFacesVersion((v) => v + 1)} />
      <FaceImages key={facesVersion} userId={id} />
      <PersonDays userId={id} />
    </>
  );
}
