/** Typed calls to the JSON API (types come from the server's zod schemas, erased at build). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  ArticleDetailT,
  FacetValuesT,
  SearchResultT,
  SourceDetailT,
  SourceListT,
  StoryDetailT,
  StoryListT,
} from '../../src/server/schemas.ts';

export type { ArticleDetailT, FacetValuesT, SearchResultT, SourceDetailT, SourceListT, StoryDetailT, StoryListT };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(path: string, params: Record<string, string | number | undefined | null> = {}, signal?: AbortSignal): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const q = query.toString();
  const response = await fetch(`${path}${q ? `?${q}` : ''}`, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, (body && typeof body.error === 'string' && body.error) || `HTTP ${response.status}`);
  }
  // A body that cannot be read (the request was aborted mid-body, or it is not JSON) rejects:
  // resolving to null would hand callers a null where they expect the data.
  const body = await response.json().catch((error: unknown) => {
    if (signal?.aborted) throw error;
    throw new ApiError(response.status, `unreadable response from ${path}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (body === null || typeof body !== 'object') throw new ApiError(response.status, `unexpected response from ${path}`);
  return body as T;
}

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ready'; data: T };

/**
 * Fetches when `key` changes; a newer request aborts the older one. The request starts while
 * rendering, not in an effect (which waits for the next frame): the data arrives sooner.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const pending = useRef<{ key: string; controller: AbortController; promise: Promise<T> } | null>(null);
  if (pending.current?.key !== key) {
    pending.current?.controller.abort();
    const controller = new AbortController();
    const promise = load(controller.signal);
    promise.catch(() => {}); // handled in the effect; no unhandled rejection if it never runs
    pending.current = { key, controller, promise };
  }
  useEffect(() => {
    const request = pending.current!;
    setValue((current) => (current.state === 'loading' ? current : { state: 'loading' }));
    request.promise.then(
      (data) => !request.controller.signal.aborted && setValue({ state: 'ready', data }),
      (error) => !request.controller.signal.aborted && setValue({ state: 'error', error }),
    );
    return () => request.controller.abort();
  }, [key]);
  return value;
}
