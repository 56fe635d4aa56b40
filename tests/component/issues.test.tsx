// The sync issues screen: connecting, unreachable, no issues, issues listed newest first with
// where and when, and each action calling its channel and saying how it went.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type AppState,
  type IpcErrorBody,
  type RpcResult,
  type SyncIssue,
  emptyAppState,
} from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { App } from '../../src/renderer/App'
import { useAppStore } from '../../src/renderer/store'
import { ada, trailerRoot } from '../fixtures/app-state'
import { type FakeTransport, fakeTransport } from './fake-transport'

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()

function issue(id: string, path: string, at: string): SyncIssue {
  return {
    id,
    rootId: trailerRoot.id,
    path,
    problem: 'conflict',
    reason: `"${path}" exists on both sides with different content. Rename or remove one of them.`,
    at,
  }
}

const older = issue('7', 'Shots/intro.mov', minutesAgo(5.5))
const newer = issue('8', 'Shots/outro.mov', minutesAgo(0.2))
const withIssues: AppState = {
  ...emptyAppState,
  user: ada,
  roots: [trailerRoot],
  issues: [older, newer],
}

function server(state: AppState, failures: Record<string, IpcErrorBody> = {}): FakeTransport {
  return fakeTransport(async (channel) => {
    if (channel === 'app:getState') return { ok: true, value: state }
    const failure = failures[channel]
    return failure ? { ok: false, error: failure } : { ok: true, value: undefined }
  })
}

async function show(transport: FakeTransport) {
  render(<App api={createApi(transport)} />)
  await act(async () => undefined)
}

function row(path: string): HTMLElement {
  const found = screen.getAllByRole('listitem').find((item) => item.textContent?.includes(path))
  if (!found) throw new Error(`no issue row shows ${path}`)
  return found
}

async function click(path: string, action: string) {
  await act(async () => fireEvent.click(within(row(path)).getByRole('button', { name: action })))
}

beforeEach(() => {
  useAppStore.setState({ state: null, connectionError: null })
  window.location.hash = '#issues'
})

afterEach(() => {
  cleanup()
  window.location.hash = ''
})

describe('IssuesView', () => {
  it('says it is loading until the first snapshot arrives', async () => {
    await show(fakeTransport(() => new Promise<RpcResult>(() => undefined)))
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Sync issues')
    expect(screen.getByText('Loading issues…')).toBeTruthy()
  })

  it('explains when the app cannot be reached', async () => {
    await show(
      fakeTransport(async () => ({
        ok: false,
        error: { code: 'internal', message: 'cannot reach Frame.io Sync: connection refused' },
      })),
    )
    expect(screen.getByRole('heading', { name: "Can't reach Frame.io Sync" })).toBeTruthy()
    expect(document.body.textContent).toContain('connection refused')
  })

  it('says everything is in step when there are no issues', async () => {
    await show(server({ ...emptyAppState, user: ada }))
    expect(screen.getByRole('heading', { name: 'No issues' })).toBeTruthy()
    expect(document.body.textContent).toContain('Everything that could be synced is in step.')
  })

  it('lists each issue newest first with its path, folder, reason and time', async () => {
    await show(server(withIssues))
    const rows = within(screen.getByRole('list', { name: 'Sync issues' })).getAllByRole('listitem')
    expect(rows.map((item) => item.querySelector('.issue-path')?.textContent)).toEqual([
      'Shots/outro.mov',
      'Shots/intro.mov',
    ])
    const intro = row('Shots/intro.mov')
    expect(intro.textContent).toContain('In Trailer (Trailer 2027)')
    expect(intro.textContent).toContain(older.reason)
    const time = intro.querySelector('time')
    expect(time?.textContent).toBe('5 minutes ago')
    expect(time?.getAttribute('datetime')).toBe(older.at)
    expect(time?.getAttribute('title')).toMatch(/\d{4}/)
    expect(row('Shots/outro.mov').querySelector('time')?.textContent).toBe('just now')
  })

  it('ties each action button to the file it acts on', async () => {
    await show(server(withIssues))
    const retry = within(row('Shots/intro.mov')).getByRole('button', { name: 'Retry' })
    expect(document.getElementById(retry.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Shots/intro.mov',
    )
  })

  it('retries, reveals and ignores through the contract with the issue id', async () => {
    const transport = server(withIssues)
    await show(transport)
    await click('Shots/intro.mov', 'Retry')
    expect(within(row('Shots/intro.mov')).getByRole('status').textContent).toBe(
      'Trying again now. This issue goes away once the file is synced.',
    )
    await click('Shots/intro.mov', 'Show in folder')
    await click('Shots/outro.mov', 'Ignore this file')
    expect(transport.calls.filter(([channel]) => channel.startsWith('issues:'))).toEqual([
      ['issues:retry', { issueId: '7' }],
      ['issues:reveal', { issueId: '7' }],
      ['issues:ignore', { issueId: '8' }],
    ])
  })

  it('says in the row when an action fails', async () => {
    await show(
      server(withIssues, {
        'issues:reveal': { code: 'failed', message: 'Look for it in /Users/ada/Trailer/Shots.' },
        'issues:retry': { code: 'failed', message: 'There is no sync issue 8.' },
      }),
    )
    await click('Shots/intro.mov', 'Show in folder')
    expect(within(row('Shots/intro.mov')).getByRole('alert').textContent).toBe(
      'Could not show the file: Look for it in /Users/ada/Trailer/Shots.',
    )
    await click('Shots/outro.mov', 'Retry')
    expect(within(row('Shots/outro.mov')).getByRole('alert').textContent).toBe(
      'Could not retry: There is no sync issue 8.',
    )
    expect(within(row('Shots/outro.mov')).queryByRole('status')).toBeNull()
  })

  it('follows state events: an issue that is gone leaves the list', async () => {
    const transport = server(withIssues)
    await show(transport)
    act(() => transport.emit('state', { ...withIssues, issues: [older] }))
    expect(screen.queryByText('Shots/outro.mov')).toBeNull()
    act(() => transport.emit('state', { ...withIssues, issues: [] }))
    expect(screen.getByRole('heading', { name: 'No issues' })).toBeTruthy()
  })

  it('goes back to the popover', async () => {
    await show(server(withIssues))
    fireEvent.click(screen.getByRole('button', { name: 'Back' }))
    expect(window.location.hash).toBe('')
  })
})
