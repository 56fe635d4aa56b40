// The shape of one CLI command, and the error for a command line that is wrong.
import type { ParseArgsOptionsConfig } from 'node:util'
import type { CliIo, Output } from './output'
import type { Session } from './session'

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface CommandContext {
  session: Session
  output: Output
  /** Parsed options: the global ones and the command's own. */
  values: Record<string, string | boolean | undefined>
  positionals: string[]
  io: CliIo
}

export interface Command {
  name: string
  /** The synopsis after "frameio-sync ". */
  usage: string
  summary: string
  options: ParseArgsOptionsConfig
  /** Fewest and most positional arguments. */
  positionals: [number, number]
  run(context: CommandContext): Promise<number>
}

/** A string option's value, or undefined. */
export function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.values[name]
  return typeof value === 'string' ? value : undefined
}

/** A whole number option from `min` to `max`, or undefined when absent. */
export function wholeNumberOption(
  context: CommandContext,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = stringOption(context, name)
  if (value === undefined) return undefined
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`)
  }
  return number
}
