import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, asError, type ApiError } from '../api/client';
import type { components } from '../api/schema';
import { ErrorMessage } from '../components/FieldErrors';
import { dateTime } from '../time';

type ShiftType = components['schemas']['ShiftType'];
type Schedule = components['schemas']['Schedule'];
type Assignment = components['schemas']['Assignment'];
type Holiday = components['schemas']['Holiday'];
type LeaveType = components['schemas']['LeaveType'];
type LeaveRequest = components['schemas']['LeaveRequest'];
type MonthSummary = components['schemas']['MonthSummary'];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function shiftText(t: ShiftType): string {
  const s = t.shift;
  const hm = (v: string | null | undefined) => (v ?? '').slice(0, 5);
  if (s.kind === 'FIXED') return `${hm(s.start)}–${hm(s.end)}, ${s.breakMinutes} min break`;
  return `${s.requiredMinutes} min flexible${s.start ? `, core ${hm(s.start)}–${hm(s.end)}` : ''}`;
}

function hours(minutes: number | undefined): string {
  return ((minutes ?? 0) / 60).toFixed(1);
}

/** Finds a person by part of their name, username or employee code, and picks one of the matches. */
function PersonPicker({ userId, onChange }: { userId: string; onChange: (userId: string) => void }) {
  const [search, setSearch] = useState('');
  const [matches, setMatches] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    if (search.trim().length < 2) { setMatches([]); return; }
    let current = true;
    void api.GET('/users', { params: { query: { search: search.trim(), page: 0, size: 20 } } }).then(({ data }) => {
      if (!current) return;
      const found = (data?.items ?? []).flatMap((u) => (u.id ? [{ id: u.id, name: u.profile?.fullName || u.username || u.id }] : []));
      setMatches(found);
      if (found.length === 1) onChange(found[0]!.id);
    });
    return () => { current = false; };
  }, [search, onChange]);
  return (
    <>
      <label>Find a person<input type="search" value={search} placeholder="name, username or employee code"
        onChange={(e) => setSearch(e.target.value)} /></label>
      <label>Person
        <select required aria-label="Person" value={userId} onChange={(e) => onChange(e.target.value)}>
          <option value="">{matches.length ? 'Choose…' : 'Type two letters above'}</option>
          {matches.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </label>
    </>
  );
}

