import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignIn } from './SignIn';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SignIn', () => {
  it('says why a sign-in failed, without telling a wrong password from an unknown user', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"error":"unauthorized"}', { status: 401 })));
    render(<SignIn />);
    await userEvent.type(screen.getByLabelText('Username'), 'ada');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username or password.');
  });

  it('opens as a dialog over the page when the session expired', () => {
    render(<><input aria-label="Typed" defaultValue="kept" /><SignIn expired /></>);
    expect(screen.getByRole('dialog', { name: 'Sign in again' })).toBeTruthy();
    expect((screen.getByLabelText('Typed') as HTMLInputElement).value).toBe('kept');
  });
});
