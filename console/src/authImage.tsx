import { useEffect, useState } from 'react';
import { session } from './session/session';

/** An image the API serves to a bearer token, as a blob: URL for <img> (the CSP allows img-src blob:). */
export function useAuthImage(path: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let objectUrl: string | null = null;
    let cancelled = false;
    void session.fetch(new Request(`${location.origin}${path}`)).then(async (response) => {
      if (!response.ok || cancelled) return;
      objectUrl = URL.createObjectURL(await response.blob());
      setUrl(objectUrl);
    });
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path]);
  return url;
}

export function AuthImage({ path, alt }: { path: string | null; alt: string }) {
  const url = useAuthImage(path);
  return url ? <img src={url} alt={alt} /> : <span className="placeholder" role="img" aria-label={alt} />;
}
