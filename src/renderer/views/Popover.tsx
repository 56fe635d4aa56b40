// The tray popover: who is signed in, the synced folders or what to do first, and Quit.
import { useState } from 'react'
import type { AppState } from '../../shared'
import { useApi } from '../api/context'
import { useAppStore } from '../store'
import { EmptyState } from './EmptyState'
import { RootList } from './RootList'

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`
}

function summary(state: AppState | null, connectionError: string | null): string {
  if (connectionError) return 'Not connected'
  if (!state) return 'Connecting…'
  if (!state.user) return 'Signed out'
  if (state.paused) return 'Paused'
  if (state.issues.length > 0) {
    return `${count(state.issues.length, 'file needs', 'files need')} attention`
  }
  const troubled = state.roots.filter((root) => root.status === 'attention').length
  if (troubled > 0) return `${count(troubled, 'folder needs', 'folders need')} attention`
  if (state.transfers.length > 0) return `Syncing ${count(state.transfers.length, 'file', 'files')}`
  if (state.roots.length > 0 && state.roots.every((root) => root.status === 'offline')) {
    return 'Offline'
  }
  return state.roots.length > 0 ? 'Up to date' : state.user.email
}

function Body({
  state,
  connectionError,
}: {
  state: AppState | null
  connectionError: string | null
}) {
  if (!state) {
    if (!connectionError) return <p className="loading">Connecting…</p>
    return (
      <EmptyState title="Can't reach Frame.io Sync">
        {connectionError}. Quit and open the app again if this lasts.
      </EmptyState>
    )
  }
  if (!state.user) {
    return (
      <EmptyState title="You're signed out">
        Frame.io Sync keeps folders on this computer in step with your Frame.io projects. Sign in
        with your Adobe ID to choose what to sync.
      </EmptyState>
    )
  }
  if (state.roots.length === 0) {
    return (
      <EmptyState title="No folders yet">
        Pair a Frame.io project with a folder on this computer: new files then move both ways on
        their own, checked byte for byte.
      </EmptyState>
    )
  }
  return <RootList roots={state.roots} />
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function Popover() {
  const api = useApi()
  const state = useAppStore((store) => store.state)
  const connectionError = useAppStore((store) => store.connectionError)
  const [actionError, setActionError] = useState<string | null>(null)
  const quit = () => {
    setActionError(null)
    api
      .invoke('app:quit')
      .catch((error: unknown) => setActionError(`Could not quit: ${describe(error)}`))
  }
  // With a last known state on screen, a lost connection is a banner above it, not a blank page.
  const alert = actionError ?? (state ? connectionError : null)
  return (
    <main className="popover">
      <header className="popover-header">
        <h1>Frame.io Sync</h1>
        <p className="summary" role="status" aria-live="polite">
          {summary(state, connectionError)}
        </p>
      </header>
      {alert && (
        <p className="banner" role="alert">
          {alert}
        </p>
      )}
      <div className="popover-body">
        <Body state={state} connectionError={connectionError} />
      </div>
      <footer className="popover-footer">
        <button type="button" onClick={quit}>
          Quit
        </button>
      </footer>
    </main>
  )
}
