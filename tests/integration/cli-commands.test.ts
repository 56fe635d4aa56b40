// The CLI's commands as a person types them: signing in through the browser's redirect, the
// account commands, adding and removing folders (and every way of getting that wrong), status,
// issues, pause and resume.
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { useEmulator } from './checked-emulator'
import { cliEnv, runIn, syncSetup, tempDir } from './cli-harness'
import { approvedRedirect } from './client-harness'

const env = useEmulator()

/** Runs `login` interactively, answering the prompt with what `answer` makes of the address. */
async function interactiveLogin(
  cliEnvironment: Record<string, string>,
  answer: (authorizeUrl: string) => Promise<string>,
) {
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const answered = new Promise<void>((resolve, reject) => {
    stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      const url = /(http\S+\/ims\/authorize\/v2\S+)/.exec(err)?.[1]
      if (url && err.includes('> ')) {
        answer(url).then((line) => {
          stdin.write(`${line}\n`)
          resolve()
        }, reject)
      }
    })
  })
  const code = await runCli(['login'], { stdin, stdout, stderr, env: cliEnvironment })
  await answered.catch(() => undefined)
  return { code, stdout: out, stderr: err }
}

describe('signing in and out', () => {
  it('signs in with the address the browser was sent back to, then whoami, projects, logout', async () => {
    const home = await tempDir('cli-home-')
    const cli = cliEnv(env.emulator, home)
    const login = await interactiveLogin(cli, async (url) =>
      String(await approvedRedirect(env.emulator, url)),
    )
    expect(login.stderr).toContain('Open this address in a browser')
    expect(login.code, login.stderr).toBe(0)
    expect(login.stdout).toContain('Signed in as Ada Lovelace <ada@example.com>.')
    const secrets = await stat(join(home, 'secrets.json'))
    expect(secrets.mode & 0o777).toBe(0o600)
    expect(await readFile(join(home, 'settings.json'), 'utf8')).not.toMatch(/token/i)

    expect((await runIn(cli, ['whoami'])).stdout).toContain('Ada Lovelace <ada@example.com>')
    const projects = await runIn(cli, ['projects', '--json'])
    const tree = JSON.parse(projects.stdout) as Array<{
      name: string
      workspaces: Array<{ projects: Array<{ id: string; name: string }> }>
    }>
    expect(tree[0]?.workspaces[0]?.projects.map((project) => project.name)).toEqual(['Trailer'])
    expect((await runIn(cli, ['projects'])).stdout).toMatch(/Trailer\s+[0-9a-f-]{36}/)

    expect((await runIn(cli, ['logout'])).stdout).toContain('Signed out.')
    const after = await runIn(cli, ['whoami'])
    expect(after.code).toBe(1)
    expect(after.stderr).toContain('not signed in: run "frameio-sync login" first')
  })

  it('refuses an address from another sign-in, and one that is not an address', async () => {
    const cli = cliEnv(env.emulator, await tempDir('cli-home-'))
    const stale = await interactiveLogin(cli, async (url) => {
      const back = await approvedRedirect(env.emulator, url)
      back.searchParams.set('state', 'someone-else')
      return String(back)
    })
    expect(stale.code).toBe(2)
    expect(stale.stderr).toContain('that address belongs to another sign-in')
    const junk = await interactiveLogin(cli, async () => 'not a url')
    expect(junk.code).toBe(2)
    expect(junk.stderr).toContain('"not a url" is not an address')
    expect((await runIn(cli, ['whoami'])).code).toBe(1)
  })

  it('refuses a token Frame.io does not accept, and keeps nothing', async () => {
    const cli = cliEnv(env.emulator, await tempDir('cli-home-'))
    const login = await runIn(cli, ['login', '--token', 'forged'])
    expect(login.code).toBe(1)
    expect((await runIn(cli, ['whoami'])).code).toBe(1)
  })
})

