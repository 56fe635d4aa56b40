// `npm run emulator`: prints its address first, serves the demo world, refuses bad arguments.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { json } from './checked-emulator.ts'

function run(args: string[]) {
  const child = spawn(process.execPath, ['tests/emulator/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return { child, exited }
}

describe('emulator command', () => {
  it('prints its base address first and serves the demo world until stopped', async () => {
    const { child, exited } = run(['--seed', 'demo', '--port', '0'])
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
      const url = String((await lines.next()).value)
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const token = /a token for scripts: (\S+)$/.exec(String((await lines.next()).value))?.[1]
      const accounts = await fetch(`${url}/v4/accounts`, {
        headers: { authorization: `Bearer ${token}` },
      })
      expect((await json(accounts)).data[0].display_name).toBe('Demo Studio')
      const tree = await json(await fetch(`${url}/_emulator/tree`))
      expect(tree.accounts[0].workspaces[0].projects.map((p: { name: string }) => p.name)).toEqual([
        'Launch Film',
        'Social Cutdowns',
      ])
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  })

  it('names a bad argument and exits 2', async () => {
    const { child, exited } = run(['--seed', 'everything'])
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    expect(await exited).toBe(2)
    expect(stderr).toContain('--seed knows only "demo", got "everything"')
  })
})
