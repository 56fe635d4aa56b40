// The application service on a real engine, against the emulator: signing in through the
// browser's redirect (accepted once, only with the pending state), browsing projects, managing
// folders with refusals that point at the field, pausing, issues, activity and change events.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppService } from '../../src/core'
import type { SyncEngine } from '../../src/core/engine'
import type { SyncIndex } from '../../src/core/sync-index'
import { type AppState, IpcError, dispatch } from '../../src/shared'
import { useEmulator } from './checked-emulator'
import { approvedRedirect } from './client-harness'
import { useServiceOnEngine } from './service-harness'

const env = useEmulator()

const setup = useServiceOnEngine(env)
const { host } = setup
let dir: string
let index: SyncIndex
let engine: SyncEngine
let service: AppService
let states: AppState[]

beforeEach(() => {
  ;({ dir, index, engine, service } = setup)
  states = []
  service.events.on('state', (state) => states.push(state))
})

const latest = () => service.events.latest('state')!

async function call(channel: string, payload?: unknown) {
  const result = await dispatch(service.handlers, channel, payload)
  if (!result.ok) throw new IpcError(result.error)
  return result.value
}

async function failure(channel: string, payload?: unknown) {
  const result = await dispatch(service.handlers, channel, payload)
  expect(result.ok).toBe(false)
  return (result as { error: { code: string; message: string; field?: string } }).error
}

async function signIn(): Promise<void> {
  await call('auth:beginSignIn')
  const authorizeUrl = host.openExternal.mock.calls.at(-1)![0]
  await service.completeSignIn(String(await approvedRedirect(env.emulator, authorizeUrl)))
}

