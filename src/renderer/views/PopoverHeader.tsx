// The popover's header: the app, the signed-in account, the overall state, and pause or resume
// of everything.
import type { AppState } from '../../shared'
import { useApi } from '../api/context'
import { summary } from './summary'
import { SyncMark } from './SyncMark'
import { useAction } from './useAction'

export function PopoverHeader({
  state,
  connectionError,
}: {
  state: AppState | null
  connectionError: string | null
}) {
  const api = useApi()
  const { run, error, busy } = useAction()
  const user = state?.user ?? null
  const canPause = user !== null && state !== null && state.roots.length > 0
  const toggle = () =>
    void (state?.paused
      ? run('Could not resume syncing', () => api.invoke('roots:resume', {}))
      : run('Could not pause syncing', () => api.invoke('roots:pause', {})))
  return (
    <header className="popover-header">
      <div className="header-row">
        <SyncMark size={22} />
        <div className="header-text">
          <h1>Frame.io Sync</h1>
          <p className="summary" role="status" aria-live="polite">
            {summary(state, connectionError)}
          </p>
        </div>
        {canPause && (
          <button type="button" onClick={toggle} disabled={busy}>
            {state.paused ? 'Resume all' : 'Pause all'}
          </button>
        )}
      </div>
      {user && (
        <p className="account">
          <span className="account-name">{user.name || user.email}</span>
          {user.name && <span className="account-email">{user.email}</span>}
        </p>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </header>
  )
}
