// The picker's sync direction: two-way, upload only or download only, each explained in a line.
import type { SyncMode } from '../../shared'

const modes: ReadonlyArray<{ mode: SyncMode; label: string; explanation: string }> = [
  {
    mode: 'two-way',
    label: 'Two-way',
    explanation: 'New files here go to Frame.io, and new files in Frame.io come here.',
  },
  {
    mode: 'upload-only',
    label: 'Upload only',
    explanation: 'New files here go to Frame.io; nothing is downloaded.',
  },
  {
    mode: 'download-only',
    label: 'Download only',
    explanation: 'New files in Frame.io come here; nothing is uploaded.',
  },
]

export const modeFirstId = 'picker-mode-two-way'
const errorId = 'picker-mode-error'

export function ModeField({
  value,
  onChange,
  error,
}: {
  value: SyncMode
  onChange: (mode: SyncMode) => void
  error: string | undefined
}) {
  return (
    <fieldset className="field" aria-describedby={error ? errorId : undefined}>
      <legend>Direction</legend>
      {modes.map(({ mode, label, explanation }) => (
        <div key={mode} className="mode-option">
          <input
            id={`picker-mode-${mode}`}
            type="radio"
            name="picker-mode"
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
            aria-describedby={`picker-mode-${mode}-explanation`}
          />
          <label htmlFor={`picker-mode-${mode}`}>{label}</label>
          <span className="mode-explanation" id={`picker-mode-${mode}-explanation`}>
            {explanation}
          </span>
        </div>
      ))}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  )
}
