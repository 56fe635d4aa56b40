// One synced folder: its name, project, path and mode, a state chip, and pause or resume, open
// folder and remove (after a confirmation).
import { useEffect, useRef, useState } from 'react'
import type { SyncRoot } from '../../shared'
import { useApi } from '../api/context'
import { baseName } from '../format'
import { RemoveConfirmation } from './RemoveConfirmation'
import { modeText, rootChip, rootReason } from './rootChip'
import { useAction } from './useAction'

export function RootCard({
  root,
  moving,
  allPaused,
}: {
  root: SyncRoot
  /** Transfers of this folder in flight. */
  moving: number
  /** Everything is paused: only "Resume all" in the header lifts that, so no per-folder toggle. */
  allPaused: boolean
}) {
  const api = useApi()
  const { run, error, busy } = useAction()
  const [confirming, setConfirming] = useState(false)
  const removeButton = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  useEffect(() => {
    if (confirming || !returnFocus.current) return
    returnFocus.current = false
    removeButton.current?.focus()
  }, [confirming])

  const name = baseName(root.localPath)
  const chip = rootChip(root, moving)
  const reason = rootReason(root)
  const rootId = root.id
  const paused = root.status === 'paused'
  const togglePause = () =>
    void (paused
      ? run(`Could not resume ${name}`, () => api.invoke('roots:resume', { rootId }))
      : run(`Could not pause ${name}`, () => api.invoke('roots:pause', { rootId })))
  const openFolder = () =>
    void run(`Could not open ${name}`, () => api.invoke('roots:openFolder', { rootId }))
  const openInFrameio = () =>
    void run(`Could not open ${name} in Frame.io`, () =>
      api.invoke('roots:openInFrameio', { rootId }),
    )
  const cancelRemove = () => {
    returnFocus.current = true
    setConfirming(false)
  }
  const remove = async () => {
    const removed = await run(`Could not remove ${name}`, () =>
      api.invoke('roots:remove', { rootId }),
    )
    if (!removed) cancelRemove()
  }

  return (
    <li className="root-card">
      <div className="root-head">
        <h3 className="root-folder">{name}</h3>
        <span className={`chip chip-${chip.tone}`}>{chip.text}</span>
      </div>
      <p className="root-project">
        {root.projectName} · {modeText[root.mode]}
      </p>
      <p className="root-path">{root.localPath}</p>
      {reason && <p className="root-reason">{reason}</p>}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <RemoveConfirmation
          root={root}
          busy={busy}
          onConfirm={() => void remove()}
          onCancel={cancelRemove}
        />
      ) : (
        <div className="actions">
          {!allPaused && (
            <button
              type="button"
              aria-label={`${paused ? 'Resume' : 'Pause'} ${name}`}
              onClick={togglePause}
              disabled={busy}
            >
              {paused ? 'Resume' : 'Pause'}
            </button>
          )}
          <button type="button" aria-label={`Open folder ${name}`} onClick={openFolder}>
            Open folder
          </button>
          <button type="button" aria-label={`Open ${name} in Frame.io`} onClick={openInFrameio}>
            Open in Frame.io
          </button>
          <button
            type="button"
            ref={removeButton}
            aria-label={`Remove ${name}`}
            onClick={() => setConfirming(true)}
          >
            Remove
          </button>
        </div>
      )}
    </li>
  )
}