describe('choosing folders', () => {
  it('names every wrong way of adding a folder', async () => {
    const sync = await syncSetup(env)
    const elsewhere = await tempDir('cli-other-')
    const file = join(elsewhere, 'a-file.txt')
    await writeFile(file, 'x')
    const cases: Array<[string[], number, string]> = [
      [['add', 'no-such-project', elsewhere], 1, 'No Frame.io project with the id no-such-project'],
      [['add', sync.projectId, join(elsewhere, 'missing')], 1, 'does not exist'],
      [['add', sync.projectId, file], 1, 'is not a folder'],
      [['add', sync.projectId, sync.root], 1, 'is already synced'],
      [['add', sync.projectId, join(sync.root, '..')], 1, `contains ${sync.root}`],
      [
        ['add', sync.projectId, elsewhere, '--mode', 'sideways'],
        2,
        '--mode must be two-way, upload or download',
      ],
      [
        ['add', sync.projectId, elsewhere, '--ready-after', 'soon'],
        2,
        '--ready-after must be a whole number',
      ],
      [['add', sync.projectId, elsewhere, '--colour', 'red'], 2, "Unknown option '--colour'"],
      [['add', sync.projectId], 2, 'add: missing arguments'],
    ]
    await mkdir(join(sync.root, 'inner'))
    cases.push([['add', sync.projectId, join(sync.root, 'inner')], 1, `is inside ${sync.root}`])
    for (const [args, code, message] of cases) {
      const result = await sync.run(...args)
      expect({ args, code: result.code, stderr: result.stderr }).toMatchObject({ code })
      expect(result.stderr, args.join(' ')).toContain(message)
    }
    expect(JSON.parse((await sync.run('list', '--json')).stdout)).toHaveLength(1)
  })

  it('lists, reports status, pauses and resumes, and removes without deleting anything', async () => {
    const sync = await syncSetup(env, { remote: { files: { 'r.txt': { text: 'remote' } } } })
    await writeFile(join(sync.root, 'l.txt'), 'local')
    const list = await sync.run('list')
    expect(list.stdout).toContain(sync.root)
    expect(list.stdout).toMatch(/two-way/)

    expect((await sync.run('pause')).stdout).toContain('Paused all folders.')
    expect(JSON.parse((await sync.run('status', '--json')).stdout)).toMatchObject({ paused: true })
    await sync.run('run', '--once')
    expect(await readFile(join(sync.root, 'l.txt'), 'utf8')).toBe('local')
    await expect(stat(join(sync.root, 'r.txt'))).rejects.toThrow()
    expect((await sync.run('resume')).stdout).toContain('Resumed all folders.')

    expect((await sync.run('pause', sync.root)).stdout).toContain(`Paused ${sync.root}.`)
    const paused = JSON.parse((await sync.run('status', '--json')).stdout)
    expect(paused.roots[0]).toMatchObject({ status: 'paused' })
    expect((await sync.run('resume', sync.root)).code).toBe(0)
    expect((await sync.run('run', '--once')).code).toBe(0)
    expect(await readFile(join(sync.root, 'r.txt'), 'utf8')).toBe('remote')
    expect((await sync.run('status')).stdout).toContain('0 queued, 0 settling, 0 issues')
    expect((await sync.run('issues')).stdout).toContain('No sync issues.')

    const removed = await sync.run('remove', sync.root)
    expect(removed.stdout).toContain('Nothing was deleted here or in Frame.io.')
    expect((await sync.run('list')).stdout).toContain('No folders are synced yet')
    expect(await readFile(join(sync.root, 'l.txt'), 'utf8')).toBe('local')
    const unknown = await sync.run('pause', '/nowhere')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('"/nowhere" is not a synced folder')
  })

  it('lists sync issues with their reasons', async () => {
    const sync = await syncSetup(env, { remote: { files: { 'both.txt': { text: 'remote!' } } } })
    await writeFile(join(sync.root, 'both.txt'), 'local, longer')
    expect((await sync.run('run', '--once')).code).toBe(1)
    const issues = await sync.run('issues')
    expect(issues.stdout).toMatch(
      /#\d+ both\.txt\n {2}"both\.txt" exists on both sides with different content/,
    )
    const json = JSON.parse((await sync.run('issues', '--json')).stdout)
    expect(json).toEqual([expect.objectContaining({ path: 'both.txt', problem: 'conflict' })])
  })

  it('runs nothing when no folder is synced, and says how to add one', async () => {
    const cli = cliEnv(env.emulator, await tempDir('cli-home-'))
    await runIn(cli, ['login', '--token', env.emulator.token])
    const run = await runIn(cli, ['run', '--once'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('no folders are synced yet')
  })
})

describe('help', () => {
  it('lists every command and the global options', async () => {
    const help = await runIn({}, ['--help'])
    for (const command of [
      'login',
      'logout',
      'whoami',
      'projects',
      'add',
      'remove',
      'list',
      'status',
      'issues',
      'pause',
      'resume',
      'run',
      'serve',
    ]) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'))
    }
    expect(help.stdout).toContain('--data-dir DIR')
  })
})
