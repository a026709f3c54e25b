import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, asError, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import { ErrorMessage } from '../components/FieldErrors';

type User = components['schemas']['User'];
type Role = components['schemas']['Role'];
const PAGE_SIZE = 20;

interface Row { id: string; name: string; username: string; role?: string; department?: string | null; active?: boolean }

/** Every person of the organization, searched and paged; ADMIN: roles and a new person; OPERATOR: the floor's view. */
export function PeoplePage({ isAdmin }: { isAdmin: boolean }) {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [items, setItems] = useState<Row[]>([]);
  const [total, setTotal] = useState(0);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    // typing waits 200 ms before asking; an answer that comes back after the next keystroke is dropped
    let current = true;
    const timer = setTimeout(async () => {
      const query = { search: search || undefined, page, size: PAGE_SIZE };
      if (isAdmin) {
        const { data } = await api.GET('/users', { params: { query } });
        if (data && current) {
          setItems((data.items ?? []).map((u: User) => ({ id: u.id!, name: u.profile?.fullName || u.username || '', username: u.username ?? '',
            role: u.role, department: u.profile?.department, active: u.active })));
          setTotal(data.total ?? 0);
        }
      } else {
        const { data } = await api.GET('/profiles', { params: { query } });
        if (data && current) {
          setItems((data.items ?? []).map((p) => ({ id: p.userId!, name: p.fullName || p.username || '', username: p.username ?? '',
            department: p.department, active: p.active })));
          setTotal(data.total ?? 0);
        }
      }
    }, 200);
    return () => { current = false; clearTimeout(timer); };
  }, [search, page, creating, isAdmin]);

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <h1>People</h1>
      <div className="toolbar">
        <label className="grow">
          Search
          <input type="search" value={search} placeholder="name, username, email or employee code"
                 onChange={(e) => { setSearch(e.target.value); setPage(0); }} />
        </label>
        {isAdmin && <button type="button" onClick={() => setCreating(true)}>New person</button>}
      </div>
      {creating && <NewPerson onDone={() => setCreating(false)} />}
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Username</th>{isAdmin && <th scope="col">Role</th>}<th scope="col">Department</th><th scope="col">Status</th></tr></thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.id}>
              <td><Link to={`/people/${u.id}`}>{u.name}</Link></td>
              <td>{u.username}</td>
              {isAdmin && <td>{u.role}</td>}
              <td>{u.department}</td>
              <td>{u.active ? 'active' : 'deactivated'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="pager">
        <button type="button" className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
        <span>Page {page + 1} of {pages} · {total} people</span>
        <button type="button" className="secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Next</button>
      </nav>
    </>
  );
}

function NewPerson({ onDone }: { onDone: () => void }) {
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', password: '', role: 'USER' as Role, fullName: '', employeeCode: '', department: '', email: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [field]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { ...form, email: form.email || undefined, employeeCode: form.employeeCode || undefined };
    const { data, error } = await api.POST('/users', { body });
    if (error) setError(asError(error)!);
    else if (data?.id) {
      onDone();
      navigate(`/people/${data.id}`);
    }
  }

  return (
    <article>
      <form onSubmit={submit} aria-label="New person">
        <h2>New person</h2>
        <div className="grid">
          <label>Full name<input value={form.fullName} onChange={set('fullName')} required maxLength={255} /></label>
          <label>Department<input value={form.department} onChange={set('department')} maxLength={100} /></label>
          <label>Employee code<input value={form.employeeCode} onChange={set('employeeCode')} maxLength={100} /></label>
        </div>
        <div className="grid">
          <label>Username<input value={form.username} onChange={set('username')} required autoComplete="off" /></label>
          <label>First password<input type="password" value={form.password} onChange={set('password')} required minLength={8} autoComplete="new-password" /></label>
          <label>Role
            <select value={form.role} onChange={set('role')}>
              <option value="USER">USER: sees their own attendance</option>
              <option value="OPERATOR">OPERATOR: runs the floor</option>
              <option value="ADMIN">ADMIN: administers everything</option>
            </select>
          </label>
          <label>Email<input type="email" value={form.email} onChange={set('email')} /></label>
        </div>
        <ErrorMessage error={error} />
        <button type="submit">Create</button> <button type="button" className="secondary" onClick={onDone}>Cancel</button>
      </form>
    </article>
  );
}
