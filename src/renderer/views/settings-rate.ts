// Bandwidth limits as people type and read them (KB/s or MB/s, decimal units as file managers
// use), converted to and from whole bytes per second exactly: decimal strings, never floats.
import { settingsSchema } from '../../shared'

export type RateUnit = 'KB' | 'MB'

/** Decimal places that still name whole bytes: 1 KB = 10^3 bytes, 1 MB = 10^6 bytes. */
const unitDigits: Record<RateUnit, number> = { KB: 3, MB: 6 }

export const rateUnits: readonly RateUnit[] = ['KB', 'MB']

export interface RateDraft {
  amount: string
  unit: RateUnit
}

export type RateReading = { ok: true; bytesPerSecond: number } | { ok: false; problem: string }
export type RateSetting = 'uploadBytesPerSecond' | 'downloadBytesPerSecond'

const decimal = /^(\d*)(?:\.(\d*))?$/

/** The bytes per second a typed amount means, or why it cannot be used. */
export function readRate({ amount, unit }: RateDraft, setting: RateSetting): RateReading {
  const text = amount.trim()
  const match = decimal.exec(text)
  const whole = match?.[1] ?? ''
  const fraction = (match?.[2] ?? '').replace(/0+$/, '')
  if (!match || (whole === '' && (match[2] ?? '') === '')) {
    return { ok: false, problem: 'Enter a number such as 2.5, or 0 for no limit.' }
  }
  const digits = unitDigits[unit]
  if (fraction.length > digits) {
    return {
      ok: false,
      problem: `Use at most ${digits} decimal places with ${unit}/s, so the limit is a whole number of bytes.`,
    }
  }
  const bytes = BigInt(`${whole}${fraction.padEnd(digits, '0')}`)
  const checked = settingsSchema.shape[setting].safeParse(
    bytes > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(bytes),
  )
  if (!checked.success)
    return { ok: false, problem: 'That limit is too large; use 0 for no limit.' }
  return { ok: true, bytesPerSecond: checked.data }
}

/** A stored limit in the unit that reads best: MB/s from one megabyte up, KB/s below. */
export function rateDraft(bytesPerSecond: number): RateDraft {
  const unit: RateUnit = bytesPerSecond >= 1_000_000 || bytesPerSecond === 0 ? 'MB' : 'KB'
  return { amount: inUnit(bytesPerSecond, unit), unit }
}

/** A limit in words: "No limit", or "Up to 2.5 MB/s (2,500,000 bytes per second)". */
export function describeRate(bytesPerSecond: number): string {
  if (bytesPerSecond === 0) return 'No limit'
  const { amount, unit } = rateDraft(bytesPerSecond)
  const bytes = bytesPerSecond === 1 ? 'byte' : 'bytes'
  return `Up to ${amount} ${unit}/s (${bytesPerSecond.toLocaleString('en-US')} ${bytes} per second)`
}

function inUnit(bytesPerSecond: number, unit: RateUnit): string {
  const digits = unitDigits[unit]
  const padded = String(bytesPerSecond).padStart(digits + 1, '0')
  const whole = padded.slice(0, -digits)
  const fraction = padded.slice(-digits).replace(/0+$/, '')
  return fraction === '' ? whole : `${whole}.${fraction}`
}
