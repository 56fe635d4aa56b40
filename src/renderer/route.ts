// Which screen the page shows, kept in the address's fragment (#picker, #issues, #activity,
// #settings; empty for the popover), so the desktop app can open a window on a given screen and
// the browser's back button works in `serve`.
import { useSyncExternalStore } from 'react'

export const routes = ['popover', 'picker', 'issues', 'activity', 'settings'] as const
export type Route = (typeof routes)[number]

function current(): Route {
  const hash = window.location.hash.replace(/^#/, '')
  return (routes as readonly string[]).includes(hash) ? (hash as Route) : 'popover'
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current)
}

export function navigate(route: Route): void {
  window.location.hash = route === 'popover' ? '' : route
}
