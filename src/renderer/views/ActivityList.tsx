// The activity entries, newest first: what happened, to which file, in which folder, size, when.
import type { ActivityItem, SyncRoot } from '../../shared'
import { baseName, formatBytes } from '../format'
import { useNow } from './useNow'
import { When } from './When'

export const activityKindLabels: Record<ActivityItem['kind'], string> = {
  uploaded: 'Uploaded',
  downloaded: 'Downloaded',
  linked: 'Matched existing file',
  issue: 'Problem',
  'deleted-remembered': 'Deletion remembered',
}

export function ActivityList({
  items,
  roots,
  showFolder,
}: {
  items: ActivityItem[]
  roots: SyncRoot[]
  showFolder: boolean
}) {
  const now = useNow()
  const newestFirst = items.toSorted((a, b) => Date.parse(b.at) - Date.parse(a.at))
  return (
    <ul className="activity-list" aria-label="Activity">
      {newestFirst.map((item) => {
        const root = showFolder ? roots.find((candidate) => candidate.id === item.rootId) : null
        return (
          <li key={item.id} className="activity-row">
            <div className="activity-main">
              <span className={`activity-kind kind-${item.kind}`}>
                {activityKindLabels[item.kind]}
              </span>
              <span className="activity-path">{item.path}</span>
            </div>
            <div className="activity-meta">
              {root && <span title={root.localPath}>{baseName(root.localPath)}</span>}
              {item.bytes > 0 && <span>{formatBytes(item.bytes)}</span>}
              <When at={item.at} now={now} />
            </div>
          </li>
        )
      })}
    </ul>
  )
}
