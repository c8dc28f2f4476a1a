import { useCallback, useSyncExternalStore } from 'react';

/** The dashboard's screens; hash routes keep the server's static serving trivial (no rewrites). */
export type Route =
  | { name: 'audiences'; audienceId?: string }
  | { name: 'saved' }
  | { name: 'campaigns' }
  | { name: 'campaign'; campaignId: string | 'new' }
  | { name: 'keys' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  switch (parts[0]) {
    case 'saved':
      return { name: 'saved' };
    case 'campaigns':
      return parts[1]
        ? { name: 'campaign', campaignId: decodeURIComponent(parts[1]) }
        : { name: 'campaigns' };
    case 'keys':
      return { name: 'keys' };
    case 'audiences':
      return parts[1]
        ? { name: 'audiences', audienceId: decodeURIComponent(parts[1]) }
        : { name: 'audiences' };
    default:
      return { name: 'audiences' };
  }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'audiences':
      return route.audienceId ? `#/audiences/${encodeURIComponent(route.audienceId)}` : '#/audiences';
    case 'saved':
      return '#/saved';
    case 'campaigns':
      return '#/campaigns';
    case 'campaign':
      return `#/campaigns/${encodeURIComponent(route.campaignId)}`;
    case 'keys':
      return '#/keys';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = routeHref(route);
  }, []);
  return [parseRoute(hash), navigate];
}
