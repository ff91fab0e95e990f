/** One story: its articles in time order, timeline, copy graph, entities, places and dates. */
import { useEffect, useState } from 'preact/hooks';
import { getJson, useApi, type StoryDetailT } from '../api.ts';
import { ArticleFlags, Capped, ExternalLink, Load, PageHeading, SourceLink } from '../components/common.tsx';
import { CopyGraph } from '../components/CopyGraph.tsx';
import { Timeline } from '../components/Timeline.tsx';
import { formatDateTime, formatSpan, plural, truncate } from '../format.ts';
import { articleHref, href } from '../router.ts';

/** Names and dates shown before "show all": the most widely mentioned come first. */
const CHIPS_SHOWN = 16;
const DATES_SHOWN = 12;
const ENTITY_TYPE_NAMES: Record<string, string> = { PERSON: 'People', ORG: 'Organisations', MISC: 'Other names' };

function Entities({ entities }: { entities: StoryDetailT['entities'] }) {
  // Places have their own panel and map; here the people, organisations and other names.
  const named = entities.filter((e) => e.type !== 'PLACE');
  if (named.length === 0) return <p class="empty">No people or organisations found.</p>;
  const groups = new Map<string, StoryDetailT['entities']>();
  for (const type of ['PERSON', 'ORG', 'MISC']) groups.set(type, []);
  for (const e of named) groups.set(e.type, [...(groups.get(e.type) ?? []), e]);
  for (const [type, list] of groups) if (list.length === 0) groups.delete(type);
  return (
    <div class="entity-groups">
      {[...groups].map(([type, list]) => (
        <section key={type}>
          <h3>{ENTITY_TYPE_NAMES[type] ?? type}</h3>
          <Capped items={list} limit={CHIPS_SHOWN} what={(ENTITY_TYPE_NAMES[type] ?? 'names').toLowerCase()}>
            {(shown) => (
              <ul class="chips">
                {shown.map((e) => (
                  <li key={e.canonical}>
                    <a class={`chip chip-${type.toLowerCase()}`} href={href('/', { entity: e.canonical })} title={`in ${e.articles} article${e.articles === 1 ? '' : 's'}: show the stories mentioning ${e.canonical}`}>
                      {e.canonical} <span class="n">{e.articles}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Capped>
        </section>
      ))}
    </div>
  );
}

function Dates({ dates }: { dates: StoryDetailT['dates'] }) {
  if (dates.length === 0) return <p class="empty">No dates mentioned.</p>;
  return (
    <Capped items={dates} limit={DATES_SHOWN} what="dates">
      {(shown) => (
        <ul class="dates">
          {shown.map((d) => (
            <li key={`${d.value}|${d.text}`}>
              <span class="date-value">{d.value ?? 'unresolved'}</span> <q>{d.text}</q> <span class="muted">{plural(d.articles, 'article')}</span>
            </li>
          ))}
        </ul>
      )}
    </Capped>
  );
}

type WorldMapComponent = (typeof import('../components/WorldMap.tsx'))['WorldMap'];
let loadedMap: WorldMapComponent | null = null;

/**
 * The map and its country outlines (most of the UI's bytes) load in their own chunk after the
 * page has rendered: the story shows at once and the map joins a moment later.
 */
function LazyWorldMap({ places }: { places: StoryDetailT['places'] }) {
  const [MapView, setMapView] = useState<WorldMapComponent | null>(() => loadedMap);
  useEffect(() => {
    if (MapView) return;
    let live = true;
    import('../components/WorldMap.tsx').then((module) => {
      loadedMap = module.WorldMap;
      if (live) setMapView(() => module.WorldMap);
    });
    return () => {
      live = false;
    };
  }, []);
  return MapView ? <MapView places={places} /> : <p class="status">Loading the map…</p>;
}

function StoryBody({ data }: { data: StoryDetailT }) {
  const s = data.story;
  useEffect(() => {
    document.title = `${s.label ?? `Story #${s.id}`} · Storyline`;
    // Read by the browser tests and the render-time benchmark.
    performance.mark('story-rendered');
  }, [s.id]);
  return (
    <article class="story">
      <PageHeading sub={`${formatSpan(s.first, s.last)} · ${plural(s.articleCount, 'article')} · ${plural(s.sourceCount, 'source')} · ${s.independentSourceCount} independent`}>
        {s.label ?? `Story #${s.id}`}
      </PageHeading>
      <div class="story-grid">
        <section class="panel articles" aria-labelledby="h-articles">
          <h2 id="h-articles">Articles in time order</h2>
          {data.articlesShown < s.articleCount ? (
            <p class="muted">
              The first {data.articlesShown} of {s.articleCount.toLocaleString('en')} are listed.{' '}
              {data.articlesShown < MAX_LISTED ? <a href={href(`/story/${s.id}`, { articles: MAX_LISTED })}>List {s.articleCount > MAX_LISTED ? `the first ${MAX_LISTED}` : 'all'}</a> : null}
            </p>
          ) : null}
          <ol class="article-list">
            {data.articles.map((a) => (
              <li key={a.id} class={a.firstReport ? 'first-report' : undefined} data-article-id={a.id}>
                <div class="when">{formatDateTime(a.published)}</div>
                <div class="what">
                  <a href={articleHref(a.id)} class="article-title">
                    {a.title ? truncate(a.title, 140) : `Untitled article ${truncate(a.id, 24)}`}
                  </a>
                  <div class="meta">
                    <SourceLink source={a.source} /> {a.url ? <ExternalLink url={a.url}>original</ExternalLink> : null}
                  </div>
                  <ArticleFlags article={a} />
                </div>
              </li>
            ))}
          </ol>
        </section>
        <section class="panel" aria-labelledby="h-timeline">
          <h2 id="h-timeline">Coverage</h2>
          <Timeline timeline={data.timeline} />
          <h3>Sources</h3>
          <ul class="source-counts">
            {data.sources.map((src) => (
              <li key={src.source ?? ''}>
                <SourceLink source={src.source} /> {plural(src.articles, 'article')}
                {src.copies ? <span class="muted"> · {src.copies} copied</span> : null}
                {!src.independent ? <span class="badge badge-copy">only copies</span> : null}
              </li>
            ))}
          </ul>
        </section>
        <section class="panel" aria-labelledby="h-copies">
          <h2 id="h-copies">Who copied whom</h2>
          <CopyGraph graph={data.copyGraph} />
        </section>
        <section class="panel" aria-labelledby="h-places">
          <h2 id="h-places">Places</h2>
          <LazyWorldMap places={data.places} />
          <Capped items={data.places} limit={CHIPS_SHOWN} what="places">
            {(shown) => (
              <ul class="chips">
                {shown.map((p) => (
                  <li key={`${p.name}${p.lat}`}>
                    <a class="chip chip-place" href={href('/', { place: p.name })}>
                      {p.name}
                      {p.country ? `, ${p.country}` : ''} <span class="n">{p.articles}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </Capped>
        </section>
        <section class="panel" aria-labelledby="h-entities">
          <h2 id="h-entities">Who and what</h2>
          {data.facetArticles < s.articleCount ? <p class="muted">From the first {data.facetArticles} articles.</p> : null}
          <Entities entities={data.entities} />
        </section>
        <section class="panel" aria-labelledby="h-dates">
          <h2 id="h-dates">Dates mentioned</h2>
          {data.annotationArticles < s.articleCount ? <p class="muted">In the first {data.annotationArticles} articles.</p> : null}
          <Dates dates={data.dates} />
        </section>
      </div>
    </article>
  );
}

/** Most articles a story page lists on request ("list all"); the API's own cap. */
const MAX_LISTED = 2000;

export function StoryPage({ id, query }: { id: number; query: URLSearchParams }) {
  const articles = Math.min(MAX_LISTED, Number(query.get('articles')) || 0) || undefined;
  const story = useApi(`story:${id}:${articles}`, async (signal) => {
    const data = await getJson<StoryDetailT>(`/api/stories/${id}`, { articles }, signal);
    performance.mark('story-data');
    return data;
  });
  return (
    <Load value={story} what="the story">
      {(data) => <StoryBody data={data} />}
    </Load>
  );
}