/** Staff: shift types, schedules (weekly patterns) and their assignments; ADMINs change them. */
export function SchedulesPage({ isAdmin }: { isAdmin: boolean }) {
  const [types, setTypes] = useState<ShiftType[]>([]);
  const [schedules, setSchedules] = useState<Schedule[]>([]);
  const [assignments, setAssignments] = useState<Assignment[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [shift, setShift] = useState({ name: '', kind: 'FIXED' as 'FIXED' | 'FLEXIBLE', start: '09:00', end: '17:00', breakMinutes: 30, requiredMinutes: 480 });
  const [schedule, setSchedule] = useState({ name: '', days: ['', '', '', '', '', '', ''] });
  const [assign, setAssign] = useState({ scheduleId: '', scope: 'ORGANIZATION' as 'ORGANIZATION' | 'DEPARTMENT' | 'USER', department: '', userId: '', validFrom: '', validTo: '' });

  const pickPerson = useCallback((userId: string) => setAssign((a) => ({ ...a, userId })), []);

  const load = useCallback(async () => {
    const [t, s, a] = await Promise.all([api.GET('/hr/shift-types'), api.GET('/hr/schedules'), api.GET('/hr/assignments')]);
    setTypes(t.data?.items ?? []);
    setSchedules(s.data?.items ?? []);
    setAssignments(a.data?.items ?? []);
  }, []);
  useEffect(() => { void load(); }, [load]);

  async function done(result: { error?: unknown }) {
    if (result.error) return setError(asError(result.error));
    setError(null);
    await load();
  }

  async function createShift(event: FormEvent) {
    event.preventDefault();
    const body = shift.kind === 'FIXED'
      ? { name: shift.name, kind: shift.kind, start: shift.start, end: shift.end, breakMinutes: shift.breakMinutes }
      : { name: shift.name, kind: shift.kind, requiredMinutes: shift.requiredMinutes };
    await done(await api.POST('/hr/shift-types', { body }));
  }

  async function createSchedule(event: FormEvent) {
    event.preventDefault();
    await done(await api.POST('/hr/schedules', { body: { name: schedule.name, days: schedule.days.map((d) => d || null) } }));
  }

  async function createAssignment(event: FormEvent) {
    event.preventDefault();
    await done(await api.POST('/hr/assignments', {
      body: {
        scheduleId: assign.scheduleId, scope: assign.scope, validFrom: assign.validFrom, validTo: assign.validTo || null,
        ...(assign.scope === 'DEPARTMENT' ? { department: assign.department } : {}),
        ...(assign.scope === 'USER' ? { userId: assign.userId } : {}),
      },
    }));
  }

  const typeName = (id: string | null | undefined) => types.find((t) => t.id === id)?.name ?? 'off';
  const scheduleName = (id: string) => schedules.find((s) => s.id === id)?.name ?? id;

  return (
    <>
      <h1>Schedules</h1>
      <ErrorMessage error={error} />
      <section aria-labelledby="shift-types">
        <h2 id="shift-types">Shift types</h2>
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Hours</th></tr></thead>
          <tbody>{types.map((t) => <tr key={t.id}><td>{t.name}</td><td>{t.shift.kind}</td><td>{shiftText(t)}</td></tr>)}</tbody>
        </table>
        {isAdmin && (
          <form onSubmit={createShift} aria-label="New shift type" className="toolbar">
            <label className="grow">Shift name<input required maxLength={100} value={shift.name} onChange={(e) => setShift({ ...shift, name: e.target.value })} /></label>
            <label>Kind
              <select value={shift.kind} onChange={(e) => setShift({ ...shift, kind: e.target.value as 'FIXED' | 'FLEXIBLE' })}>
                <option value="FIXED">Fixed</option><option value="FLEXIBLE">Flexible</option>
              </select>
            </label>
            {shift.kind === 'FIXED' ? (
              <>
                <label>Start<input type="time" value={shift.start} onChange={(e) => setShift({ ...shift, start: e.target.value })} /></label>
                <label>End<input type="time" value={shift.end} onChange={(e) => setShift({ ...shift, end: e.target.value })} /></label>
                <label>Break (min)<input type="number" min={0} value={shift.breakMinutes} onChange={(e) => setShift({ ...shift, breakMinutes: Number(e.target.value) })} /></label>
              </>
            ) : (
              <label>Required (min)<input type="number" min={1} max={1440} value={shift.requiredMinutes} onChange={(e) => setShift({ ...shift, requiredMinutes: Number(e.target.value) })} /></label>
            )}
            <button type="submit">Add shift type</button>
          </form>
        )}
      </section>
      <section aria-labelledby="schedules">
        <h2 id="schedules">Weekly schedules</h2>
        <table>
          <thead><tr><th scope="col">Name</th>{WEEKDAYS.map((d) => <th scope="col" key={d}>{d.slice(0, 3)}</th>)}</tr></thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id}><td>{s.name}{s.rotationWeeks > 1 ? ` (${s.rotationWeeks}-week rotation)` : ''}</td>
                {s.days.slice(0, 7).map((d, i) => <td key={i}>{typeName(d)}</td>)}</tr>
            ))}
          </tbody>
        </table>
        {isAdmin && (
          <form onSubmit={createSchedule} aria-label="New schedule">
            <label>Schedule name<input required maxLength={100} value={schedule.name} onChange={(e) => setSchedule({ ...schedule, name: e.target.value })} /></label>
            <div className="grid">
              {WEEKDAYS.map((day, i) => (
                <label key={day}>{day}
                  <select value={schedule.days[i]} onChange={(e) => setSchedule({ ...schedule, days: schedule.days.map((d, j) => (j === i ? e.target.value : d)) })}>
                    <option value="">Off</option>
                    {types.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                  </select>
                </label>
              ))}
            </div>
            <button type="submit">Add schedule</button>
          </form>
        )}
      </section>
      <section aria-labelledby="assignments">
        <h2 id="assignments">Assignments</h2>
        <p>The most specific wins: a person's own, else their department's, else the organization's.</p>
        <table>
          <thead><tr><th scope="col">Schedule</th><th scope="col">For</th><th scope="col">From</th><th scope="col">To</th>{isAdmin && <th scope="col">Actions</th>}</tr></thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <td>{scheduleName(a.scheduleId)}</td>
                <td>{a.scope === 'ORGANIZATION' ? 'Organization' : a.scope === 'DEPARTMENT' ? `Department ${a.department}` : `Person ${a.personName ?? a.userId}`}</td>
                <td>{a.from}</td><td>{a.to ?? 'open-ended'}</td>
                {isAdmin && <td><button type="button" className="secondary small" onClick={async () => done(await api.DELETE('/hr/assignments/{id}', { params: { path: { id: a.id } } }))}>Remove</button></td>}
              </tr>
            ))}
          </tbody>
        </table>
        {isAdmin && (
          <form onSubmit={createAssignment} aria-label="New assignment" className="toolbar">
            <label>Schedule
              <select required value={assign.scheduleId} onChange={(e) => setAssign({ ...assign, scheduleId: e.target.value })}>
                <option value="">Choose…</option>
                {schedules.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </label>
            <label>Level
              <select value={assign.scope} onChange={(e) => setAssign({ ...assign, scope: e.target.value as typeof assign.scope })}>
                <option value="ORGANIZATION">Organization</option><option value="DEPARTMENT">Department</option><option value="USER">Person</option>
              </select>
            </label>
            {assign.scope === 'DEPARTMENT' && <label>Department<input required maxLength={100} value={assign.department} onChange={(e) => setAssign({ ...assign, department: e.target.value })} /></label>}
            {assign.scope === 'USER' && <PersonPicker userId={assign.userId} onChange={pickPerson} />}
            <label>Valid from<input type="date" required value={assign.validFrom} onChange={(e) => setAssign({ ...assign, validFrom: e.target.value })} /></label>
            <label>Valid to<input type="date" value={assign.validTo} onChange={(e) => setAssign({ ...assign, validTo: e.target.value })} /></label>
            <button type="submit">Assign</button>
          </form>
        )}
      </section>
    </>
  );
}

