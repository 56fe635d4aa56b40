// The activity screen: what moved or went wrong in the last 7 days, filtered by folder and kind.
// Fetched when the screen opens, when a filter changes and on Refresh; never polled.
import { useCallback, useState } from 'react'
import type { ActivityItem, InvokeRequest, SyncRoot } from '../../shared'
import { useApi } from '../api/context'
import { useAppStore } from '../store'
import { baseName, describeError } from '../format'
import { ActivityList, activityKindLabels } from './ActivityList'
import { EmptyState } from './EmptyState'
import { ScreenHeader } from './ScreenHeader'
import { useLoadable } from './useLoadable'
import './ActivityView.css'

type ActivityKind = ActivityItem['kind']
type Filter = NonNullable<InvokeRequest<'activity:list'>>

const noRoots: SyncRoot[] = []
const kinds = Object.keys(activityKindLabels) as ActivityKind[]

function isKind(value: string): value is ActivityKind {
  return (kinds as string[]).includes(value)
}

export function ActivityView() {
  const api = useApi()
  const roots = useAppStore((store) => store.state?.roots ?? noRoots)
  const [rootId, setRootId] = useState('')
  const [kind, setKind] = useState<ActivityKind | ''>('')
  const load = useCallback(() => {
    const filter: Filter = {
      ...(rootId ? { rootId } : {}),
      ...(kind ? { kind } : {}),
    }
    return api.invoke('activity:list', filter)
  }, [api, rootId, kind])
  const { result, reload } = useLoadable(load)
  const filtered = rootId !== '' || kind !== ''

  return (
    <main className="screen">
      <ScreenHeader title="Activity">
        <button type="button" onClick={reload} disabled={result.status === 'loading'}>
          Refresh
        </button>
      </ScreenHeader>
      <div className="activity-filters">
        <label>
          Folder
          <select value={rootId} onChange={(event) => setRootId(event.target.value)}>
            <option value="">All folders</option>
            {roots.map((root) => (
              <option key={root.id} value={root.id}>
                {baseName(root.localPath)} ({root.projectName})
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select
            value={kind}
            onChange={(event) => setKind(isKind(event.target.value) ? event.target.value : '')}
          >
            <option value="">Everything</option>
            {kinds.map((value) => (
              <option key={value} value={value}>
                {activityKindLabels[value]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="screen-body" aria-busy={result.status === 'loading'}>
        {result.status === 'loading' && <p className="loading">Loading activity…</p>}
        {result.status === 'failed' && (
          <p className="screen-message is-error" role="alert">
            Could not load the activity: {describeError(result.error)}
            <button type="button" onClick={reload}>
              Try again
            </button>
          </p>
        )}
        {result.status === 'ready' && result.value.length === 0 && (
          <EmptyState title={filtered ? 'Nothing matches' : 'No activity yet'}>
            {filtered
              ? 'Nothing matching these filters happened in the last 7 days.'
              : 'Uploads, downloads and problems of the last 7 days show up here.'}
          </EmptyState>
        )}
        {result.status === 'ready' && result.value.length > 0 && (
          <ActivityList items={result.value} roots={roots} showFolder={rootId === ''} />
        )}
      </div>
    </main>
  )
}
