#!/usr/bin/env node
// src/cli owns the headless entry: the same application service as the desktop app, driven from a
// terminal on servers, NAS boxes and render nodes. Commands so far: serve.
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createAppService, startBridge } from '../core'

const usage = `Usage: frameio-sync serve [--port N]

  serve   Serve the app's window to a browser on this machine (127.0.0.1 only) and print the
          link that opens it. Stops on Ctrl-C.
`

class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, got "${value}"`)
  }
  return port
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' } } })
  const port = parsePort(values.port)
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await bridge.close()
    process.exit(0)
  }
  const service = createAppService({
    quit: () => void stop(),
    openExternal: async (url) => console.log(`Open in a browser: ${url}`),
  })
  const staticDir = fileURLToPath(new URL('../renderer', import.meta.url))
  const bridge = await startBridge({
    ...service,
    staticDir,
    port,
    onInternalError: (where, error) => console.error(`frameio-sync: ${where} failed:`, error),
  })
  console.log(`Frame.io Sync is serving on ${bridge.origin}`)
  console.log(`Open ${bridge.pageUrl} in a browser on this machine. Ctrl-C stops it.`)
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === 'serve') return serve(rest)
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(usage)
    return
  }
  throw new UsageError(`unknown command "${command}"`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  console.error(`frameio-sync: ${message}`)
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(usage)
    process.exit(2)
  }
  process.exit(1)
})
