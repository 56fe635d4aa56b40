// The engine benchmark's one printed table: a row per measure, columns padded to line up.

export type Row = [measure: string, result: string, baseline: string, ratio: string, target: string]

const header: Row = ['measure', 'result', 'baseline / how measured', 'ratio', 'target']

export function formatTable(title: string, rows: Row[]): string {
  const all = [header, ...rows]
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)))
  const line = (row: Row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')
  return [
    title,
    line(header),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...rows.map(line),
  ].join('\n')
}

/** The nearest-rank percentile (0-100) of some numbers. */
export function percentile(values: readonly number[], rank: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1)] ?? Number.NaN
}
