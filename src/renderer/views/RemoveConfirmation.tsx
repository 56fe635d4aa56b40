// Asks before a folder stops syncing, saying plainly that nothing is deleted on either side.
import type { SyncRoot } from '../../shared'
import { baseName } from '../format'

export function RemoveConfirmation({
  root,
  busy,
  onConfirm,
  onCancel,
}: {
  root: SyncRoot
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const name = baseName(root.localPath)
  return (
    <div
      className="confirm"
      role="group"
      aria-label={`Remove ${name}?`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel()
      }}
    >
      <p>
        Stop syncing {name} with {root.projectName}? Nothing is deleted on either side: the files
        stay in this folder and in Frame.io.
      </p>
      <div className="actions">
        <button
          type="button"
          className="danger"
          aria-label={`Stop syncing ${name}`}
          onClick={onConfirm}
          disabled={busy}
        >
          Stop syncing
        </button>
        {/* The safe choice takes the focus, so Enter right after "Remove" changes nothing. */}
        <button type="button" aria-label={`Keep syncing ${name}`} onClick={onCancel} autoFocus>
          Keep syncing
        </button>
      </div>
    </div>
  )
}
