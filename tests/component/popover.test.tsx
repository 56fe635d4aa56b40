// The popover's frame in each state a person can meet: connecting, unreachable, no folders (with
// "Add folder" and its fallback), the header's account, summary and pause-all, live updates and a
// dropped connection, and the footer's totals, links and Quit.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type AppState, type RpcResult, emptyAppState } from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { App } from '../../src/renderer/App'
import { useAppStore } from '../../src/renderer/store'
import { ada, trailerRoot } from '../fixtures/app-state'
import { fakeTransport } from './fake-transport'
import {
  answering,
  root,
  settle,
  settlingFile,
  showPopover,
  signedIn,
  transfer,
} from './popover-harness'

function summary(): string {
  return screen.getByRole('status').textContent ?? ''
}

function footerLinks(): string[] {
  const nav = screen.queryByRole('navigation', { name: 'Other screens' })
  return nav
    ? within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent ?? '')
    : []
}

beforeEach(() => {
  window.location.hash = ''
})
afterEach(cleanup)

describe('Popover: reaching the app', () => {
  it('is the screen of an empty address, and says it is connecting until the first snapshot', async () => {
    useAppStore.setState({ state: null, connectionError: null })
    render(<App api={createApi(fakeTransport(() => new Promise<RpcResult>(() => undefined)))} />)
    await settle()
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Frame.io Sync')
    expect(summary()).toBe('Connecting…')
    expect(screen.getByText('Connecting…', { selector: '.loading' })).toBeTruthy()
    expect(footerLinks()).toEqual([])
    expect(screen.getByRole('button', { name: 'Quit' })).toBeTruthy()
  })

  it('explains when the app cannot be reached', async () => {
    await showPopover(
      fakeTransport(async () => ({
        ok: false,
        error: { code: 'internal', message: 'cannot reach Frame.io Sync: connection refused' },
      })),
    )
    expect(summary()).toBe('Not connected')
    expect(screen.getByRole('heading', { name: "Can't reach Frame.io Sync" })).toBeTruthy()
    expect(document.body.textContent).toContain(
      'cannot reach Frame.io Sync: connection refused. Quit and open the app again if this lasts.',
    )
  })

  it('follows state events after the first snapshot', async () => {
    const transport = answering(emptyAppState)
    await showPopover(transport)
    expect(summary()).toBe('Signed out')
    act(() => transport.emit('state', signedIn()))
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
  })

  it('keeps a newer event when the first snapshot answers late', async () => {
    let answer: (result: RpcResult) => void = () => undefined
    const transport = fakeTransport(() => new Promise<RpcResult>((resolve) => (answer = resolve)))
    await showPopover(transport)
    act(() => transport.emit('state', signedIn()))
    await act(async () => answer({ ok: true, value: emptyAppState }))
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
  })

  it('keeps the last state on screen under a banner when the connection drops, until it is back', async () => {
    const transport = answering(signedIn())
    await showPopover(transport)
    act(() => transport.disconnect('Lost the connection to Frame.io Sync, reconnecting'))
    expect(screen.getByRole('alert').textContent).toBe(
      'Lost the connection to Frame.io Sync, reconnecting',
    )
    expect(summary()).toBe('Not connected')
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
    act(() => transport.emit('state', signedIn()))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(summary()).toBe('Nothing synced yet')
  })
})

describe('Popover: header', () => {
  it('shows the signed-in account', async () => {
    await showPopover(answering(signedIn()))
    const header = screen.getByRole('banner')
    expect(within(header).getByText(ada.name)).toBeTruthy()
    expect(within(header).getByText(ada.email)).toBeTruthy()
  })

  it('shows only the email of an account without a name', async () => {
    await showPopover(answering(signedIn({ user: { ...ada, name: '' } })))
    expect(screen.getByRole('banner').querySelector('.account')?.textContent).toBe(ada.email)
  })

  it('summarises pause, problems, transfers, offline folders and settling files', async () => {
    const transport = answering(signedIn())
    await showPopover(transport)
    const push = (change: Partial<AppState>) => act(() => transport.emit('state', signedIn(change)))
    expect(summary()).toBe('Nothing synced yet')
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
    push({ roots: [root('r1', { status: 'attention' }), root('r2', { status: 'attention' })] })
    expect(summary()).toBe('2 folders need attention')
    push({ transfers: [transfer('a.mov'), transfer('b.mov')] })
    expect(summary()).toBe('Syncing 2 files')
    push({ roots: [root('r1', { status: 'offline' })] })
    expect(summary()).toBe('Offline')
    push({ roots: [root('r1', { status: 'offline' }), root('r2')] })
    expect(summary()).toBe('1 folder is offline')
    push({ roots: [root('r1')], settling: [settlingFile('a.mov', Date.now() + 5000)] })
    expect(summary()).toBe('Waiting for 1 file to settle')
    push({ roots: [root('r1'), root('r2')] })
    expect(summary()).toBe('Up to date')
  })

  it('pauses everything, and resumes everything when all is paused', async () => {
    const transport = answering(signedIn({ roots: [trailerRoot] }))
    await showPopover(transport)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pause all' })))
    expect(transport.calls).toContainEqual(['roots:pause', {}])
    act(() => transport.emit('state', signedIn({ roots: [trailerRoot], paused: true })))
    fireEvent.click(screen.getByRole('button', { name: 'Resume all' }))
    expect(transport.calls).toContainEqual(['roots:resume', {}])
  })

  it('offers no pause-all without folders', async () => {
    await showPopover(answering(signedIn()))
    expect(screen.queryByRole('button', { name: 'Pause all' })).toBeNull()
  })

  it('says so when pausing everything fails', async () => {
    await showPopover(
      answering(signedIn({ roots: [trailerRoot] }), {
        'roots:pause': { code: 'failed', message: 'Syncing is not available in this window.' },
      }),
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pause all' })))
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not pause syncing: Syncing is not available in this window.',
    )
  })
})

