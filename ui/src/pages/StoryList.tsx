/** The story list: newest or biggest stories, with filters and full-text search. */
import { useEffect, useState } from 'preact/hooks';
import { getJson, useApi, type FacetValuesT, type StoryListT } from '../api.ts';
import { Load, PageHeading, Pager } from '../components/common.tsx';
import { formatSpan, plural } from '../format.ts';
import { href, navigate, sourceHref, storyHref } from '../router.ts';

const FILTER_KEYS = ['q', 'source', 'entity', 'place', 'from', 'to', 'sort'] as const;
type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

function filtersFrom(query: URLSearchParams): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = query.get(key);
    if (value) out[key] = value;
  }
  return out;
}

export function StoryCard({ story }: { story: StoryListT['stories'][number] }) {
  return (
    <li class="story-card">
      <h2>
        <a href={storyHref(story.id)}>{story.label ?? `Story #${story.id}`}</a>
      </h2>
      <p class="meta">
        <span>{formatSpan(story.first, story.last)}</span>
        <span>{plural(story.articleCount, 'article')}</span>
        <span>{plural(story.sourceCount, 'source')}</span>
        <span title="sources with at least one article that is not a copy">{story.independentSourceCount.toLocaleString('en')} independent</span>
      </p>
      {story.topEntities.length || story.topPlaces.length ? (
        <p class="chips" aria-label="top entities and places">
          {story.topEntities.map((e) => (
            <a class="chip chip-entity" href={href('/', { entity: e.name })} key={`e${e.name}`}>
              {e.name}
            </a>
          ))}
          {story.topPlaces.map((p) => (
            <a class="chip chip-place" href={href('/', { place: p.name })} key={`p${p.name}`}>
              {p.name}
            </a>
          ))}
        </p>
      ) : null}
    </li>
  );
}

/** Suggestions for the entity and place inputs, from /api/facets as the user types. */
function useFacetSuggestions(kind: 'entity' | 'place', prefix: string): FacetValuesT['values'] {
  const [values, setValues] = useState<FacetValuesT['values']>([]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      // Suggestions are optional: an aborted or failed request leaves the previous list.
      getJson<FacetValuesT>('/api/facets', { kind, prefix: prefix.trim(), limit: 15 }, controller.signal)
        .then((r) => setValues(r.values))
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [kind, prefix]);
  return values;
}

function FilterForm({ filters }: { filters: Filters }) {
  const [draft, setDraft] = useState<Filters>(filters);
  useEffect(() => setDraft(filters), [JSON.stringify(filters)]);
  const entities = useFacetSuggestions('entity', draft.entity ?? '');
  const places = useFacetSuggestions('place', draft.place ?? '');
  const field = (key: keyof Filters) => ({
    value: draft[key] ?? '',
    onInput: (e: Event) => setDraft({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value }),
  });
  const submit = (e: Event) => {
    e.preventDefault();
    navigate(href('/', { ...draft }));
  };
  const active = FILTER_KEYS.some((k) => k !== 'sort' && filters[k]);
  return (
    <form class="filters" onSubmit={submit} role="search" aria-label="filter stories">
      <label>
        Words
        <input type="search" name="q" placeholder="e.g. Vladivostok" {...field('q')} />
      </label>
      <label>
        Source
        <input name="source" placeholder="www.example.com" {...field('source')} />
      </label>
      <label>
        Entity
        <input name="entity" list="entity-suggestions" autocomplete="off" {...field('entity')} />
      </label>
      <datalist id="entity-suggestions">
        {entities.map((v) => (
          <option value={v.name} key={v.name}>{`${v.detail ?? ''} · ${v.articles}`}</option>
        ))}
      </datalist>
      <label>
        Place
        <input name="place" list="place-suggestions" autocomplete="off" {...field('place')} />
      </label>
      <datalist id="place-suggestions">
        {places.map((v) => (
          <option value={v.name} key={v.name}>{`${v.detail ?? ''} · ${v.articles}`}</option>
        ))}
      </datalist>
      <label>
        From
        <input type="date" name="from" {...field('from')} />
      </label>
      <label>
        To
        <input type="date" name="to" {...field('to')} />
      </label>
      <label>
        Order
        <select name="sort" value={draft.sort ?? 'recent'} onChange={(e) => setDraft({ ...draft, sort: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="recent">newest first</option>
          <option value="size">biggest first</option>
        </select>
      </label>
      <div class="filter-actions">
        <button type="submit">Apply</button>
        {active ? <a href={href('/', { sort: filters.sort })}>Clear filters</a> : null}
      </div>
    </form>
  );
}

export function StoryListPage({ query }: { query: URLSearchParams }) {
  const filters = filtersFrom(query);
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  // An end date means "up to the end of that day".
  const params = { ...filters, to: filters.to && /^\d{4}-\d{2}-\d{2}$/.test(filters.to) ? `${filters.to}T23:59:59.999Z` : filters.to, offset, limit: 20 };
  const key = JSON.stringify(params);
  const stories = useApi(key, (signal) => getJson<StoryListT>('/api/stories', params, signal));
  const describe = [
    filters.q && `matching “${filters.q}”`,
    filters.source && `from ${filters.source}`,
    filters.entity && `mentioning ${filters.entity}`,
    filters.place && `in ${filters.place}`,
    filters.from && `since ${filters.from}`,
    filters.to && `until ${filters.to}`,
  ].filter(Boolean);
  return (
    <>
      <PageHeading sub={describe.length ? `Stories ${describe.join(', ')}` : undefined}>
        {filters.sort === 'size' ? 'Biggest stories' : 'Latest stories'}
      </PageHeading>
      <FilterForm filters={filters} />
      {filters.source ? (
        <p>
          About this source: <a href={sourceHref(filters.source)}>{filters.source}</a>
        </p>
      ) : null}
      <Load value={stories} what="stories">
        {(data) => (
          <>
            <p class="count" role="status">
              {plural(data.total, 'story', 'stories')}
            </p>
            {data.stories.length === 0 ? <p class="empty">No stories match these filters.</p> : null}
            <ol class="story-list">
              {data.stories.map((s) => (
                <StoryCard story={s} key={s.id} />
              ))}
            </ol>
            <Pager total={data.total} limit={data.limit} offset={data.offset} hrefFor={(o) => href('/', { ...filters, offset: o || undefined })} />
          </>
        )}
      </Load>
    </>
  );
}
