// `npm run emulator -- [--port N] [--data-dir DIR] [--seed demo]`: runs the emulator until killed,
// printing its base address as the first line.
import { parseArgs } from 'node:util'
import { startEmulator } from './server.ts'

const usage =
  'usage: npm run emulator -- [--port N] [--data-dir DIR] [--seed demo] [--auto-approve]'

function fail(message: string): never {
  console.error(`emulator: ${message}\n${usage}`)
  process.exit(2)
}

let values
try {
  ;({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      'auto-approve': { type: 'boolean' },
    },
  }))
} catch (error) {
  fail((error as Error).message)
}
const port = values.port === undefined ? 0 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port must be 0 to 65535, got "${values.port}"`)
if (values.seed !== undefined && values.seed !== 'demo')
  fail(`--seed knows only "demo", got "${values.seed}"`)

const emulator = await startEmulator({
  port,
  ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  ...(values.seed === 'demo' ? { seed: 'demo' as const } : {}),
  autoApprove: values['auto-approve'] ?? false,
})
console.log(emulator.url)
if (values.seed === 'demo') {
  console.log(
    `demo user signed in through ${emulator.url}/ims/authorize/v2; a token for scripts: ${emulator.mintToken()}`,
  )
}
const stop = () => void emulator.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
