// How the CLI talks back: data on stdout (as text or, with --json, as JSON), messages on stderr,
// and a progress block redrawn in place on a terminal (plain lines elsewhere).
import type { Writable } from 'node:stream'

export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number }
  stderr: Writable
  stdin: NodeJS.ReadableStream
  env: Record<string, string | undefined>
}

export class Output {
  private drawnLines = 0

  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  get isTerminal(): boolean {
    return this.io.stdout.isTTY === true && !this.json
  }

  /** A line of data (ignored in --json mode, where `data` carries it). */
  line(text = ''): void {
    this.clearProgress()
    if (!this.json) this.io.stdout.write(`${text}\n`)
  }

  /** The command's result: JSON in --json mode, else the text rendering. */
  data(value: unknown, asText: () => string): void {
    this.clearProgress()
    this.io.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${asText()}\n`)
  }

  /** A message for the person (progress notes, warnings): stderr, so stdout stays data. */
  note(text: string): void {
    this.clearProgress()
    this.io.stderr.write(`${text}\n`)
  }

  /** Replaces the progress block on a terminal; does nothing elsewhere. */
  progress(lines: string[]): void {
    if (!this.isTerminal) return
    this.clearProgress()
    const width = Math.max(20, (this.io.stdout.columns ?? 80) - 1)
    const fitted = lines.map((line) =>
      line.length > width ? `${line.slice(0, width - 1)}…` : line,
    )
    if (fitted.length > 0) this.io.stdout.write(`${fitted.join('\n')}\n`)
    this.drawnLines = fitted.length
  }

  clearProgress(): void {
    if (this.drawnLines === 0) return
    this.io.stdout.write(`\x1b[${this.drawnLines}A\x1b[J`)
    this.drawnLines = 0
  }
}

/** A text bar of `width` cells for a fraction from 0 to 1. */
export function bar(fraction: number, width = 20): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width)
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
}

/** Rows of cells as aligned columns. */
export function table(rows: string[][]): string {
  const widths = rows.reduce<number[]>(
    (max, row) => row.map((cell, i) => Math.max(max[i] ?? 0, cell.length)),
    [],
  )
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
