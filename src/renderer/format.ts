// Durations, paths and errors worded for people, shared by the renderer's views; counts and sizes
// come from src/shared, as the command line words them the same way.
export { countOf, formatBytes } from '../shared'

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
