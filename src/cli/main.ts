// The CLI's front door: global options, the command table, help, and exit codes (0 done, 1 the
// work did not succeed or issues remain, 2 the command line was wrong).
import { parseArgs } from 'node:util'
import { accountCommands } from './commands/account'
import { rootCommands } from './commands/roots'
import { runCommands } from './commands/run'
import { type Command, UsageError } from './command'
import { type CliIo, Output } from './output'
import { Session, globalOptions } from './session'

const commands: Command[] = [...accountCommands, ...rootCommands, ...runCommands]

function usage(): string {
  const width = Math.max(...commands.map((command) => command.usage.length))
  return [
    'Usage: frameio-sync <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
    'Options for every command:',
    '  --data-dir DIR       where settings, tokens and the index live',
    '                       (default: $FRAMEIO_SYNC_HOME, else the OS app-data folder)',
    '  --api-url URL        Frame.io API base   (env FRAMEIO_API_URL)',
    '  --ims-url URL        Adobe IMS base      (env FRAMEIO_IMS_URL)',
    '  --client-id ID       OAuth client id     (env FRAMEIO_CLIENT_ID)',
    '  --redirect-uri URI   OAuth redirect URI  (env FRAMEIO_REDIRECT_URI)',
    '  --json               data as JSON on stdout',
    '  -h, --help           this help',
    '',
  ].join('\n')
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage())
    return 0
  }
  const command = commands.find((candidate) => candidate.name === name)
  let session: Session | null = null
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`)
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...globalOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    })
    if (values.help) {
      io.stdout.write(`Usage: frameio-sync ${command.usage}\n\n${command.summary}\n`)
      return 0
    }
    const [min, max] = command.positionals
    if (positionals.length < min) throw new UsageError(`${name}: missing arguments`)
    if (positionals.length > max) {
      throw new UsageError(`${name}: unexpected argument "${positionals[max]}"`)
    }
    session = new Session(values, io.env)
    const output = new Output(io, values.json === true)
    return await command.run({ session, output, values, positionals, io })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr.write(`frameio-sync: ${message}\n`)
    const usageProblem =
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true
    if (usageProblem) {
      io.stderr.write(`Run "frameio-sync ${command ? `${command.name} ` : ''}--help" for help.\n`)
      return 2
    }
    return 1
  } finally {
    await session?.close()
  }
}
