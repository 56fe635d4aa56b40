// Numbers, sizes, durations and paths worded for people, shared by the renderer's views.

/** "1 file", "3 files". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB']
const upToOneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })

/** Bytes in decimal units, as file managers show them: 999 B, 1.5 MB, 12 MB, 250 GB. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  // Compare the rounded value, so 999.96 KB shows as 1 MB rather than "1,000 KB".
  while (Math.round(value * 10) / 10 >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000
    unit += 1
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value) : value
  return `${upToOneDecimal.format(shown)} ${byteUnits[unit]}`
}

/** A time left, rounded up so it never promises too little: 8 s, 3 min, 1 h 5 min. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds))
  if (whole < 60) return `${whole} s`
  const minutes = Math.ceil(whole / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

/** The last part of a path, with either kind of separator: "Trailer" of /Users/ada/Trailer. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path
}

/** A failure's message without the "Error:" prefix a person does not need. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
