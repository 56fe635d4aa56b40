// The popover's footer: what is moving in total, links to Activity, Issues and Settings, and Quit.
import type { MouseEvent } from 'react'
import type { AppState } from '../../shared'
import { useApi } from '../api/context'
import { countOf, formatBytes } from '../format'
import { type Route, navigate } from '../route'
import { useAction } from './useAction'

function totals(state: AppState): string | null {
  const parts: string[] = []
  if (state.transfers.length > 0) {
    const speed = state.transfers.reduce((sum, transfer) => sum + transfer.bytesPerSecond, 0)
    parts.push(`${countOf(state.transfers.length, 'file')} moving · ${formatBytes(speed)}/s`)
  }
  if (state.settling.length > 0) parts.push(`${countOf(state.settling.length, 'file')} settling`)
  return parts.length > 0 ? parts.join(' · ') : null
}

function ScreenLink({ route, children }: { route: Route; children: string }) {
  const follow = (event: MouseEvent) => {
    event.preventDefault()
    navigate(route)
  }
  return (
    <a href={`#${route}`} onClick={follow}>
      {children}
    </a>
  )
}

export function PopoverFooter({ state }: { state: AppState | null }) {
  const api = useApi()
  const { run, error } = useAction()
  const quit = () => void run('Could not quit', () => api.invoke('app:quit'))
  const moving = state?.user ? totals(state) : null
  const issues = state?.issues.length ?? 0
  return (
    <footer className="popover-footer">
      {moving && <p className="totals">{moving}</p>}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      <div className="footer-row">
        {state && (
          <nav aria-label="Other screens" className="footer-links">
            {state.user && <ScreenLink route="activity">Activity</ScreenLink>}
            {state.user && (
              <ScreenLink route="issues">{issues > 0 ? `Issues (${issues})` : 'Issues'}</ScreenLink>
            )}
            <ScreenLink route="settings">Settings</ScreenLink>
          </nav>
        )}
        <button type="button" onClick={quit}>
          Quit
        </button>
      </div>
    </footer>
  )
}
