// Reading typed values out of node:sqlite result rows, failing loudly on a column that does not
// hold what the schema promises (a damaged or hand-edited index) instead of passing junk on.
import type { SQLOutputValue } from 'node:sqlite'
import type { Kind } from '../plan/facts'

export type Row = Record<string, SQLOutputValue>

function unexpected(column: string, wanted: string, value: SQLOutputValue | undefined): Error {
  const found =
    value === undefined ? 'nothing' : typeof value === 'string' ? `'${value}'` : `${value}`
  return new Error(
    `The sync index holds ${found} in column ${column} where ${wanted} belongs; ` +
      'the index may be damaged.',
  )
}

export function text(row: Row, column: string): string {
  const value = row[column]
  if (typeof value !== 'string') throw unexpected(column, 'text', value)
  return value
}

export function textOrNull(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column)
}

export function num(row: Row, column: string): number {
  const value = row[column]
  if (typeof value !== 'number') throw unexpected(column, 'a number', value)
  return value
}

export function numOrNull(row: Row, column: string): number | null {
  return row[column] === null ? null : num(row, column)
}

export function flag(row: Row, column: string): boolean {
  return num(row, column) !== 0
}

export function oneOf<T extends string>(row: Row, column: string, allowed: readonly T[]): T {
  const value = text(row, column)
  const known = allowed.find((candidate) => candidate === value)
  if (known === undefined) throw unexpected(column, `one of ${allowed.join(', ')}`, value)
  return known
}

const kinds: readonly Kind[] = ['file', 'folder']

export function kind(row: Row): Kind {
  return oneOf(row, 'kind', kinds)
}