describe('Popover: no folders yet', () => {
  it('invites to add one, through the desktop picker window', async () => {
    const transport = answering(signedIn())
    await showPopover(transport)
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add folder' })))
    expect(transport.calls).toContainEqual(['app:showFolderPicker', undefined])
    expect(window.location.hash).toBe('')
  })

  it('shows the picker in place where there is no desktop', async () => {
    await showPopover(
      answering(signedIn(), {
        'app:showFolderPicker': { code: 'failed', message: 'This window cannot open the picker' },
      }),
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add folder' })))
    expect(window.location.hash).toBe('#picker')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('says so when the picker cannot be opened for another reason', async () => {
    await showPopover(
      answering(signedIn(), {
        'app:showFolderPicker': { code: 'internal', message: 'app:showFolderPicker failed' },
      }),
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add folder' })))
    expect(window.location.hash).toBe('')
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not open the folder picker: app:showFolderPicker failed',
    )
  })
})

describe('Popover: footer', () => {
  it('links to Activity, Issues with their count, and Settings when signed in', async () => {
    const issue = { id: 'i1', rootId: 'r1', path: 'a', problem: 'p', reason: 'r', at: 'x' }
    const transport = answering(signedIn({ roots: [trailerRoot] }))
    await showPopover(transport)
    expect(footerLinks()).toEqual(['Activity', 'Issues', 'Settings'])
    act(() => transport.emit('state', signedIn({ roots: [trailerRoot], issues: [issue, issue] })))
    expect(footerLinks()).toEqual(['Activity', 'Issues (2)', 'Settings'])
    fireEvent.click(screen.getByRole('link', { name: 'Issues (2)' }))
    expect(window.location.hash).toBe('#issues')
    fireEvent.click(screen.getByRole('link', { name: 'Activity' }))
    expect(window.location.hash).toBe('#activity')
    fireEvent.click(screen.getByRole('link', { name: 'Settings' }))
    expect(window.location.hash).toBe('#settings')
  })

  it('offers only Settings and Quit when signed out', async () => {
    await showPopover(answering(emptyAppState))
    expect(footerLinks()).toEqual(['Settings'])
  })

  it('totals what is moving and settling', async () => {
    const transport = answering(signedIn({ roots: [trailerRoot] }))
    await showPopover(transport)
    expect(screen.getByRole('contentinfo').querySelector('.totals')).toBeNull()
    act(() =>
      transport.emit(
        'state',
        signedIn({
          roots: [trailerRoot],
          transfers: [
            transfer('a.mov', { bytesPerSecond: 8_000_000 }),
            transfer('b.mov', { bytesPerSecond: 2_000_000 }),
            transfer('c.mov', { direction: 'download', bytesPerSecond: 2_000_000 }),
          ],
          settling: [settlingFile('d.mov', Date.now() + 30_000)],
        }),
      ),
    )
    expect(screen.getByRole('contentinfo').querySelector('.totals')?.textContent).toBe(
      '3 files moving · 12 MB/s · 1 file settling',
    )
  })

  it('quits through the contract', async () => {
    const transport = answering(emptyAppState)
    await showPopover(transport)
    fireEvent.click(screen.getByRole('button', { name: 'Quit' }))
    expect(transport.calls).toContainEqual(['app:quit', undefined])
  })

  it('says so when Quit fails', async () => {
    await showPopover(
      answering(emptyAppState, {
        'app:quit': { code: 'internal', message: 'app:quit failed unexpectedly' },
      }),
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Quit' })))
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not quit: app:quit failed unexpectedly',
    )
  })
})