/** Everyone: the holiday calendar of a year; ADMINs add days and import an ICS file. */
export function HolidaysPage({ isAdmin }: { isAdmin: boolean }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [form, setForm] = useState({ date: '', name: '', department: '' });
  const [department, setDepartment] = useState('');

  const load = useCallback(async () => {
    const { data } = await api.GET('/hr/holidays', { params: { query: { from: `${year}-01-01`, to: `${year}-12-31` } } });
    setHolidays(data?.items ?? []);
  }, [year]);
  useEffect(() => { void load(); }, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    const { error } = await api.POST('/hr/holidays', { body: { date: form.date, name: form.name, department: form.department || null } });
    setError(asError(error));
    if (!error) await load();
  }

  async function importFile(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    const { data, error } = await api.POST('/hr/holidays/import', {
      params: { query: department ? { department } : {} },
      body: text,
      bodySerializer: (body: string) => body,
      headers: { 'content-type': 'text/calendar' },
    });
    setError(asError(error));
    setStatus(data ? `Imported ${data.added} holiday(s); ${data.alreadyThere} were already there.` : '');
    await load();
  }

  return (
    <>
      <h1>Holidays</h1>
      <div className="toolbar">
        <label>Year<input type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} /></label>
      </div>
      <ErrorMessage error={error} />
      {status && <p role="status">{status}</p>}
      <table>
        <thead><tr><th scope="col">Date</th><th scope="col">Name</th><th scope="col">For</th>{isAdmin && <th scope="col">Actions</th>}</tr></thead>
        <tbody>
          {holidays.map((h) => (
            <tr key={h.id}><td>{h.date}</td><td>{h.name}</td><td>{h.department ?? 'Everyone'}</td>
              {isAdmin && <td><button type="button" className="secondary small" onClick={async () => {
                const { error } = await api.DELETE('/hr/holidays/{id}', { params: { path: { id: h.id } } });
                setError(asError(error));
                await load();
              }}>Remove</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin && (
        <>
          <form onSubmit={add} aria-label="New holiday" className="toolbar">
            <label>Date<input type="date" required value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} /></label>
            <label className="grow">Holiday name<input required maxLength={255} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
            <label>Department (empty: everyone)<input maxLength={100} value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })} /></label>
            <button type="submit">Add holiday</button>
          </form>
          <form aria-label="Import holidays" className="toolbar" onSubmit={(e) => e.preventDefault()}>
            <label>Department of the import (empty: everyone)<input maxLength={100} value={department} onChange={(e) => setDepartment(e.target.value)} /></label>
            <label className="grow">ICS calendar file<input type="file" accept=".ics,text/calendar" onChange={(e) => void importFile(e.target.files?.[0])} /></label>
          </form>
        </>
      )}
    </>
  );
}

