import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { TodayPage } from './TodayPage';

const view = {
  date: '2026-12-01',
  timeZone: 'Asia/Kolkata',
  present: [{ userId: '1', username: 'ada', fullName: 'Ada L', department: 'R&D', status: 'PRESENT', firstIn: '2026-12-01T03:29:00Z', lastOut: null }],
  left: [{ userId: '2', username: 'bob', fullName: '<img src=x onerror=alert(1)>', department: 'Sales', status: 'LEFT', firstIn: '2026-12-01T03:00:00Z', lastOut: '2026-12-01T12:01:00Z' }],
  notArrived: [{ userId: '3', username: 'cy', fullName: null, department: 'R&D', status: 'NOT_ARRIVED', firstIn: null, lastOut: null }],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('TodayPage', () => {
  it('groups people by department with counts and times in the organization zone', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(view), { headers: { 'content-type': 'application/json' } })));
    render(<TodayPage />);

    const rnd = (await screen.findByRole('heading', { name: 'R&D' })).closest('article')!;
    expect(within(rnd).getByText('Ada L')).toBeTruthy();
    expect(within(rnd).getByText('08:59')).toBeTruthy(); // 03:29Z is 08:59 in Kolkata (+05:30)
    expect(screen.getByTestId('count-present').textContent).toBe('1');
    expect(screen.getByTestId('count-not-arrived').textContent).toBe('1');
    expect(within(rnd).getByText('cy')).toBeTruthy();
  });

  it('shows a name that looks like markup as text', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(view), { headers: { 'content-type': 'application/json' } })));
    const { container } = render(<TodayPage />);

    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });
});
