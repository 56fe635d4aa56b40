// The activity screen: loading, failing and empty lists, entries newest first in words with size
// and time, and the folder and kind filters and Refresh asking activity:list for the right thing.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type ActivityItem, type AppState, type RpcResult, emptyAppState } from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { App } from '../../src/renderer/App'
import { useAppStore } from '../../src/renderer/store'
import { ada, dailiesRoot, trailerRoot } from '../fixtures/app-state'
import { type FakeTransport, fakeTransport } from './fake-transport'

const state: AppState = {
  ...emptyAppState,
  user: ada,
  roots: [trailerRoot, dailiesRoot('/Volumes/Footage/Dailies')],
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()

function item(id: number, kind: ActivityItem['kind'], path: string, at: string): ActivityItem {
  return { id, rootId: trailerRoot.id, path, kind, bytes: 0, at }
}

const entries: ActivityItem[] = [
  { ...item(1, 'uploaded', 'Shots/intro.mov', minutesAgo(90)), bytes: 1_500_000 },
  item(2, 'issue', 'Shots/outro.mov', minutesAgo(3.5)),
  { ...item(3, 'downloaded', 'Music/theme.wav', minutesAgo(20)), rootId: 'r2', bytes: 980 },
  item(4, 'deleted-remembered', 'Old/cut.mov', minutesAgo(2 * 24 * 60)),
  { ...item(5, 'linked', 'Shots/logo.png', minutesAgo(40)), bytes: 2_400 },
]

function server(activity: (payload: unknown) => Promise<RpcResult>): FakeTransport {
  return fakeTransport(async (channel, payload) => {
    if (channel === 'app:getState') return { ok: true, value: state }
    if (channel === 'activity:list') return activity(payload)
    throw new Error(`the test did not expect a call to ${channel}`)
  })
}

const answering = (items: ActivityItem[]) => async (): Promise<RpcResult> => ({
  ok: true,
  value: items,
})

async function show(transport: FakeTransport) {
  render(<App api={createApi(transport)} />)
  await act(async () => undefined)
}

function activityRequests(transport: FakeTransport): unknown[] {
  return transport.calls.filter(([channel]) => channel === 'activity:list').map(([, p]) => p)
}

async function choose(filter: 'Folder' | 'Kind', value: string) {
  await act(async () =>
    fireEvent.change(screen.getByRole('combobox', { name: filter }), { target: { value } }),
  )
}

function rows(): string[] {
  return within(screen.getByRole('list', { name: 'Activity' }))
    .getAllByRole('listitem')
    .map((row) => row.textContent ?? '')
}

beforeEach(() => {
  useAppStore.setState({ state: null, connectionError: null })
  window.location.hash = '#activity'
})

afterEach(() => {
  cleanup()
  window.location.hash = ''
})

describe('ActivityView', () => {
  it('asks for everything when it opens, and says it is loading', async () => {
    const transport = server(() => new Promise<RpcResult>(() => undefined))
    await show(transport)
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Activity')
    expect(screen.getByText('Loading activity…')).toBeTruthy()
    expect(activityRequests(transport)).toEqual([{}])
  })

  it('lists entries newest first, in words, with folder, size and time', async () => {
    await show(server(answering(entries)))
    expect(rows()).toEqual([
      'ProblemShots/outro.movTrailer3 minutes ago',
      'DownloadedMusic/theme.wavDailies980 B20 minutes ago',
      'Matched existing fileShots/logo.pngTrailer2.4 KB40 minutes ago',
      'UploadedShots/intro.movTrailer1.5 MB1 hour ago',
      'Deletion rememberedOld/cut.movTrailer2 days ago',
    ])
    const time = screen.getByText('1 hour ago')
    expect(time.getAttribute('datetime')).toBe(entries[0]?.at)
    expect(time.getAttribute('title')).toMatch(/\d{4}/)
  })

  it('says when nothing happened, and when nothing matches the filters', async () => {
    await show(server(answering([])))
    expect(screen.getByRole('heading', { name: 'No activity yet' })).toBeTruthy()
    await choose('Kind', 'issue')
    expect(screen.getByRole('heading', { name: 'Nothing matches' })).toBeTruthy()
  })

  it('explains a failure and tries again on request', async () => {
    let failures = 1
    const transport = server(async () =>
      failures-- > 0
        ? { ok: false, error: { code: 'failed', message: 'The sync index is busy.' } }
        : { ok: true, value: entries },
    )
    await show(transport)
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not load the activity: The sync index is busy.Try again',
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })))
    await act(async () => undefined)
    expect(rows()).toHaveLength(5)
    expect(activityRequests(transport)).toEqual([{}, {}])
  })

  it('offers every folder and every kind, in words', async () => {
    await show(server(answering([])))
    const options = (name: string) =>
      within(screen.getByRole('combobox', { name }))
        .getAllByRole('option')
        .map((option) => option.textContent)
    expect(options('Folder')).toEqual([
      'All folders',
      'Trailer (Trailer 2027)',
      'Dailies (Dailies)',
    ])
    expect(options('Kind')).toEqual([
      'Everything',
      'Uploaded',
      'Downloaded',
      'Matched existing file',
      'Problem',
      'Deletion remembered',
    ])
  })

  it('asks again with the chosen folder and kind', async () => {
    const transport = server(answering(entries))
    await show(transport)
    await choose('Folder', 'r1')
    await choose('Kind', 'uploaded')
    await choose('Folder', '')
    await choose('Kind', '')
    expect(activityRequests(transport)).toEqual([
      {},
      { rootId: 'r1' },
      { rootId: 'r1', kind: 'uploaded' },
      { kind: 'uploaded' },
      {},
    ])
  })

  it('leaves the folder out of each entry once one folder is chosen', async () => {
    await show(server(answering(entries.slice(0, 1))))
    await choose('Folder', 'r1')
    expect(rows()).toEqual(['UploadedShots/intro.mov1.5 MB1 hour ago'])
  })

  it('shows the answer to the latest question when an older one arrives late', async () => {
    const answers: Array<(result: RpcResult) => void> = []
    await show(server(() => new Promise<RpcResult>((resolve) => answers.push(resolve))))
    await choose('Kind', 'issue')
    await act(async () => answers[1]?.({ ok: true, value: entries.slice(1, 2) }))
    await act(async () => answers[0]?.({ ok: true, value: entries }))
    expect(rows()).toEqual(['ProblemShots/outro.movTrailer3 minutes ago'])
  })

  it('asks again on Refresh, not on state events', async () => {
    const transport = server(answering(entries))
    await show(transport)
    await choose('Kind', 'downloaded')
    act(() => transport.emit('state', { ...state, paused: true }))
    expect(activityRequests(transport)).toEqual([{}, { kind: 'downloaded' }])
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Refresh' })))
    expect(activityRequests(transport)).toEqual([
      {},
      { kind: 'downloaded' },
      { kind: 'downloaded' },
    ])
  })

  it('goes back to the popover', async () => {
    await show(server(answering([])))
    fireEvent.click(screen.getByRole('button', { name: 'Back' }))
    expect(window.location.hash).toBe('')
  })
})
