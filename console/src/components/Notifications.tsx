import { useState } from 'react';
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { dateTime } from '../time';
import { usePolling } from '../usePolling';

type Item = paths['/notifications']['get']['responses']['200']['content']['application/json']['notifications'][number];

const TEXT: Record<string, string> = {
  UNKNOWN_FACE: 'An unknown face was seen',
  LOW_CONFIDENCE: 'A face was recognised with low confidence',
  SPOOF_SUSPECTED: 'A recognised face may be a photo or a screen (liveness check)',
  LATE_ARRIVAL: 'Someone arrived late',
  ABSENT: 'Someone has not arrived for their shift',
  MISSING_OUT: 'Someone did not clock out',
};

/** The DASHBOARD channel: an unread count in the header, the list, mark read. */
export function Notifications() {
  const [items, setItems] = useState<Item[]>([]);
  usePolling(async () => {
    const { data } = await api.GET('/notifications', { params: { query: { limit: 20 } } });
    if (data) setItems(data.notifications);
  }, 15_000, []);
  const unread = items.filter((n) => !n.readAt).length;

  async function read(id: string) {
    await api.POST('/notifications/{id}/read', { params: { path: { id } } });
    setItems(items.map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)));
  }

  return (
    <details className="dropdown">
      <summary aria-label={`Notifications, ${unread} unread`}>
        Notifications{unread > 0 && <span className="badge" data-testid="unread">{unread}</span>}
      </summary>
      <ul dir="rtl">
        {items.length === 0 && <li>No notifications</li>}
        {items.map((n) => (
          <li key={n.id} dir="ltr">
            {TEXT[n.type ?? ''] ?? n.type} · {dateTime(n.createdAt)}{' '}
            {!n.readAt && <button type="button" className="secondary small" onClick={() => void read(n.id)}>Mark read</button>}
          </li>
        ))}
      </ul>
    </details>
  );
}
