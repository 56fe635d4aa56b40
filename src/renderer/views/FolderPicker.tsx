// The folder picker (its own small window in the app, a screen in the browser): which Frame.io
// project, which local folder, which direction and how long new files settle; then roots:add.
import { type FormEvent, useCallback, useState } from 'react'
import { IpcError, type SyncMode } from '../../shared'
import { useApi } from '../api/context'
import { navigate } from '../route'
import { baseName, describeError } from '../format'
import { type ChosenProject, projectSearchId } from './AccountProjects'
import { LocalFolderField, localPathId } from './LocalFolderField'
import { ModeField, modeFirstId } from './ModeField'
import { ProjectChooser } from './ProjectChooser'
import { ReadinessField, readinessId } from './ReadinessField'
import { ScreenHeader } from './ScreenHeader'
import { useLoadable } from './useLoadable'
import './FolderPicker.css'

const fields = ['projectId', 'localPath', 'mode', 'readyAfterSeconds'] as const
type Field = (typeof fields)[number]
type FieldErrors = Partial<Record<Field, string>>

const fieldIds: Record<Field, string> = {
  projectId: projectSearchId,
  localPath: localPathId,
  mode: modeFirstId,
  readyAfterSeconds: readinessId,
}

function isField(name: string | undefined): name is Field {
  return (fields as readonly (string | undefined)[]).includes(name)
}

/** A whole number of seconds in range, undefined when left empty, null when not acceptable. */
function parseSeconds(text: string): number | undefined | null {
  if (text.trim() === '') return undefined
  if (!/^\d+$/.test(text.trim())) return null
  const seconds = Number(text)
  return seconds <= 86_400 ? seconds : null
}

interface AddedFolder {
  projectName: string
  localPath: string
}

// Stable, so React calls it once when the element appears rather than on every render.
const focusOnMount = (element: HTMLElement | null) => element?.focus()

function AddedPanel({ added, onAnother }: { added: AddedFolder; onAnother: () => void }) {
  return (
    <section className="picker-added" aria-labelledby="picker-added-title">
      <h2 id="picker-added-title" tabIndex={-1} ref={focusOnMount}>
        Folder added
      </h2>
      <p>
        {baseName(added.localPath)} now syncs with “{added.projectName}” in Frame.io. Its files
        start moving in a moment.
      </p>
      <div className="form-actions">
        <button type="button" onClick={onAnother}>
          Add another
        </button>
        <button type="button" className="primary" onClick={() => navigate('popover')}>
          Done
        </button>
      </div>
    </section>
  )
}

export function FolderPicker() {
  const api = useApi()
  const settings = useLoadable(useCallback(() => api.invoke('settings:get'), [api]))
  const [project, setProject] = useState<ChosenProject | null>(null)
  const [localPath, setLocalPath] = useState('')
  const [mode, setMode] = useState<SyncMode>('two-way')
  // null until the person types: until then the field shows the default from Settings.
  const [typedSeconds, setTypedSeconds] = useState<string | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [added, setAdded] = useState<AddedFolder | null>(null)

  const defaults = settings.result.status === 'ready' ? settings.result.value : null
  const secondsText = typedSeconds ?? (defaults ? String(defaults.readyAfterSeconds) : '')

  const edited = (field: Field) =>
    setErrors((current) => {
      const rest = { ...current }
      delete rest[field]
      return rest
    })
  const showErrors = (found: FieldErrors) => {
    setErrors(found)
    const first = fields.find((field) => found[field])
    if (first) document.getElementById(fieldIds[first])?.focus()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    const seconds = parseSeconds(secondsText)
    const found: FieldErrors = {}
    if (!project) found.projectId = 'Choose the Frame.io project to sync.'
    if (localPath.trim() === '') {
      found.localPath = 'Choose a folder on this computer, or type its full path.'
    }
    if (seconds === null) {
      found.readyAfterSeconds = 'Enter a whole number of seconds, from 0 to 86400 (a day).'
    }
    if (!project || seconds === null || Object.keys(found).length > 0) return showErrors(found)
    setSubmitting(true)
    const request = {
      projectId: project.id,
      localPath,
      mode,
      ...(seconds === undefined ? {} : { readyAfterSeconds: seconds }),
    }
    api.invoke('roots:add', request).then(
      () => {
        setSubmitting(false)
        setAdded({ projectName: project.name, localPath })
      },
      (error: unknown) => {
        setSubmitting(false)
        if (error instanceof IpcError && isField(error.field)) {
          showErrors({ [error.field]: error.message })
        } else {
          setFormError(`Could not add the folder: ${describeError(error)}`)
        }
      },
    )
  }

  const addAnother = () => {
    setProject(null)
    setLocalPath('')
    setMode('two-way')
    setTypedSeconds(null)
    setErrors({})
    setAdded(null)
  }

  return (
    <main className="screen picker">
      <ScreenHeader title="Add a folder" />
      <div className="screen-body">
        {added ? (
          <AddedPanel added={added} onAnother={addAnother} />
        ) : (
          <form className="picker-form" noValidate onSubmit={submit} aria-busy={submitting}>
            {formError && (
              <p className="form-error" role="alert">
                {formError}
              </p>
            )}
            <ProjectChooser
              value={project}
              onChange={(chosen) => {
                setProject(chosen)
                edited('projectId')
              }}
              error={errors.projectId}
            />
            <LocalFolderField
              value={localPath}
              onChange={(path) => {
                setLocalPath(path)
                edited('localPath')
              }}
              error={errors.localPath}
            />
            <ModeField
              value={mode}
              onChange={(chosen) => {
                setMode(chosen)
                edited('mode')
              }}
              error={errors.mode}
            />
            <ReadinessField
              value={secondsText}
              seconds={parseSeconds(secondsText)}
              onChange={(text) => {
                setTypedSeconds(text)
                edited('readyAfterSeconds')
              }}
              error={errors.readyAfterSeconds}
            />
            <div className="form-actions">
              <button type="submit" className="primary" disabled={submitting}>
                {submitting ? 'Adding…' : 'Start syncing'}
              </button>
            </div>
          </form>
        )}
      </div>
    </main>
  )
}
