// Labelled controls for the settings form: each has its hint and its problem tied to it for
// screen readers, and an id the form focuses when the problem needs fixing.
import type { ReactNode } from 'react'
import { type FieldName, type WholeNumberSetting, wholeNumberRange } from './settings-draft'
import {
  type RateDraft,
  type RateSetting,
  describeRate,
  rateUnits,
  readRate,
} from './settings-rate'

export function controlId(field: FieldName): string {
  return `setting-${field.replace('.', '-')}`
}

/** The attributes that tie a control to its hint and problem. */
export function fieldAria(field: FieldName, hasHint: boolean, problem: string | undefined) {
  const id = controlId(field)
  const notes = [hasHint ? `${id}-hint` : '', problem === undefined ? '' : `${id}-problem`]
  const describedBy = notes.filter((note) => note !== '').join(' ')
  return {
    id,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    'aria-invalid': problem !== undefined,
  }
}

export function FieldNotes({
  field,
  hint,
  problem,
}: {
  field: FieldName
  hint?: ReactNode
  problem: string | undefined
}) {
  const id = controlId(field)
  return (
    <>
      {hint !== undefined && (
        <p id={`${id}-hint`} className="settings-hint">
          {hint}
        </p>
      )}
      {problem !== undefined && (
        <p id={`${id}-problem`} className="settings-problem">
          {problem}
        </p>
      )}
    </>
  )
}

export function WholeNumberField({
  setting,
  label,
  hint,
  value,
  problem,
  onChange,
}: {
  setting: WholeNumberSetting
  label: string
  /** What the number means; the allowed range is added from the shared schema. */
  hint: string
  value: string
  problem: string | undefined
  onChange: (value: string) => void
}) {
  const { min, max } = wholeNumberRange(setting)
  return (
    <div className="settings-field">
      <label htmlFor={controlId(setting)}>{label}</label>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...fieldAria(setting, true, problem)}
      />
      <FieldNotes field={setting} hint={`${hint} From ${min} to ${max}.`} problem={problem} />
    </div>
  )
}

export function RateField({
  setting,
  label,
  value,
  problem,
  onChange,
}: {
  setting: RateSetting
  label: string
  value: RateDraft
  problem: string | undefined
  onChange: (value: RateDraft) => void
}) {
  const reading = readRate(value, setting)
  const words = reading.ok ? describeRate(reading.bytesPerSecond) : '0 means no limit.'
  return (
    <div className="settings-field">
      <label htmlFor={controlId(setting)}>{label}</label>
      <div className="settings-rate">
        <input
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={value.amount}
          onChange={(event) => onChange({ ...value, amount: event.target.value })}
          {...fieldAria(setting, true, problem)}
        />
        <select
          aria-label={`${label}, unit`}
          value={value.unit}
          onChange={(event) =>
            onChange({
              ...value,
              unit: rateUnits.find((unit) => unit === event.target.value) ?? value.unit,
            })
          }
        >
          {rateUnits.map((unit) => (
            <option key={unit} value={unit}>
              {unit}/s
            </option>
          ))}
        </select>
      </div>
      <FieldNotes field={setting} hint={words} problem={problem} />
    </div>
  )
}

export function TextField({
  field,
  label,
  hint,
  value,
  problem,
  onChange,
}: {
  field: FieldName
  label: string
  hint: string
  value: string
  problem: string | undefined
  onChange: (value: string) => void
}) {
  return (
    <div className="settings-field">
      <label htmlFor={controlId(field)}>{label}</label>
      <input
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...fieldAria(field, true, problem)}
      />
      <FieldNotes field={field} hint={hint} problem={problem} />
    </div>
  )
}
