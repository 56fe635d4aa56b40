// `frameio-sync serve` as a person runs it: the built CLI prints a link, the link opens the app,
// Quit from the page ends the process, and bad arguments are named.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'

const cli = 'out/cli/index.js'
const home = mkdtempSync(join(tmpdir(), 'cli-serve-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FRAMEIO_SYNC_HOME: home },
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, exited }
}

describe('frameio-sync serve', () => {
  it('prints a link that opens the app, and quits when the page asks', async () => {
    const { child, exited } = run(['serve', '--port', '0'])
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
    try {
      const first = String((await lines.next()).value)
      const second = String((await lines.next()).value)
      const origin = /serving on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)?.[1]
      expect(origin, first).toBeDefined()
      const link = /^Open (\S+) in a browser/.exec(second)?.[1] ?? ''
      expect(link).toMatch(new RegExp(`^${origin}/[A-Za-z0-9_-]{43}/$`))

      const html = await fetch(link)
      expect(html.status).toBe(200)
      expect(await html.text()).toContain('<div id="root">')

      expect((await fetch(`${origin}/rpc/app:quit`, { method: 'POST' })).status).toBe(401)
      const quit = await fetch(`${link}rpc/app:quit`, { method: 'POST' })
      expect(await quit.json()).toEqual({ ok: true })
      expect(await exited).toBe(0)
    } finally {
      child.kill()
    }
  })

  it('names a bad --port and exits 2', async () => {
    const { child, exited } = run(['serve', '--port', '99999'])
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    expect(await exited).toBe(2)
    expect(stderr).toContain('--port must be a whole number from 0 to 65535, got "99999"')
  })

  it('names an unknown command and exits 2', async () => {
    const { child, exited } = run(['sync-everything'])
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    expect(await exited).toBe(2)
    expect(stderr).toContain('unknown command "sync-everything"')
  })
})
