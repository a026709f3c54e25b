import { useEffect, useState } from 'react';
import type { Me } from '../App';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { AuthImage } from '../authImage';
import { clock, dateTime } from '../time';
import { PersonDays } from './AttendancePages';

type Today = paths['/attendance/users/{userId}/today']['get']['responses']['200']['content']['application/json'];
type Face = paths['/me/faces']['get']['responses']['200']['content']['application/json']['faces'][number];

/** A USER's own page: today, their days and their own face images (the API refuses anyone else's to a USER). */
export function MePage({ me }: { me: Me }) {
  const [today, setToday] = useState<Today | null>(null);
  const [faces, setFaces] = useState<Face[]>([]);
  useEffect(() => {
    void api.GET('/attendance/users/{userId}/today', { params: { path: { userId: me.id! } } }).then(({ data }) => setToday(data ?? null));
    void api.GET('/me/faces').then(({ data }) => setFaces(data?.faces ?? []));
  }, [me.id]);
  if (!today) return <p aria-busy="true">Loading…</p>;
  return (
    <>
      <h1>{me.profile?.fullName || me.username}</h1>
      <section aria-labelledby="today-title">
        <h2 id="today-title">Today, {today.date}</h2>
        <p>{today.firstIn ? <>In at {clock(today.firstIn, today.timeZone)}</> : 'Not arrived yet'}
          {today.lastOut && <> · out at {clock(today.lastOut, today.timeZone)}</>} · times in {today.timeZone}</p>
      </section>
      <PersonDays userId={me.id!} canCorrect={false} timeZone={today.timeZone} />
      <section aria-labelledby="my-faces">
        <h2 id="my-faces">My face images ({faces.length})</h2>
        <p>The photos recognition compares camera frames with. Ask an administrator to change them.</p>
        <ul className="faces">
          {faces.map((f) => (
            <li key={f.id}><AuthImage path={`/me/faces/${f.id}`} alt={`My face image enrolled ${dateTime(f.createdAt)}`} /></li>
          ))}
        </ul>
      </section>
    </>
  );
}
