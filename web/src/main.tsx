import { render } from 'preact';
import { Article } from './views/article';
import { Dyad } from './views/dyad';
import { Network } from './views/network';
import { Overview } from './views/overview';
import { Quotes } from './views/quotes';
import { useLive } from './live';
import { href, useRoute, type View } from './router';
import './style.css';

const NAV: Array<{ view: View; label: string }> = [
  { view: 'overview', label: 'Overview' },
  { view: 'dyad', label: 'Dyad' },
  { view: 'network', label: 'Network' },
  { view: 'quotes', label: 'Quotes' },
  { view: 'article', label: 'Article' },
];

/** The dashboard: a header with the views, and the view the URL names. */
function App() {
  const { view, params } = useRoute();
  const health = useLive();
  const body = {
    overview: <Overview params={params} />,
    dyad: <Dyad params={params} />,
    network: <Network params={params} />,
    quotes: <Quotes params={params} />,
    article: <Article params={params} />,
  }[view];
  return (
    <>
      <header>
        <h1>Dyad</h1>
        <nav aria-label="Views">
          {NAV.map((n) => (
            <a href={href(n.view)} aria-current={n.view === view ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        {health?.watching && (
          <span class="live" role="status" data-generation={health.generation}>
            {`Live: watching ${health.watching.dir} (last run: ${health.watching.added} added)`}
          </span>
        )}
        <a class="docs" href="/docs">
          API
        </a>
      </header>
      {/* A new generation (the watched folder added articles) mounts the view again, which fetches again. */}
      <main data-view={view} key={health?.generation ?? 0}>
        {body}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
