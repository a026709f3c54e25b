import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { PeoplePage } from './PeoplePage';

const page = (name: string) => new Response(JSON.stringify({
  items: [{ id: name, username: name, role: 'USER', active: true, profile: { fullName: `Person ${name}` } }], total: 1,
}), { headers: { 'content-type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('PeoplePage', () => {
  it('shows the answer to the last search, not a slower answer to an earlier one', async () => {
    let answerAda: (response: Response) => void = () => {};
    vi.stubGlobal('fetch', vi.fn((request: Request) => {
      const search = new URL(request.url).searchParams.get('search');
      if (search === 'ada') return new Promise<Response>((resolve) => { answerAda = resolve; }); // held back
      return Promise.resolve(page(search ?? 'everyone'));
    }));
    render(<MemoryRouter><PeoplePage isAdmin /></MemoryRouter>);
    expect(await screen.findByText('Person everyone')).toBeTruthy();
    const box = screen.getByRole('searchbox', { name: 'Search' });

    await userEvent.type(box, 'ada');
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2)); // ?search=ada, still unanswered
    await userEvent.type(box, 'm');
    expect(await screen.findByText('Person adam')).toBeTruthy();
    answerAda(page('ada'));

    await new Promise((settled) => setTimeout(settled, 50));
    expect(screen.queryByText('Person ada')).toBeNull();
    expect(screen.getByText('Person adam')).toBeTruthy();
  });
});
