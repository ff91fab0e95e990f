/** Full-text search: matching stories first, then the matching articles with snippets. */
import { useEffect } from 'preact/hooks';
import { getJson, useApi, type SearchResultT, type StoryListT } from '../api.ts';
import { Load, PageHeading, Pager, SourceLink } from '../components/common.tsx';
import { formatDateTime, plural } from '../format.ts';
import { articleHref, href, storyHref } from '../router.ts';
import { StoryCard } from './StoryList.tsx';

export function SearchPage({ query }: { query: URLSearchParams }) {
  const q = (query.get('q') ?? '').trim();
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const hits = useApi(`search|${q}|${offset}`, (signal) =>
    q ? getJson<SearchResultT>('/api/search', { q, offset, limit: 20 }, signal) : Promise.resolve(null),
  );
  const stories = useApi(`search-stories|${q}`, (signal) => (q ? getJson<StoryListT>('/api/stories', { q, limit: 5 }, signal) : Promise.resolve(null)));
  useEffect(() => {
    document.title = q ? `“${q}” · Storyline` : 'Search · Storyline';
  }, [q]);
  if (!q) {
    return (
      <>
        <PageHeading>Search</PageHeading>
        <p>Type words in the search box above: every word must occur in an article's title or text.</p>
      </>
    );
  }
  return (
    <>
      <PageHeading>Search: “{q}”</PageHeading>
      <section aria-labelledby="h-stories">
        <h2 id="h-stories">Stories</h2>
        <Load value={stories} what="stories">
          {(data) =>
            data && data.total ? (
              <>
                <ol class="story-list">
                  {data.stories.map((s) => (
                    <StoryCard story={s} key={s.id} />
                  ))}
                </ol>
                {data.total > data.stories.length ? <a href={href('/', { q })}>All {plural(data.total, 'story', 'stories')} →</a> : null}
              </>
            ) : (
              <p class="empty">No stories.</p>
            )
          }
        </Load>
      </section>
      <section aria-labelledby="h-hits">
        <h2 id="h-hits">Articles</h2>
        <Load value={hits} what="results">
          {(data) =>
            data && data.hits.length ? (
              <>
                <p class="count" role="status">
                  {data.totalIsLowerBound ? 'more than ' : ''}
                  {plural(data.total, 'article')}
                </p>
                <ol class="hits">
                  {data.hits.map((h) => (
                    <li key={h.id}>
                      <a href={articleHref(h.id)} class="article-title">
                        {h.title ?? `Untitled article ${h.id}`}
                      </a>
                      <div class="meta">
                        <SourceLink source={h.source} /> · {formatDateTime(h.published)}
                        {h.storyId !== null ? (
                          <>
                            {' '}
                            · in <a href={storyHref(h.storyId)}>{h.storyLabel ?? `story #${h.storyId}`}</a>
                          </>
                        ) : null}
                      </div>
                      <p class="snippet">
                        {h.snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
                      </p>
                    </li>
                  ))}
                </ol>
                <Pager total={data.total} limit={data.limit} offset={data.offset} hrefFor={(o) => href('/search', { q, offset: o || undefined })} />
              </>
            ) : (
              <p class="empty">No articles match “{q}”.</p>
            )
          }
        </Load>
      </section>
    </>
  );
}
