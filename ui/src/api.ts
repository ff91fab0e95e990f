/** Typed calls to the JSON API (types come from the server's zod schemas, erased at build). */
import { useEffect, useState } from 'preact/hooks';
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
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, (body && typeof body.error === 'string' && body.error) || `HTTP ${response.status}`);
  return body as T;
}

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ready'; data: T };

/** Fetches when `key` changes; a newer request aborts the older one. */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setValue({ state: 'loading' });
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setValue({ state: 'ready', data }),
      (error) => !controller.signal.aborted && setValue({ state: 'error', error }),
    );
    return () => controller.abort();
  }, [key]);
  return value;
}
