/** The shell: header with search, the routed page, keyboard shortcuts. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { PageHeading } from './components/common.tsx';
import { ArticlePage } from './pages/ArticlePage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { SourcePage, SourcesPage } from './pages/SourcePages.tsx';
import { StoryListPage } from './pages/StoryList.tsx';
import { StoryPage } from './pages/StoryPage.tsx';
import { href, navigate, useRoute, type Route } from './router.ts';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'stories':
      return <StoryListPage query={route.query} />;
    case 'story':
      return <StoryPage id={route.id} query={route.query} key={route.id} />;
    case 'article':
      return <ArticlePage id={route.id} key={route.id} />;
    case 'source':
      return <SourcePage name={route.name} query={route.query} key={route.name} />;
    case 'sources':
      return <SourcesPage query={route.query} />;
    case 'search':
      return <SearchPage query={route.query} />;
    default:
      return (
        <>
          <PageHeading>Page not found</PageHeading>
          <p>
            Nothing lives at this address. <a href="#/">Back to the stories</a>.
          </p>
        </>
      );
  }
}

function SearchBox({ route }: { route: Route }) {
  const current = route.page === 'search' ? (route.query.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => setValue(current), [current]);
  useEffect(() => {
    // "/" focuses the search box, as on most sites; not while typing in a field.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <form
      role="search"
      class="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) navigate(href('/search', { q: value.trim() }));
      }}
    >
      <label for="global-search" class="visually-hidden">
        Search articles
      </label>
      <input ref={input} id="global-search" type="search" name="q" placeholder="Search (press /)" value={value} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit">Search</button>
    </form>
  );
}

export function App() {
  const route = useRoute();
  useEffect(() => {
    if (route.page === 'stories') document.title = 'Storyline';
    window.scrollTo(0, 0);
  }, [route]);
  const current = (page: Route['page']) => (route.page === page ? 'page' : undefined);
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header class="site-header">
        <a class="brand" href="#/">
          Storyline
        </a>
        <nav aria-label="main">
          <a href="#/" aria-current={current('stories')}>
            Stories
          </a>
          <a href={href('/', { sort: 'size' })}>Biggest</a>
          <a href="#/sources" aria-current={current('sources')}>
            Sources
          </a>
        </nav>
        <SearchBox route={route} />
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer class="site-footer">
        Storyline · <a href="/api/openapi.json">API (OpenAPI)</a>
      </footer>
    </>
  );
}
