// The picker's readiness window: how long a new local file must stay unchanged before upload.
export const readinessId = 'picker-ready-after'
const hintId = 'picker-ready-after-hint'
const errorId = 'picker-ready-after-error'

function hint(seconds: number | undefined | null): string {
  if (seconds === undefined) {
    return 'Upload a new file once it has stopped changing. Left empty, the default from Settings applies.'
  }
  if (seconds === null) return 'Upload a new file once it has not changed for this many seconds.'
  return `Upload a new file once it has not changed for ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
}

export function ReadinessField({
  value,
  seconds,
  onChange,
  error,
}: {
  value: string
  /** The value read as seconds: undefined when empty, null when not a valid number. */
  seconds: number | undefined | null
  onChange: (text: string) => void
  error: string | undefined
}) {
  return (
    <div className="field">
      <label htmlFor={readinessId}>Wait before uploading</label>
      <div className="seconds-row">
        <input
          id={readinessId}
          type="text"
          inputMode="numeric"
          value={value}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        />
        <span>seconds</span>
      </div>
      <p className="field-note" id={hintId}>
        {hint(seconds)}
      </p>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  )
}
