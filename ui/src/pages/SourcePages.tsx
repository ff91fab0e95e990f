/** Sources: the list with per-source counts, and one source's profile and recent articles. */
import { useEffect } from 'preact/hooks';
import { getJson, useApi, type SourceDetailT, type SourceListT } from '../api.ts';
import { Load, PageHeading, Pager } from '../components/common.tsx';
import { formatDate, formatDateTime, percent, plural } from '../format.ts';
import { articleHref, href, sourceHref, storyHref } from '../router.ts';

const SORTS = [
  ['articles', 'articles'],
  ['firstReports', 'first reports'],
  ['copies', 'copies made'],
  ['name', 'name'],
] as const;

export function SourcesPage({ query }: { query: URLSearchParams }) {
  const sort = query.get('sort') ?? 'articles';
  const q = query.get('q') ?? '';
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const params = { sort, q, offset, limit: 50 };
  const sources = useApi(JSON.stringify(params), (signal) => getJson<SourceListT>('/api/sources', params, signal));
  useEffect(() => {
    document.title = 'Sources · Storyline';
  }, []);
  return (
    <>
      <PageHeading>Sources</PageHeading>
      <nav class="sort-links" aria-label="order">
        Order by:{' '}
        {SORTS.map(([key, label]) => (
          <a href={href('/sources', { sort: key, q })} aria-current={key === sort ? 'page' : undefined} key={key}>
            {label}
          </a>
        ))}
      </nav>
      <Load value={sources} what="sources">
        {(data) => (
          <>
            <div class="scroll-x">
              <table class="sources">
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">Articles</th>
                    <th scope="col">First reports</th>
                    <th scope="col">Copies made</th>
                    <th scope="col">Spun copies</th>
                    <th scope="col">With boilerplate</th>
                    <th scope="col">Active</th>
                  </tr>
                </thead>
                <tbody>
                  {data.sources.map((s) => (
                    <tr key={s.source}>
                      <th scope="row">
                        <a href={sourceHref(s.source)}>{s.source}</a>
                      </th>
                      <td>{s.articles.toLocaleString('en')}</td>
                      <td>{s.firstReports.toLocaleString('en')}</td>
                      <td>{s.copiesMade.toLocaleString('en')}</td>
                      <td>{s.spunCopies.toLocaleString('en')}</td>
                      <td>{percent(s.boilerplateRate)}</td>
                      <td>
                        {formatDate(s.first)} – {formatDate(s.last)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager total={data.total} limit={data.limit} offset={data.offset} hrefFor={(o) => href('/sources', { sort, q, offset: o || undefined })} />
          </>
        )}
      </Load>
    </>
  );
}

export function SourcePage({ name, query }: { name: string; query: URLSearchParams }) {
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const detail = useApi(`${name}|${offset}`, (signal) => getJson<SourceDetailT>(`/api/sources/${encodeURIComponent(name)}`, { offset, limit: 30 }, signal));
  useEffect(() => {
    document.title = `${name} · Storyline`;
  }, [name]);
  return (
    <Load value={detail} what="the source">
      {(d) => (
        <>
          <PageHeading sub={`${formatDate(d.source.first)} – ${formatDate(d.source.last)}`}>{d.source.source}</PageHeading>
          <dl class="stat-cards">
            <div>
              <dt>Articles</dt>
              <dd>{d.source.articles.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>First reports</dt>
              <dd>{d.source.firstReports.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Copies made</dt>
              <dd>{d.source.copiesMade.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Spun copies</dt>
              <dd>{d.source.spunCopies.toLocaleString('en')}</dd>
            </div>
            <div>
              <dt>Articles with boilerplate</dt>
              <dd>{percent(d.source.boilerplateRate)}</dd>
            </div>
          </dl>
          <p>
            <a href={href('/', { source: d.source.source })}>Stories with articles from {d.source.source} →</a>
          </p>
          <section class="panel" aria-labelledby="h-recent">
            <h2 id="h-recent">Recent articles</h2>
            <ol class="article-list">
              {d.articles.map((a) => (
                <li key={a.id}>
                  <div class="when">{formatDateTime(a.published)}</div>
                  <div class="what">
                    <a href={articleHref(a.id)}>{a.title ?? a.id}</a>
                    {a.storyId !== null ? (
                      <div class="meta">
                        <a href={storyHref(a.storyId)}>story #{a.storyId}</a>
                      </div>
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
            <Pager total={d.source.articles} limit={d.limit} offset={d.offset} hrefFor={(o) => href(`/source/${encodeURIComponent(name)}`, { offset: o || undefined })} />
            <p class="muted">{plural(d.source.articles, 'article')} in all.</p>
          </section>
        </>
      )}
    </Load>
  );
}
