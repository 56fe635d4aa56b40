// The folder picker's test bench: a fake service with two Frame.io accounts, and the picker's
// fields as a person finds them (by role and label).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach } from 'vitest'
import { type IpcErrorBody, type RpcResult, defaultSettings, emptyAppState } from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { App } from '../../src/renderer/App'
import { useAppStore } from '../../src/renderer/store'
import { ada } from '../fixtures/app-state'
import { type FakeTransport, fakeTransport } from './fake-transport'

type Answer = (payload: unknown) => Promise<RpcResult> | RpcResult

export const ok = (value: unknown): RpcResult => ({ ok: true, value })
export const fail = (error: IpcErrorBody): RpcResult => ({ ok: false, error })
export const never = () => new Promise<RpcResult>(() => undefined)

export const studio = { id: 'a1', name: 'Studio' }
const agency = { id: 'a2', name: 'Agency' }

/** Studio has two workspaces; Agency has one workspace with one project. */
const catalog: Record<string, Answer> = {
  'frameio:accounts': () => ok([studio, agency]),
  'frameio:workspaces': (payload) =>
    ok(
      (payload as { accountId: string }).accountId === studio.id
        ? [
            { id: 'w1', name: 'Features' },
            { id: 'w2', name: 'Commercials' },
          ]
        : [{ id: 'w3', name: 'Pitches' }],
    ),
  'frameio:projects': (payload) => {
    const { workspaceId } = payload as { workspaceId: string }
    const projects: Record<string, Array<{ id: string; name: string }>> = {
      w1: [
        { id: 'p1', name: 'Trailer 2027' },
        { id: 'p2', name: 'Dailies' },
      ],
      w2: [{ id: 'p3', name: 'Summer trailer' }],
      w3: [{ id: 'p4', name: 'Pitch deck' }],
    }
    return ok(projects[workspaceId] ?? [])
  },
  'settings:get': () => ok({ ...defaultSettings, readyAfterSeconds: 45 }),
}

export function server(answers: Record<string, Answer>): FakeTransport {
  const table: Record<string, Answer> = {
    'app:getState': () => ok({ ...emptyAppState, user: ada }),
    'dialog:chooseFolder': () => ok({ path: '/Users/ada/Trailer' }),
    'roots:add': () => ok({ rootId: 'r9' }),
    ...catalog,
    ...answers,
  }
  return fakeTransport(async (channel, payload) => {
    const answer = table[channel]
    if (!answer) throw new Error(`the test did not expect a call to ${channel}`)
    return answer(payload)
  })
}

export async function show(transport: FakeTransport) {
  render(<App api={createApi(transport)} />)
  await act(async () => undefined)
}

/** Lets pending answers arrive and React settle. */
export async function settle() {
  await act(async () => undefined)
}

export function callsTo(transport: FakeTransport, channel: string): unknown[] {
  return transport.calls.filter(([name]) => name === channel).map(([, payload]) => payload)
}

export function projectNames(): string[] {
  return within(screen.getByRole('radiogroup'))
    .queryAllByRole('radio')
    .map((radio) => radio.closest('label')?.querySelector('.project-name')?.textContent ?? '')
}

export function pathField(): HTMLInputElement {
  return screen.getByRole('textbox', { name: 'Folder on this computer' })
}

export function secondsField(): HTMLInputElement {
  return screen.getByRole('textbox', { name: 'Wait before uploading' })
}

export function describedBy(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? []
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ')
}

export async function submit() {
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Start syncing' })))
}

/** Each test starts on the picker screen with an empty store, and leaves nothing behind. */
export function onPickerScreen() {
  beforeEach(() => {
    useAppStore.setState({ state: null, connectionError: null })
    window.location.hash = '#picker'
  })
  afterEach(() => {
    cleanup()
    window.location.hash = ''
  })
}
