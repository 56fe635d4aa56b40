// The sync issues screen: every file that could not be synced, why, and what can be done about it.
import type { AppState } from '../../shared'
import { useAppStore } from '../store'
import { EmptyState } from './EmptyState'
import { IssueRow } from './IssueRow'
import { ScreenHeader } from './ScreenHeader'
import { useNow } from './useNow'
import './IssuesView.css'

function IssueList({ state }: { state: AppState }) {
  const now = useNow()
  if (state.issues.length === 0) {
    return <EmptyState title="No issues">Everything that could be synced is in step.</EmptyState>
  }
  const newestFirst = state.issues.toSorted((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return (
    <ul className="issue-list" aria-label="Sync issues">
      {newestFirst.map((issue) => (
        <IssueRow
          key={issue.id}
          issue={issue}
          root={state.roots.find((root) => root.id === issue.rootId)}
          now={now}
        />
      ))}
    </ul>
  )
}

export function IssuesView() {
  const state = useAppStore((store) => store.state)
  const connectionError = useAppStore((store) => store.connectionError)
  return (
    <main className="screen">
      <ScreenHeader title="Sync issues" />
      <div className="screen-body">
        {state ? (
          <IssueList state={state} />
        ) : connectionError ? (
          <EmptyState title="Can't reach Frame.io Sync">
            {connectionError}. Quit and open the app again if this lasts.
          </EmptyState>
        ) : (
          <p className="loading">Loading issues…</p>
        )}
      </div>
    </main>
  )
}
