// The synced folders, one row each: local folder, Frame.io project, and where it stands.
import type { SyncRoot } from '../../shared'

const statusText: Record<SyncRoot['status'], string> = {
  idle: 'Up to date',
  syncing: 'Syncing',
  paused: 'Paused',
  offline: 'Offline',
  attention: 'Needs attention',
}

function folderName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path
}

export function RootList({ roots }: { roots: SyncRoot[] }) {
  return (
    <ul className="root-list" aria-label="Synced folders">
      {roots.map((root) => (
        <li key={root.id} className="root-row">
          <div className="root-names">
            <span className="root-folder" title={root.localPath}>
              {folderName(root.localPath)}
            </span>
            <span className="root-project">{root.projectName}</span>
          </div>
          <span
            className={`root-status status-${root.status}`}
            title={root.statusReason ?? undefined}
          >
            {statusText[root.status]}
          </span>
        </li>
      ))}
    </ul>
  )
}
