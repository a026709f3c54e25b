/** "08:59" in the organization's time zone (not the browser's). */
export function clock(instant: string | null | undefined, timeZone: string): string {
  if (!instant) return '';
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(instant));
}

/** "2026-12-01 08:59" in the organization's time zone. */
export function dateTime(instant: string | null | undefined, timeZone?: string): string {
  if (!instant) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false, timeZone,
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The instant of a wall-clock date and time in a time zone ("2026-12-01", "08:59", "Asia/Kolkata"). */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // the zone's offset at that moment, found by formatting the guess back in the zone (twice, for DST edges)
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const shown = Date.parse(dateTime(new Date(guess).toISOString(), timeZone).replace(' ', 'T') + ':00Z');
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}

export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
