// The picker's local folder: the system's folder chooser where the app has one, and a path field
// that always works (a browser has no chooser, so there it is the only way).
import { describeError } from '../format'
import { useState } from 'react'
import { IpcError } from '../../shared'
import { useApi } from '../api/context'

export const localPathId = 'picker-local-path'
const errorId = 'picker-local-path-error'
const noteId = 'picker-local-path-note'

export function LocalFolderField({
  value,
  onChange,
  error,
}: {
  value: string
  onChange: (path: string) => void
  error: string | undefined
}) {
  const api = useApi()
  const [canChoose, setCanChoose] = useState(true)
  const [chooseProblem, setChooseProblem] = useState<string | null>(null)

  const choose = () => {
    setChooseProblem(null)
    api.invoke('dialog:chooseFolder').then(
      ({ path }) => {
        if (path !== null) onChange(path)
      },
      (failure: unknown) => {
        if (failure instanceof IpcError && failure.code === 'failed') setCanChoose(false)
        else setChooseProblem(`Could not open the folder chooser: ${describeError(failure)}`)
      },
    )
  }

  const problem = error ?? chooseProblem
  const describedBy = [canChoose ? null : noteId, problem ? errorId : null].filter(Boolean)
  return (
    <div className="field">
      <label htmlFor={localPathId}>Folder on this computer</label>
      <div className="folder-row">
        <input
          id={localPathId}
          type="text"
          value={value}
          placeholder="Full path of the folder"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy.length > 0 ? describedBy.join(' ') : undefined}
        />
        {canChoose && (
          <button type="button" onClick={choose}>
            Choose…
          </button>
        )}
      </div>
      {!canChoose && (
        <p className="field-note" id={noteId}>
          This window cannot open a folder chooser: type the folder’s full path instead.
        </p>
      )}
      {problem && (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      )}
    </div>
  )
}
