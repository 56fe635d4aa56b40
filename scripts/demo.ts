// `npm run demo`: frameio-sync working without an account. Starts the emulator with a demo
// project, signs a fresh data folder in, syncs the project into a local folder, and serves the
// app's window to a browser on this machine until Ctrl-C.
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { developmentClient, startEmulator } from '../tests/emulator/index.ts'

const cli = 'out/cli/index.js'
const base = join(tmpdir(), 'frameio-sync-demo')
const home = join(base, `home-${process.pid}`)
const folder = join(base, `Launch Film ${process.pid}`)

const emulator = await startEmulator({ seed: 'demo', autoApprove: true })
const env = {
  ...process.env,
  FRAMEIO_SYNC_HOME: home,
  FRAMEIO_API_URL: emulator.url,
  FRAMEIO_IMS_URL: emulator.url,
  FRAMEIO_CLIENT_ID: developmentClient.clientId,
  FRAMEIO_REDIRECT_URI: developmentClient.redirectUris[0],
}

function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`frameio-sync ${args[0]} exited ${code}`)),
    )
  })
}

await mkdir(folder, { recursive: true })
await runCli(['login', '--token', emulator.mintToken()])
const tree = JSON.parse(await runCli(['projects', '--json'])) as Array<{
  workspaces: Array<{ projects: Array<{ id: string; name: string }> }>
}>
const project = tree
  .flatMap((account) => account.workspaces)
  .flatMap((workspace) => workspace.projects)
  .find((candidate) => candidate.name === 'Launch Film')
if (!project) throw new Error('the demo project is missing from the emulator')
await runCli(['add', project.id, folder, '--ready-after', '5'])

console.log(`Demo Frame.io (emulator): ${emulator.url}`)
console.log(`Synced folder: ${folder}`)
console.log('Drop files into it: they upload 5 seconds after they stop changing.')
const serve = spawn(process.execPath, [cli, 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
for await (const line of createInterface({ input: serve.stdout })) {
  console.log(line)
}
await emulator.stop()
