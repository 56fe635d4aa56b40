// CI smoke test of the packaged app (.github/workflows/ci.yml): `node scripts/smoke-app.ts <exe>`
// launches it with FRAMEIO_SYNC_SMOKE=1 and passes if it reports its tray and popover, then quits.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

/** What src/main/index.ts prints, in this order, when FRAMEIO_SYNC_SMOKE=1, before app.quit(). */
const milestones = ['smoke: tray ready', 'smoke: popover ready'] as const
/** Only a limit for waiting: a cold start on a shared CI runner can take a while. */
const giveUpAfterMs = 180_000

const executable = process.argv[2]
if (executable === undefined || !existsSync(executable)) {
  console.error(
    `smoke: no packaged app at "${executable ?? ''}": run "npm run package" first and pass the ` +
      'path of the executable inside dist/.',
  )
  process.exit(1)
}

const child = spawn(executable, [], {
  env: { ...process.env, FRAMEIO_SYNC_SMOKE: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let output = ''
const record = (chunk: Buffer, to: NodeJS.WriteStream): void => {
  output += chunk.toString('utf8')
  to.write(chunk)
}
child.stdout.on('data', (chunk: Buffer) => record(chunk, process.stdout))
child.stderr.on('data', (chunk: Buffer) => record(chunk, process.stderr))

const giveUp = setTimeout(() => {
  console.error(`smoke: the app did not quit by itself within ${giveUpAfterMs / 1000} s`)
  child.kill()
}, giveUpAfterMs)

child.on('error', (error) => {
  clearTimeout(giveUp)
  console.error(`smoke: could not start ${executable}: ${error.message}`)
  process.exit(1)
})

child.on('exit', (code, signal) => {
  clearTimeout(giveUp)
  const [tray, popover] = milestones.map((line) => output.indexOf(line)) as [number, number]
  const problems = [
    ...(tray === -1 ? [`never printed "${milestones[0]}"`] : []),
    ...(popover === -1 ? [`never printed "${milestones[1]}"`] : []),
    ...(tray !== -1 && popover !== -1 && popover < tray ? ['reported the popover first'] : []),
    ...(code === 0 ? [] : [`ended with ${signal ?? `exit code ${code}`}`]),
  ]
  if (problems.length > 0) {
    console.error(`smoke: FAILED, the app ${problems.join('; ')}`)
    process.exit(1)
  }
  console.log('smoke: passed')
})
