import type { Me } from '../App';
import { PersonDays } from './AttendancePages';

/** A USER's own page: their days (nobody else's; the API refuses other ids for a USER). */
export function MePage({ me }: { me: Me }) {
  return (
    <>
      <h1>{me.profile?.fullName || me.username}</h1>
      <p>Your attendance. Times are shown in your browser's time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}).</p>
      <PersonDays userId={me.id!} canCorrect={false} timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone} />
    </>
  );
}
