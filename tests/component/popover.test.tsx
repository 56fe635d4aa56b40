// The popover in each state a person can meet: connecting, unreachable, signed out, no folders,
// folders listed; live updates from the state event; Quit.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type AppState, type RpcResult, type SyncRoot, emptyAppState } from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { App } from '../../src/renderer/App'
import { useAppStore } from '../../src/renderer/store'
import { ada, dailiesRoot, trailerRoot } from '../fixtures/app-state'
import { type FakeTransport, fakeTransport } from './fake-transport'

const user = ada

function answering(state: AppState): FakeTransport {
  return fakeTransport(async (channel) =>
    channel === 'app:getState' ? { ok: true, value: state } : { ok: true, value: undefined },
  )
}

async function show(transport: FakeTransport) {
  render(<App api={createApi(transport)} />)
  await act(async () => undefined)
}

function root(id: string, status: SyncRoot['status']): SyncRoot {
  return {
    id,
    localPath: `/data/${id}`,
    projectId: `p-${id}`,
    projectName: id,
    mode: 'two-way',
    readyAfterSeconds: 60,
    status,
    statusReason: null,
    counts: { queued: 0, settling: 0, issues: 0 },
  }
}

function summary(): string {
  return screen.getByRole('status').textContent ?? ''
}

beforeEach(() => useAppStore.setState({ state: null, connectionError: null }))
afterEach(cleanup)

describe('Popover', () => {
  it('says it is connecting until the first snapshot arrives', async () => {
    await show(fakeTransport(() => new Promise<RpcResult>(() => undefined)))
    expect(summary()).toBe('Connecting…')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Frame.io Sync')
  })

  it('explains when the app cannot be reached', async () => {
    await show(
      fakeTransport(async () => ({
        ok: false,
        error: { code: 'internal', message: 'cannot reach Frame.io Sync: connection refused' },
      })),
    )
    expect(summary()).toBe('Not connected')
    expect(screen.getByRole('heading', { name: "Can't reach Frame.io Sync" })).toBeTruthy()
    expect(document.body.textContent).toContain('connection refused')
  })

  it('shows the signed-out screen', async () => {
    await show(answering(emptyAppState))
    expect(summary()).toBe('Signed out')
    expect(screen.getByRole('heading', { name: "You're signed out" })).toBeTruthy()
    expect(document.body.textContent).toContain('Sign in with your Adobe ID')
  })

  it('shows "No folders yet" to a signed-in person without folders', async () => {
    await show(answering({ ...emptyAppState, user }))
    expect(summary()).toBe('ada@example.com')
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
  })

  it('lists synced folders with their project and status', async () => {
    await show(
      answering({
        ...emptyAppState,
        user,
        roots: [trailerRoot, dailiesRoot('D:\\Footage\\Dailies')],
      }),
    )
    expect(summary()).toBe('1 folder needs attention')
    const rows = screen.getAllByRole('listitem')
    expect(rows.map((row) => row.textContent)).toEqual([
      'TrailerTrailer 2027Up to date',
      'DailiesDailiesNeeds attention',
    ])
    expect(screen.getByText('Needs attention').getAttribute('title')).toBe(
      '2 files could not be uploaded',
    )
  })

  it('summarises pause, problems and transfers in the header', async () => {
    const transport = answering({ ...emptyAppState, user })
    await show(transport)
    const push = (change: Partial<AppState>) =>
      act(() => transport.emit('state', { ...emptyAppState, user, ...change }))
    push({ paused: true })
    expect(summary()).toBe('Paused')
    push({
      issues: [
        {
          id: 'i1',
          rootId: 'r1',
          path: 'a.mov',
          problem: 'conflict',
          reason: 'x',
          at: '2026-11-27',
        },
      ],
    })
    expect(summary()).toBe('1 file needs attention')
    push({
      transfers: [
        {
          id: 't1',
          rootId: 'r1',
          path: 'a.mov',
          direction: 'upload',
          bytesDone: 1,
          bytesTotal: 2,
          bytesPerSecond: 1,
          etaSeconds: 1,
        },
      ],
    })
    expect(summary()).toBe('Syncing 1 file')
    push({ roots: [root('r1', 'idle'), root('r2', 'idle')] })
    expect(summary()).toBe('Up to date')
    push({ roots: [root('r1', 'offline')] })
    expect(summary()).toBe('Offline')
  })

  it('follows state events after the first snapshot', async () => {
    const transport = answering(emptyAppState)
    await show(transport)
    expect(summary()).toBe('Signed out')
    act(() => transport.emit('state', { ...emptyAppState, user }))
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
  })

  it('keeps a newer event when the first snapshot answers late', async () => {
    let answer: (result: RpcResult) => void = () => undefined
    const transport = fakeTransport(() => new Promise<RpcResult>((resolve) => (answer = resolve)))
    await show(transport)
    act(() => transport.emit('state', { ...emptyAppState, user }))
    await act(async () => answer({ ok: true, value: emptyAppState }))
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
  })

  it('keeps the last state on screen under a banner when the connection drops, until it is back', async () => {
    const transport = answering({ ...emptyAppState, user })
    await show(transport)
    act(() => transport.disconnect('Lost the connection to Frame.io Sync, reconnecting'))
    expect(screen.getByRole('alert').textContent).toBe(
      'Lost the connection to Frame.io Sync, reconnecting',
    )
    expect(summary()).toBe('Not connected')
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
    act(() => transport.emit('state', { ...emptyAppState, user }))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(summary()).toBe('ada@example.com')
  })

  it('says so when Quit fails', async () => {
    const transport = fakeTransport(async (channel) =>
      channel === 'app:quit'
        ? { ok: false, error: { code: 'internal', message: 'app:quit failed unexpectedly' } }
        : { ok: true, value: emptyAppState },
    )
    await show(transport)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Quit' })))
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not quit: app:quit failed unexpectedly',
    )
  })

  it('quits through the contract', async () => {
    const transport = answering(emptyAppState)
    await show(transport)
    fireEvent.click(screen.getByRole('button', { name: 'Quit' }))
    expect(transport.calls).toContainEqual(['app:quit', undefined])
  })
})
