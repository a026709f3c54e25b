import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../session/session';

/**
 * The typed API client: every path, parameter and body is checked against docs/openapi.yaml (schema.d.ts is
 * generated from it by `npm run api-types`), so a route the console uses and the API no longer has fails
 * `npm run build`. Requests carry the in-memory access token; a 401 refreshes it once and retries.
 */
export const api = createClient<paths>({ baseUrl: location.origin, fetch: (request) => session.fetch(request) });

/** The API's error body: {"error", "message", "fields"}. */
export interface ApiError {
  error: string;
  message: string;
  fields?: Record<string, string>;
}

export function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    return String((error as ApiError).message);
  }
  return 'Something went wrong';
}

/** The error of an openapi-fetch answer (routes that document no error body type it as undefined). */
export function asError(error: unknown): ApiError | null {
  if (!error) return null;
  return typeof error === 'object' && 'message' in error ? (error as ApiError) : { error: 'error', message: String(error) };
}
