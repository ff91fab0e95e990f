/**
 * Hash routing: #/, #/story/12, #/article/<id>, #/source/<name>, #/sources, #/search?q=…
 * Hash URLs need no server cooperation and survive a reload; parameters are URL-encoded.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'stories'; query: URLSearchParams }
  | { page: 'story'; id: number; query: URLSearchParams }
  | { page: 'article'; id: string; query: URLSearchParams }
  | { page: 'source'; name: string; query: URLSearchParams }
  | { page: 'sources'; query: URLSearchParams }
  | { page: 'search'; query: URLSearchParams }
  | { page: 'not-found'; path: string; query: URLSearchParams };

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#/, '') || '/';
  const [pathPart, queryPart = ''] = body.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const segments = pathPart.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  if (segments.length === 0) return { page: 'stories', query };
  const [head, arg] = segments;
  if (head === 'story' && arg && /^\d+$/.test(arg)) return { page: 'story', id: Number(arg), query };
  if (head === 'article' && arg) return { page: 'article', id: arg, query };
  if (head === 'source' && arg) return { page: 'source', name: arg, query };
  if (head === 'sources' && !arg) return { page: 'sources', query };
  if (head === 'search' && !arg) return { page: 'search', query };
  return { page: 'not-found', path: pathPart, query };
}

/** Builds a hash URL; undefined and empty parameters are left out. */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  const q = query.toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

export const storyHref = (id: number) => href(`/story/${id}`);
export const articleHref = (id: string) => href(`/article/${encodeURIComponent(id)}`);
export const sourceHref = (name: string) => href(`/source/${encodeURIComponent(name)}`);

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
