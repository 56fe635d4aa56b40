// Counts and sizes worded for people, the same in the windows and on the command line.

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
