// The popover header's one-line answer to "how is it going?", from the latest state.
import type { AppState } from '../../shared'
import { countOf } from '../format'

export function summary(state: AppState | null, connectionError: string | null): string {
  if (connectionError) return 'Not connected'
  if (!state) return 'Connecting…'
  if (!state.user) return state.signIn.status === 'waiting' ? 'Signing in…' : 'Signed out'
  if (state.paused) return 'Paused'
  if (state.issues.length > 0) {
    return `${countOf(state.issues.length, 'file needs', 'files need')} attention`
  }
  const troubled = state.roots.filter((root) => root.status === 'attention').length
  if (troubled > 0) return `${countOf(troubled, 'folder needs', 'folders need')} attention`
  if (state.transfers.length > 0) return `Syncing ${countOf(state.transfers.length, 'file')}`
  const offline = state.roots.filter((root) => root.status === 'offline').length
  if (offline > 0) {
    return offline === state.roots.length
      ? 'Offline'
      : `${countOf(offline, 'folder is', 'folders are')} offline`
  }
  if (state.settling.length > 0) {
    return `Waiting for ${countOf(state.settling.length, 'file')} to settle`
  }
  return state.roots.length > 0 ? 'Up to date' : 'Nothing synced yet'
}
