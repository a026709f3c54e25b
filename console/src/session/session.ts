/**
 * The signed-in session. The access token lives only in this module's memory (never in storage a script
 * could read later); the refresh token is an HttpOnly cookie the server rotates on every POST /auth/refresh.
 * When a refresh fails the session is "expired": listeners show the sign-in dialog over the current page,
 * which stays mounted, so whatever was being typed is still there after signing in again.
 */
export type SessionState = 'unknown' | 'signedIn' | 'signedOut' | 'expired';

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

type Listener = (state: SessionState) => void;

class Session {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private listeners = new Set<Listener>();
  state: SessionState = 'unknown';

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SessionState) {
    this.state = state;
    this.listeners.forEach((l) => l(state));
  }

  /** Signs in with a password; the answer also sets the refresh cookie. */
  async signIn(username: string, password: string): Promise<string | null> {
    const response = await fetch('/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) {
      if (response.status === 429) return 'Too many failed attempts: try again in a few minutes.';
      return 'Wrong username or password.';
    }
    this.accessToken = ((await response.json()) as TokenAnswer).accessToken;
    this.set('signedIn');
    return null;
  }

  /** A new access token from the refresh cookie (one request at a time, shared by concurrent callers). */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      try {
        const response = await fetch('/auth/refresh', { method: 'POST', credentials: 'same-origin' });
        if (!response.ok) return false;
        this.accessToken = ((await response.json()) as TokenAnswer).accessToken;
        return true;
      } catch {
        return false;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** On page load: a refresh cookie from earlier today signs the browser in without a password. */
  async resume(): Promise<void> {
    this.set((await this.refresh()) ? 'signedIn' : 'signedOut');
  }

  async signOut(everywhere = false): Promise<void> {
    await fetch(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', {
      method: 'POST',
      credentials: 'same-origin',
      headers: this.accessToken ? { authorization: `Bearer ${this.accessToken}` } : {},
    }).catch(() => undefined);
    this.accessToken = null;
    this.set('signedOut');
  }

  /** fetch with the access token; a 401 refreshes once and retries, else the session has expired. */
  async fetch(request: Request): Promise<Response> {
    const retry = request.clone();
    const response = await fetch(this.authorize(request));
    if (response.status !== 401) return response;
    if (await this.refresh()) {
      return fetch(this.authorize(retry));
    }
    this.accessToken = null;
    if (this.state === 'signedIn') this.set('expired');
    return response;
  }

  private authorize(request: Request): Request {
    const headers = new Headers(request.headers);
    if (this.accessToken) headers.set('authorization', `Bearer ${this.accessToken}`);
    return new Request(request, { headers });
  }
}

export const session = new Session();
