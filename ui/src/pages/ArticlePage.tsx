/** One article: metadata, provenance (what it copied, who copied it), marked text, raw record. */
import { useEffect } from 'preact/hooks';
import { getJson, useApi, type ArticleDetailT } from '../api.ts';
import { ArticleText } from '../components/ArticleText.tsx';
import { ArticleFlags, ExternalLink, Load, PageHeading, SourceLink } from '../components/common.tsx';
import { formatDateTime, percent, plural, truncate } from '../format.ts';
import { articleHref, href, storyHref } from '../router.ts';

function Provenance({ a }: { a: ArticleDetailT }) {
  if (!a.duplicateOf && a.copiedFrom.length === 0 && a.copies.length === 0) return <p class="empty">No copies of or by this article were detected.</p>;
  return (
    <ul class="provenance">
      {a.duplicateOf ? (
        <li>
          Duplicate of <a href={articleHref(a.duplicateOf.id)}>{a.duplicateOf.title ?? a.duplicateOf.id}</a> (<SourceLink source={a.duplicateOf.source} />, {formatDateTime(a.duplicateOf.published)})
        </li>
      ) : null}
      {a.copiedFrom.map((c) => (
        <li key={c.id}>
          {c.spun ? <strong class="spun-text">Spun copy</strong> : 'Copy'}: {percent(c.share)} of its text reused from{' '}
          <a href={articleHref(c.id)}>{c.article?.title ?? c.id}</a>
          {c.article ? (
            <>
              {' '}
              (<SourceLink source={c.article.source} />, {formatDateTime(c.article.published)})
            </>
          ) : null}
          , {plural(c.passages.length, 'passage')}
        </li>
      ))}
      {a.copies.map((c) => (
        <li key={`${c.kind}${c.id}`}>
          {c.kind === 'duplicate' ? 'Duplicated by' : c.spun ? 'Spun copy by' : 'Copied by'} <a href={articleHref(c.id)}>{c.title ?? c.id}</a> (<SourceLink source={c.source} />,{' '}
          {formatDateTime(c.published)}
          {c.share !== null ? `, ${percent(c.share)}` : ''})
        </li>
      ))}
    </ul>
  );
}

function Annotations({ a }: { a: ArticleDetailT }) {
  const ann = a.annotations;
  if (!ann) return <p class="empty">This article has no annotations.</p>;
  const unique = <T,>(items: T[], key: (t: T) => string) => [...new Map(items.map((i) => [key(i), i])).values()];
  return (
    <dl class="annotations">
      <dt>Entities</dt>
      <dd>
        {unique(ann.entities, (e) => e.canonical).map((e) => (
          <a class={`chip chip-${e.type.toLowerCase()}`} href={href('/', { entity: e.canonical })} key={e.canonical}>
            {e.canonical}
          </a>
        ))}
        {ann.entities.length === 0 ? <span class="muted">none</span> : null}
      </dd>
      <dt>Places</dt>
      <dd>
        {unique(ann.places, (p) => p.name).map((p) => (
          <a class="chip chip-place" href={href('/', { place: p.name })} key={p.name}>
            {p.name}
            {p.country ? `, ${p.country}` : ''}
          </a>
        ))}
        {ann.places.length === 0 ? <span class="muted">none</span> : null}
      </dd>
      <dt>Dates</dt>
      <dd>
        {unique(ann.dates, (d) => `${d.value}|${d.text}`).map((d) => (
          <span class="chip" key={`${d.value}|${d.text}`}>
            {d.text} → {d.value ?? '?'}
          </span>
        ))}
        {ann.dates.length === 0 ? <span class="muted">none</span> : null}
      </dd>
    </dl>
  );
}

function ArticleBody({ a }: { a: ArticleDetailT }) {
  useEffect(() => {
    document.title = `${a.title ?? a.id} · Storyline`;
  }, [a.id]);
  const origin = [a.origin.file, a.origin.line !== undefined ? `line ${a.origin.line}` : null].filter(Boolean).join(', ');
  return (
    <article class="article">
      <PageHeading sub={<ArticleFlags article={{ ...a, duplicateOf: a.duplicateOf?.id ?? null, boilerplateSpans: a.boilerplate.length }} />}>
        {a.title ?? `Untitled article ${truncate(a.id, 24)}`}
      </PageHeading>
      <dl class="metadata">
        <dt>Source</dt>
        <dd>
          <SourceLink source={a.source} />
        </dd>
        <dt>Published</dt>
        <dd>{formatDateTime(a.published)}</dd>
        <dt>Story</dt>
        <dd>{a.storyId !== null ? <a href={storyHref(a.storyId)}>{a.storyLabel ?? `Story #${a.storyId}`}</a> : <span class="muted">none</span>}</dd>
        <dt>URL</dt>
        <dd>{a.url ? <ExternalLink url={a.url} /> : <span class="muted">none</span>}</dd>
        <dt>Language</dt>
        <dd>{a.language ?? 'unknown'}</dd>
        <dt>Id</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
        {origin ? (
          <>
            <dt>Read from</dt>
            <dd>{origin}</dd>
          </>
        ) : null}
        {a.spinScore !== null ? (
          <>
            <dt>Spin score</dt>
            <dd>{a.spinScore.toFixed(2)}</dd>
          </>
        ) : null}
      </dl>
      <section class="panel" aria-labelledby="h-provenance">
        <h2 id="h-provenance">Provenance</h2>
        <Provenance a={a} />
      </section>
      <ArticleText article={a} />
      <section class="panel" aria-labelledby="h-annotations">
        <h2 id="h-annotations">Entities, places and dates</h2>
        <Annotations a={a} />
      </section>
      <details class="panel raw">
        <summary>Raw record as ingested</summary>
        <pre>{a.raw}</pre>
      </details>
    </article>
  );
}

export function ArticlePage({ id }: { id: string }) {
  const article = useApi(`article:${id}`, (signal) => getJson<ArticleDetailT>(`/api/articles/${encodeURIComponent(id)}`, {}, signal));
  return (
    <Load value={article} what="the article">
      {(a) => <ArticleBody a={a} />}
    </Load>
  );
}
