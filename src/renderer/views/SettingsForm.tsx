// The settings form: edits a working copy and saves only what changed, with one Save button rather
// than per field, so half-typed values (an amount before its unit) never reach the running engine.
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { IpcError, type Settings } from '../../shared'
import { useApi } from '../api/context'
import {
  type FieldName,
  type FieldProblems,
  type SettingsDraft,
  changedSettings,
  draftFrom,
  fieldNamed,
  firstProblem,
  readDraft,
} from './settings-draft'
import { AdvancedSection } from './SettingsAdvanced'
import { controlId } from './SettingsFields'
import { GeneralSection, NewFilesSection, TransfersSection } from './SettingsSections'

interface ServiceProblem {
  field: FieldName | undefined
  message: string
}

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`
}

export function SettingsForm({ initial }: { initial: Settings }) {
  const api = useApi()
  const [saved, setSaved] = useState(initial)
  const [draft, setDraft] = useState(() => draftFrom(initial))
  // Problems show from the first refused save on, and then follow the typing until fixed.
  const [checking, setChecking] = useState(false)
  const [saving, setSaving] = useState(false)
  const [status, setStatus] = useState('')
  const [serviceProblem, setServiceProblem] = useState<ServiceProblem | null>(null)
  const [advancedOpen, setAdvancedOpen] = useState(false)
  const focusAfterRender = useRef<FieldName | null>(null)
  const saveButton = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (focusAfterRender.current === null) return
    document.getElementById(controlId(focusAfterRender.current))?.focus()
    focusAfterRender.current = null
  })

  const reading = readDraft(draft)
  const problems: FieldProblems = checking && !reading.ok ? { ...reading.problems } : {}
  if (serviceProblem?.field) problems[serviceProblem.field] = serviceProblem.message
  const unsaved = JSON.stringify(draft) !== JSON.stringify(draftFrom(saved))

  const edit = (change: Partial<SettingsDraft>) => {
    setDraft((current) => ({ ...current, ...change }))
    setStatus('')
    setServiceProblem(null)
  }

  const showProblemAt = (field: FieldName) => {
    if (field.startsWith('api.')) setAdvancedOpen(true)
    focusAfterRender.current = field
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    if (saving) return
    setServiceProblem(null)
    if (!reading.ok) {
      const n = Object.keys(reading.problems).length
      setChecking(true)
      setStatus(`Not saved: ${count(n, 'setting needs', 'settings need')} a different value.`)
      const first = firstProblem(reading.problems)
      if (first) showProblemAt(first)
      return
    }
    const changes = changedSettings(saved, reading.settings)
    if (Object.keys(changes).length === 0) {
      setStatus('Nothing to save: no setting has changed.')
      return
    }
    setSaving(true)
    setStatus('Saving…')
    try {
      const next = await api.invoke('settings:update', changes)
      setSaved(next)
      setDraft(draftFrom(next))
      setChecking(false)
      setStatus('Saved.')
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const field = error instanceof IpcError ? fieldNamed(error.field) : undefined
      setServiceProblem({ field, message })
      setStatus('Not saved.')
      if (field) showProblemAt(field)
    } finally {
      setSaving(false)
    }
  }

  const discard = () => {
    if (saving) return
    // The Discard button goes away with the changes; focus stays in the form's actions.
    saveButton.current?.focus()
    setDraft(draftFrom(saved))
    setChecking(false)
    setServiceProblem(null)
    setStatus('Changes discarded.')
  }

  const sections = { draft, problems, edit }
  return (
    <form className="settings-form" noValidate onSubmit={save} aria-label="Preferences">
      <GeneralSection {...sections} />
      <TransfersSection {...sections} />
      <NewFilesSection {...sections} />
      <AdvancedSection {...sections} open={advancedOpen} onOpenChange={setAdvancedOpen} />
      <div className="settings-actions">
        {serviceProblem && !serviceProblem.field && (
          <p className="settings-problem" role="alert">
            Could not save: {serviceProblem.message}
          </p>
        )}
        <p className="settings-status" role="status">
          {status}
        </p>
        <div className="settings-buttons">
          {unsaved && (
            <button type="button" onClick={discard}>
              Discard changes
            </button>
          )}
          {/* aria-disabled rather than disabled, so focus stays on the button while saving. */}
          <button type="submit" ref={saveButton} className="primary" aria-disabled={saving}>
            Save
          </button>
        </div>
      </div>
    </form>
  )
}