/** Everyone requests their own leave; ADMINs and OPERATORs approve or reject the pending requests. */
export function LeavePage({ meId, isStaff, isAdmin }: { meId: string; isStaff: boolean; isAdmin: boolean }) {
  const [types, setTypes] = useState<LeaveType[]>([]);
  const [mine, setMine] = useState<LeaveRequest[]>([]);
  const [pending, setPending] = useState<LeaveRequest[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [form, setForm] = useState({ leaveTypeId: '', from: '', to: '', halfDay: false, note: '' });
  const [newType, setNewType] = useState({ code: '', name: '' });

  const load = useCallback(async () => {
    const [t, m] = await Promise.all([api.GET('/hr/leave-types'), api.GET('/hr/leave-requests', { params: { query: { userId: meId } } })]);
    setTypes(t.data?.items ?? []);
    setMine(m.data?.items ?? []);
    if (isStaff) {
      const p = await api.GET('/hr/leave-requests', { params: { query: { status: 'PENDING' } } });
      setPending(p.data?.items ?? []);
    }
  }, [meId, isStaff]);
  useEffect(() => { void load(); }, [load]);

  async function request(event: FormEvent) {
    event.preventDefault();
    const { error } = await api.POST('/hr/leave-requests', {
      body: { leaveTypeId: form.leaveTypeId, from: form.from, to: form.to || form.from, halfDay: form.halfDay, note: form.note || undefined },
    });
    setError(asError(error));
    if (!error) await load();
  }

  async function decide(r: LeaveRequest, decision: 'APPROVED' | 'REJECTED') {
    const { error } = await api.POST('/hr/leave-requests/{id}/decision', { params: { path: { id: r.id } }, body: { decision } });
    setError(asError(error));
    await load();
  }

  const typeName = (id: string) => types.find((t) => t.id === id)?.name ?? id;
  const range = (r: LeaveRequest) => (r.from === r.to ? r.from : `${r.from} – ${r.to}`) + (r.halfDay ? ' (half day)' : '');

  return (
    <>
      <h1>Leave</h1>
      <ErrorMessage error={error} />
      <form onSubmit={request} aria-label="Request leave" className="toolbar">
        <label>Leave type
          <select required value={form.leaveTypeId} onChange={(e) => setForm({ ...form, leaveTypeId: e.target.value })}>
            <option value="">Choose…</option>
            {types.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label>From<input type="date" required value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} /></label>
        <label>To<input type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} /></label>
        <label><input type="checkbox" checked={form.halfDay} onChange={(e) => setForm({ ...form, halfDay: e.target.checked })} /> Half day</label>
        <label className="grow">Note<input maxLength={500} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} /></label>
        <button type="submit">Request leave</button>
      </form>
      <section aria-labelledby="my-leave">
        <h2 id="my-leave">My requests</h2>
        <table>
          <thead><tr><th scope="col">Type</th><th scope="col">Days</th><th scope="col">Status</th><th scope="col">Decided</th></tr></thead>
          <tbody>{mine.map((r) => <tr key={r.id}><td>{typeName(r.leaveTypeId)}</td><td>{range(r)}</td><td>{r.status}</td><td>{dateTime(r.decidedAt)}</td></tr>)}</tbody>
        </table>
      </section>
      {isStaff && (
        <section aria-labelledby="approvals">
          <h2 id="approvals">Waiting for a decision</h2>
          {pending.length === 0 ? <p>No pending requests.</p> : (
            <table>
              <thead><tr><th scope="col">Person</th><th scope="col">Type</th><th scope="col">Days</th><th scope="col">Note</th><th scope="col">Decision</th></tr></thead>
              <tbody>
                {pending.map((r) => (
                  <tr key={r.id}>
                    <td>{r.personName}</td><td>{typeName(r.leaveTypeId)}</td><td>{range(r)}</td><td>{r.note}</td>
                    <td>
                      <button type="button" className="small" aria-label={`Approve ${typeName(r.leaveTypeId)} ${range(r)}`} onClick={() => void decide(r, 'APPROVED')}>Approve</button>{' '}
                      <button type="button" className="secondary small" aria-label={`Reject ${typeName(r.leaveTypeId)} ${range(r)}`} onClick={() => void decide(r, 'REJECTED')}>Reject</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {isAdmin && (
        <form aria-label="New leave type" className="toolbar" onSubmit={async (e) => {
          e.preventDefault();
          const { error } = await api.POST('/hr/leave-types', { body: { code: newType.code, name: newType.name } });
          setError(asError(error));
          if (!error) { setNewType({ code: '', name: '' }); await load(); }
        }}>
          <label>Code<input required pattern="[A-Z][A-Z0-9_]{0,29}" value={newType.code} onChange={(e) => setNewType({ ...newType, code: e.target.value.toUpperCase() })} /></label>
          <label className="grow">Leave type name<input required maxLength={100} value={newType.name} onChange={(e) => setNewType({ ...newType, name: e.target.value })} /></label>
          <button type="submit">Add leave type</button>
        </form>
      )}
    </>
  );
}

/** Staff: a month per person and per department. */
export function SummaryPage() {
  const [month, setMonth] = useState(new Date().toISOString().slice(0, 7));
  const [department, setDepartment] = useState('');
  const [people, setPeople] = useState<MonthSummary[]>([]);
  const [departments, setDepartments] = useState<MonthSummary[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    // each keystroke in a filter asks again: an earlier, slower answer must not overwrite a later one
    let current = true;
    void api.GET('/hr/summary', { params: { query: { month, size: 500, ...(department ? { department } : {}) } } })
      .then(({ data, error }) => {
        if (!current) return;
        setError(asError(error));
        setPeople(data?.items ?? []);
        setDepartments(data?.departments ?? []);
      });
    return () => { current = false; };
  }, [month, department]);

  const row = (s: MonthSummary) => (
    <>
      <td>{s.daysPresent}</td><td>{s.lateCount}</td><td>{s.absences}</td><td>{s.leaveDays}</td>
      <td>{hours(s.workedMinutes)}</td><td>{hours(s.overtimeMinutes)}</td>
    </>
  );
  const head = <><th scope="col">Present</th><th scope="col">Late</th><th scope="col">Absent</th><th scope="col">Leave days</th><th scope="col">Worked h</th><th scope="col">Overtime h</th></>;

  return (
    <>
      <h1>Monthly summary</h1>
      <div className="toolbar">
        <label>Month<input type="month" value={month} onChange={(e) => setMonth(e.target.value)} /></label>
        <label>Department<input maxLength={100} value={department} onChange={(e) => setDepartment(e.target.value)} /></label>
      </div>
      <ErrorMessage error={error} />
      <section aria-labelledby="by-department">
        <h2 id="by-department">By department</h2>
        <table>
          <thead><tr><th scope="col">Department</th><th scope="col">People</th>{head}</tr></thead>
          <tbody>{departments.map((d) => <tr key={d.department ?? ''}><td>{d.department || '(none)'}</td><td>{d.people}</td>{row(d)}</tr>)}</tbody>
        </table>
      </section>
      <section aria-labelledby="by-person">
        <h2 id="by-person">By person</h2>
        <table>
          <thead><tr><th scope="col">Person</th><th scope="col">Department</th>{head}</tr></thead>
          <tbody>{people.map((p) => <tr key={p.userId}><td>{p.fullName || p.username}</td><td>{p.department}</td>{row(p)}</tr>)}</tbody>
        </table>
      </section>
    </>
  );
}
