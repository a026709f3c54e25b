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