describe('signing in through the browser', () => {
  it('opens the browser, accepts the redirect once, and shows who is signed in', async () => {
    const { authorizeUrl } = (await call('auth:beginSignIn')) as { authorizeUrl: string }
    expect(host.openExternal).toHaveBeenCalledWith(authorizeUrl)
    expect(latest().signIn).toEqual({ status: 'waiting', message: null })

    const back = await approvedRedirect(env.emulator, authorizeUrl)
    const forged = new URL(back)
    forged.searchParams.set('state', 'not-ours')
    await service.completeSignIn(String(forged))
    const elsewhere = new URL(back)
    elsewhere.pathname = '/other-path'
    await service.completeSignIn(String(elsewhere))
    await service.completeSignIn('frameio-sync://%%%')
    expect(latest().user).toBeNull()
    expect(latest().signIn.status).toBe('waiting')

    await service.completeSignIn(String(back))
    expect(latest().user).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' })
    expect(latest().signIn).toEqual({ status: 'idle', message: null })
    expect(JSON.stringify(states)).not.toMatch(/access_token|refresh_token/)

    await call('auth:signOut')
    await service.completeSignIn(String(back))
    expect(latest().user).toBeNull()
  })

  it('says so in plain words when the person cancels in the browser', async () => {
    const { authorizeUrl } = (await call('auth:beginSignIn')) as { authorizeUrl: string }
    const back = await approvedRedirect(env.emulator, authorizeUrl)
    back.searchParams.delete('code')
    back.searchParams.set('error', 'access_denied')
    await service.completeSignIn(String(back))
    expect(latest().signIn).toEqual({
      status: 'failed',
      message: 'Sign-in was cancelled in the browser.',
    })
  })

  it('gives up on a sign-in that is not completed in 10 minutes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      await call('auth:beginSignIn')
      vi.advanceTimersByTime(10 * 60_000)
      expect(latest().signIn).toEqual({
        status: 'failed',
        message: 'Sign-in timed out after 10 minutes. Try again when you are ready.',
      })
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('folders, issues and activity', () => {
  it('browses accounts, workspaces and projects', async () => {
    await signIn()
    const accounts = (await call('frameio:accounts')) as Array<{ id: string; name: string }>
    expect(accounts).toEqual([{ id: env.studio.accountId, name: 'Studio' }])
    const workspaces = await call('frameio:workspaces', { accountId: env.studio.accountId })
    expect(workspaces).toEqual([{ id: env.studio.workspaceId, name: 'Main' }])
    const projects = await call('frameio:projects', {
      accountId: env.studio.accountId,
      workspaceId: env.studio.workspaceId,
    })
    expect(projects).toEqual([{ id: env.studio.project.id, name: 'Trailer' }])
  })

  it('refuses a bad folder or project, pointing at the field', async () => {
    await signIn()
    const missing = await failure('roots:add', {
      projectId: env.studio.project.id,
      localPath: join(dir, 'nope'),
    })
    expect(missing).toMatchObject({ code: 'invalid-input', field: 'localPath' })
    await mkdir(join(dir, 'folder'))
    const project = await failure('roots:add', {
      projectId: 'nope',
      localPath: join(dir, 'folder'),
    })
    expect(project).toMatchObject({ code: 'invalid-input', field: 'projectId' })
    const window = await failure('roots:add', {
      projectId: env.studio.project.id,
      localPath: join(dir, 'folder'),
      readyAfterSeconds: -1,
    })
    expect(window).toMatchObject({ code: 'invalid-input', field: 'readyAfterSeconds' })
  })

  it('adds, pauses, resumes and removes a folder; lists issues and activity', async () => {
    await signIn()
    const folder = join(dir, 'Trailer')
    await mkdir(folder)
    await writeFile(join(folder, 'notes.txt'), 'a local note, different')
    const { rootId } = (await call('roots:add', {
      projectId: env.studio.project.id,
      localPath: folder,
      readyAfterSeconds: 0,
    })) as { rootId: string }
    await engine.runOnce()
    await vi.waitFor(() => expect(latest().roots[0]?.counts.issues).toBe(1))
    const state = latest()
    expect(state.roots[0]).toMatchObject({
      id: rootId,
      projectName: 'Trailer',
      status: 'attention',
    })
    expect(state.issues).toEqual([
      expect.objectContaining({ path: 'notes.txt', problem: 'conflict' }),
    ])
    const activity = (await call('activity:list', { rootId })) as Array<{
      path: string
      kind: string
    }>
    expect(activity.map((item) => `${item.kind} ${item.path}`).sort()).toEqual([
      'downloaded Footage/a.mov',
      'downloaded Footage/b.mov',
    ])
    await call('issues:ignore', { issueId: state.issues[0]!.id })
    await vi.waitFor(() => expect(latest().issues).toEqual([]))

    await call('roots:openInFrameio', { rootId })
    expect(host.openExternal).toHaveBeenLastCalledWith(
      `${env.emulator.url}/project/${env.studio.project.id}`,
    )
    await call('roots:pause', { rootId })
    await vi.waitFor(() => expect(latest().roots[0]?.status).toBe('paused'))
    await call('roots:resume', { rootId })
    await call('roots:pause')
    await vi.waitFor(() => expect(latest().paused).toBe(true))
    await call('roots:resume')
    await call('roots:update', { rootId, mode: 'upload-only', readyAfterSeconds: 30 })
    await vi.waitFor(() =>
      expect(latest().roots[0]).toMatchObject({ mode: 'upload-only', readyAfterSeconds: 30 }),
    )
    await call('roots:remove', { rootId })
    await vi.waitFor(() => expect(latest().roots).toEqual([]))
    expect(await failure('roots:pause', { rootId })).toMatchObject({ code: 'failed' })
  })

  it('holds all work while the computer sleeps, without recording a pause', async () => {
    await signIn()
    const folder = join(dir, 'Held')
    await mkdir(folder)
    await writeFile(join(folder, 'new.txt'), 'new')
    const project = env.studio.project.id
    await call('roots:add', { projectId: project, localPath: folder, readyAfterSeconds: 0 })
    engine.hold('The computer is asleep.')
    await engine.runOnce()
    await vi.waitFor(() =>
      expect(latest().roots[0]).toMatchObject({
        status: 'paused',
        statusReason: 'The computer is asleep.',
      }),
    )
    expect(latest().paused).toBe(false)
    expect(index.entries.all(latest().roots[0]!.id)).toEqual([])
    engine.release()
    await engine.runOnce()
    expect(index.entries.get(latest().roots[0]!.id, 'new.txt')?.state).toBe('synced')
  })

  it('coalesces change events to at most ten a second', async () => {
    await signIn()
    const folder = join(dir, 'Many')
    await mkdir(folder)
    for (let i = 0; i < 20; i++) await writeFile(join(folder, `f${i}.txt`), `file ${i}`)
    const project = env.studio.project.id
    await call('roots:add', { projectId: project, localPath: folder, readyAfterSeconds: 0 })
    states = []
    const started = Date.now()
    await engine.runOnce()
    const seconds = (Date.now() - started) / 1000
    expect(states.length).toBeGreaterThan(0)
    expect(states.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1)
  })
})
