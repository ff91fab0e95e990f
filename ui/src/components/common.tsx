/** Small shared pieces: loading and error states, links, badges, paging, page headings. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Loadable } from '../api.ts';
import { SPIN_FLAG_SCORE, percent, safeHttpUrl } from '../format.ts';
import { articleHref, sourceHref } from '../router.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p class="status" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div class="error" role="alert">
      <strong>{notFound ? 'Not found' : 'Something went wrong'}:</strong> {error.message}
    </div>
  );
}

/** Renders loading / error states and hands ready data to `children`. */
export function Load<T>({ value, what, children }: { value: Loadable<T>; what: string; children: (data: T) => ComponentChildren }) {
  if (value.state === 'loading') return <Loading what={what} />;
  if (value.state === 'error') return <ErrorBox error={value.error} />;
  return <>{children(value.data)}</>;
}

/** The page heading takes focus on navigation, so keyboard and screen-reader users land on the new page. */
export function PageHeading({ children, sub }: { children: ComponentChildren; sub?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <header class="page-head">
      <h1 tabIndex={-1} ref={ref}>
        {children}
      </h1>
      {sub ? <p class="sub">{sub}</p> : null}
    </header>
  );
}

/** An outbound link, only for http(s) URLs; anything else is shown as text. */
export function ExternalLink({ url, children }: { url: string | null; children?: ComponentChildren }) {
  const safe = safeHttpUrl(url);
  if (!safe) return url ? <span class="url-text">{children ?? url}</span> : null;
  return (
    <a href={safe} rel="noopener noreferrer nofollow" target="_blank" class="external">
      {children ?? safe}
    </a>
  );
}

export function SourceLink({ source }: { source: string | null }) {
  if (!source) return <span class="muted">unknown source</span>;
  return (
    <a href={sourceHref(source)} class="source">
      {source}
    </a>
  );
}

export function Badge({ kind, children, title }: { kind: string; children: ComponentChildren; title?: string }) {
  return (
    <span class={`badge badge-${kind}`} title={title}>
      {children}
    </span>
  );
}

interface FlaggedArticle {
  duplicateOf: string | null;
  copiedFrom: Array<{ id: string; share: number; spun: boolean }>;
  spinScore: number | null;
  boilerplateSpans?: number;
  firstReport?: boolean;
}

/** First report, duplicate, copy and spin flags of an article, as badges with links to the source. */
export function ArticleFlags({ article }: { article: FlaggedArticle }) {
  const spun = article.copiedFrom.some((c) => c.spun) || (article.spinScore !== null && article.spinScore >= SPIN_FLAG_SCORE);
  return (
    <span class="flags">
      {article.firstReport ? <Badge kind="first">first report</Badge> : null}
      {article.duplicateOf ? (
        <Badge kind="duplicate" title="the same text as an earlier article">
          duplicate of <a href={articleHref(article.duplicateOf)}>earlier article</a>
        </Badge>
      ) : null}
      {article.copiedFrom.map((c) => (
        <Badge kind={c.spun ? 'spun' : 'copy'} title={c.spun ? 'reused text rewritten with synonyms' : 'reused text'} key={c.id}>
          {c.spun ? 'spun copy' : 'copy'}: {percent(c.share)} from <a href={articleHref(c.id)}>source article</a>
        </Badge>
      ))}
      {spun && !article.copiedFrom.some((c) => c.spun) ? (
        <Badge kind="spun" title={`spin score ${article.spinScore?.toFixed(2)}: synonym-rewritten text`}>
          spun (score {article.spinScore?.toFixed(2)})
        </Badge>
      ) : null}
      {article.boilerplateSpans ? <Badge kind="boilerplate">{article.boilerplateSpans} boilerplate</Badge> : null}
    </span>
  );
}

export function Pager({ total, limit, offset, hrefFor }: { total: number; limit: number; offset: number; hrefFor: (offset: number) => string }) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav class="pager" aria-label="pages">
      {offset > 0 ? <a href={hrefFor(Math.max(0, offset - limit))} rel="prev">← previous</a> : <span />}
      <span>
        page {page} of {pages.toLocaleString('en')}
      </span>
      {offset + limit < total ? <a href={hrefFor(offset + limit)} rel="next">next →</a> : <span />}
    </nav>
  );
}

/**
 * The first `limit` items, and a button for the rest: a big story mentions hundreds of names,
 * and laying them all out would slow the first render for little use.
 */
export function Capped<T>({ items, limit, children, what }: { items: T[]; limit: number; what: string; children: (shown: T[]) => ComponentChildren }) {
  const [all, setAll] = useState(false);
  const shown = all || items.length <= limit ? items : items.slice(0, limit);
  return (
    <>
      {children(shown)}
      {items.length > limit ? (
        <button type="button" class="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? `Show fewer ${what}` : `Show all ${items.length} ${what}`}
        </button>
      ) : null}
    </>
  );
}
