import type { ApiError } from '../api/client';

/** The API's {"error","message","fields"} as text next to the form. */
export function ErrorMessage({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div role="alert" className="error">
      <p>{error.message}</p>
      {error.fields && (
        <ul>{Object.entries(error.fields).map(([field, problem]) => <li key={field}>{field}: {problem}</li>)}</ul>
      )}
    </div>
  );
}
