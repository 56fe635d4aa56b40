// The settings screen: loading and load errors, each field refused inline with the shared limits,
// KB/s and MB/s converted exactly, saves that send only what changed, service errors shown where
// they belong, sign-out behind a confirmation, and diagnostics copied or shown to copy by hand.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type RpcResult, type Settings, defaultSettings, emptyAppState } from '../../src/shared'
import { createApi } from '../../src/renderer/api/client'
import { App } from '../../src/renderer/App'
import { useAppStore } from '../../src/renderer/store'
import { describeRate, rateDraft, readRate } from '../../src/renderer/views/settings-rate'
import { ada } from '../fixtures/app-state'
import { type FakeTransport, fakeTransport } from './fake-transport'

const stored: Settings = {
  ...defaultSettings,
  uploadBytesPerSecond: 2_500_000,
  ignorePatterns: ['*.tmp'],
}

type Answers = Partial<Record<string, (payload: unknown) => Promise<RpcResult>>>

const ok = async (value: unknown): Promise<RpcResult> => ({ ok: true, value })
const refused = async (message: string, field?: string): Promise<RpcResult> => ({
  ok: false,
  error: field === undefined ? { code: 'failed', message } : { code: 'failed', message, field },
})

function transportWith(answers: Answers = {}): FakeTransport {
  return fakeTransport((channel, payload) => {
    const answer = answers[channel]
    if (answer) return answer(payload)
    if (channel === 'app:getState') return ok({ ...emptyAppState, user: ada })
    if (channel === 'settings:get') return ok(stored)
    if (channel === 'settings:update') return ok({ ...stored, ...(payload as Partial<Settings>) })
    return ok(undefined)
  })
}

async function show(transport: FakeTransport = transportWith()) {
  render(<App api={createApi(transport)} />)
  await act(async () => undefined)
  return transport
}

const input = (label: string) => screen.getByLabelText<HTMLInputElement>(label)
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } })
const press = (name: string) =>
  act(async () => fireEvent.click(screen.getByRole('button', { name })))
const formStatus = () => within(screen.getByRole('form')).getByRole('status').textContent
const updates = (transport: FakeTransport) =>
  transport.calls.filter(([channel]) => channel === 'settings:update').map(([, payload]) => payload)
const problemOf = (label: string) => {
  const ids = input(label).getAttribute('aria-describedby') ?? ''
  const problem = ids.split(' ').find((id) => id.endsWith('-problem'))
  return problem ? document.getElementById(problem)?.textContent : undefined
}

beforeEach(() => {
  window.location.hash = 'settings'
  useAppStore.setState({ state: null, connectionError: null })
})
afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Settings: loading', () => {
  it('says it is loading, with account and help already usable', async () => {
    await show(transportWith({ 'settings:get': () => new Promise<RpcResult>(() => undefined) }))
    expect(screen.getByText('Loading your settings…').getAttribute('role')).toBe('status')
    expect(screen.queryByRole('form')).toBeNull()
    expect(screen.getByRole('button', { name: 'Sign out…' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Copy diagnostics' })).toBeTruthy()
  })

  it('explains a load error and tries again', async () => {
    let attempts = 0
    const transport = await show(
      transportWith({
        'settings:get': () =>
          ++attempts === 1 ? refused('the settings file is unreadable') : ok(stored),
      }),
    )
    expect(screen.getByRole('alert').textContent).toBe(
      'Your settings could not be loaded: the settings file is unreadable',
    )
    await press('Try again')
    expect(screen.getByRole('form')).toBeTruthy()
    expect(transport.calls.filter(([channel]) => channel === 'settings:get')).toHaveLength(2)
  })

  it('shows the stored values, limits in words, and the advanced part collapsed', async () => {
    await show()
    expect(input('Upload limit').value).toBe('2.5')
    expect(screen.getByLabelText<HTMLSelectElement>('Upload limit, unit').value).toBe('MB')
    expect(screen.getByText('Up to 2.5 MB/s (2,500,000 bytes per second)')).toBeTruthy()
    expect(screen.getByText('No limit')).toBeTruthy()
    expect(input('Parts per file').value).toBe('4')
    expect(input('Files to ignore').value).toBe('*.tmp')
    expect(screen.getByRole('radio', { name: /^Everything/ })).toHaveProperty('checked', true)
    expect(screen.getByText('Advanced: Frame.io connection').closest('details')?.open).toBe(false)
  })
})

describe('Settings: validation', () => {
  it.each([
    ['Files at once', '0', 'Enter a whole number from 1 to 16.'],
    ['Files at once', '17', 'Enter a whole number from 1 to 16.'],
    ['Parts per file', '2.5', 'Enter a whole number from 1 to 16.'],
    ['Parts in total', '65', 'Enter a whole number from 1 to 64.'],
    ['Parts in total', '', 'Enter a whole number from 1 to 64.'],
    ['Wait before uploading (seconds)', '86401', 'Enter a whole number from 0 to 86400.'],
    ['Upload limit', 'fast', 'Enter a number such as 2.5, or 0 for no limit.'],
    ['Download limit', '-1', 'Enter a number such as 2.5, or 0 for no limit.'],
    [
      'Upload limit',
      '1.2345678',
      'Use at most 6 decimal places with MB/s, so the limit is a whole number of bytes.',
    ],
    ['Download limit', '99999999999', 'That limit is too large; use 0 for no limit.'],
  ])('refuses %s = "%s" inline without saving', async (label, value, problem) => {
    const transport = await show()
    type(label, value)
    await press('Save')
    expect(problemOf(label)).toBe(problem)
    expect(input(label).getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(input(label))
    expect(formStatus()).toBe('Not saved: 1 setting needs a different value.')
    expect(updates(transport)).toEqual([])
  })

  it.each([
    ['Frame.io API address', 'ftp://files.example.com', 'starting with https://'],
    ['Adobe sign-in (IMS) address', 'ims.example.com', 'starting with https://'],
    ['Redirect URI', 'adobeid', 'redirect URI from your Adobe credential'],
  ])('refuses the advanced %s "%s", opening the advanced part', async (label, value, problem) => {
    const transport = await show()
    const details = screen.getByText('Advanced: Frame.io connection').closest('details')
    type(label, value)
    await press('Save')
    expect(details?.open).toBe(true)
    expect(problemOf(label)).toContain(problem)
    expect(document.activeElement).toBe(input(label))
    expect(updates(transport)).toEqual([])
  })

  it('counts every problem, focuses the first, and clears each as it is fixed', async () => {
    await show()
    type('Parts per file', '0')
    type('Files at once', '99')
    await press('Save')
    expect(formStatus()).toBe('Not saved: 2 settings need a different value.')
    expect(document.activeElement).toBe(input('Files at once'))
    type('Files at once', '3')
    expect(problemOf('Files at once')).toBeUndefined()
    expect(input('Files at once').getAttribute('aria-invalid')).toBe('false')
    expect(problemOf('Parts per file')).toBe('Enter a whole number from 1 to 16.')
  })
})

describe('Settings: bandwidth units', () => {
  it.each([
    [{ amount: '1.5', unit: 'MB' }, 1_500_000],
    [{ amount: '750', unit: 'KB' }, 750_000],
    [{ amount: '0.001', unit: 'KB' }, 1],
    [{ amount: '.25', unit: 'MB' }, 250_000],
    [{ amount: '2.000000', unit: 'MB' }, 2_000_000],
    [{ amount: ' 0 ', unit: 'KB' }, 0],
    [{ amount: '0.1', unit: 'MB' }, 100_000],
  ] as const)('reads %o as %d bytes per second', (draft, bytes) => {
    expect(readRate(draft, 'uploadBytesPerSecond')).toEqual({ ok: true, bytesPerSecond: bytes })
  })

  it('shows stored limits in the unit that reads best, exactly, and in words', () => {
    expect(rateDraft(0)).toEqual({ amount: '0', unit: 'MB' })
    expect(rateDraft(1)).toEqual({ amount: '0.001', unit: 'KB' })
    expect(rateDraft(999_999)).toEqual({ amount: '999.999', unit: 'KB' })
    expect(rateDraft(1_234_567)).toEqual({ amount: '1.234567', unit: 'MB' })
    expect(describeRate(0)).toBe('No limit')
    expect(describeRate(1)).toBe('Up to 0.001 KB/s (1 byte per second)')
    expect(describeRate(12_000_000)).toBe('Up to 12 MB/s (12,000,000 bytes per second)')
  })

  it('describes the typed value as it changes and saves it in bytes per second', async () => {
    const transport = await show()
    type('Download limit', '512')
    fireEvent.change(screen.getByLabelText('Download limit, unit'), { target: { value: 'KB' } })
    expect(screen.getByText('Up to 512 KB/s (512,000 bytes per second)')).toBeTruthy()
    await press('Save')
    expect(updates(transport)).toEqual([{ downloadBytesPerSecond: 512_000 }])
  })
})

describe('Settings: saving', () => {
  it('sends exactly what changed and says "Saved." to screen readers', async () => {
    const transport = await show()
    fireEvent.click(screen.getByLabelText(/Open Frame.io Sync when you log in/))
    fireEvent.click(screen.getByRole('radio', { name: /^Problems only/ }))
    type('Files at once', '6')
    type('Files to ignore', '*.tmp\n\n.cache/\r\n')
    type('Upload limit', '2.50')
    await press('Save')
    expect(updates(transport)).toEqual([
      {
        startAtLogin: true,
        notificationLevel: 'issues',
        filesAtOnce: 6,
        ignorePatterns: ['*.tmp', '.cache/'],
      },
    ])
    expect(formStatus()).toBe('Saved.')
  })

  it('sends the whole api group when one of its fields changed, trimmed', async () => {
    const transport = await show()
    type('OAuth client ID', '  abc123  ')
    await press('Save')
    expect(updates(transport)).toEqual([{ api: { ...defaultSettings.api, clientId: 'abc123' } }])
  })

  it('sends nothing when nothing changed, and discards changes on request', async () => {
    const transport = await show()
    await press('Save')
    expect(formStatus()).toBe('Nothing to save: no setting has changed.')
    type('Parts per file', '8')
    await press('Discard changes')
    expect(input('Parts per file').value).toBe('4')
    expect(screen.queryByRole('button', { name: 'Discard changes' })).toBeNull()
    expect(updates(transport)).toEqual([])
  })

  it('shows what the service answers as the new values', async () => {
    await show(
      transportWith({
        'settings:update': () => ok({ ...stored, partsOverall: 12, filesAtOnce: 5 }),
      }),
    )
    type('Files at once', '5')
    await press('Save')
    expect(input('Parts in total').value).toBe('12')
    expect(screen.queryByRole('button', { name: 'Discard changes' })).toBeNull()
  })

  it("shows the service's error next to the field it names", async () => {
    await show(
      transportWith({
        'settings:update': () =>
          refused('must not exceed the parts per file times 4', 'partsOverall'),
      }),
    )
    type('Parts in total', '64')
    await press('Save')
    expect(problemOf('Parts in total')).toBe('must not exceed the parts per file times 4')
    expect(document.activeElement).toBe(input('Parts in total'))
    expect(formStatus()).toBe('Not saved.')
    type('Parts in total', '32')
    expect(problemOf('Parts in total')).toBeUndefined()
  })

  it('shows a service error about no field beside the Save button', async () => {
    await show(
      transportWith({ 'settings:update': () => refused('the settings file is read-only') }),
    )
    type('Files at once', '2')
    await press('Save')
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not save: the settings file is read-only',
    )
  })
})

describe('Settings: sign out', () => {
  it('says who is signed in, that nobody is, or why it cannot tell', async () => {
    await show(transportWith({ 'app:getState': () => ok(emptyAppState) }))
    expect(screen.getByText("You're not signed in.")).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Sign out…' })).toBeNull()
    cleanup()
    useAppStore.setState({ state: null, connectionError: null })
    await show(transportWith({ 'app:getState': () => refused('cannot reach Frame.io Sync') }))
    expect(
      screen.getByText("Can't tell who is signed in: cannot reach Frame.io Sync."),
    ).toBeTruthy()
  })

  it('asks first, and Cancel signs nothing out', async () => {
    const transport = await show()
    await press('Sign out…')
    const question = screen.getByRole('group', { name: 'Sign out of Frame.io?' })
    expect(question.textContent).toContain('Nothing is deleted')
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }))
    await press('Cancel')
    expect(screen.queryByRole('group', { name: 'Sign out of Frame.io?' })).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign out…' }))
    expect(transport.calls.some(([channel]) => channel === 'auth:signOut')).toBe(false)
  })

  it('signs out once confirmed and goes back to the popover', async () => {
    const transport = await show()
    expect(screen.getByText('Signed in as Ada Lovelace (ada@example.com)')).toBeTruthy()
    await press('Sign out…')
    await press('Sign out')
    expect(transport.calls).toContainEqual(['auth:signOut', undefined])
    expect(window.location.hash).toBe('')
  })

  it('says why signing out failed', async () => {
    await show(transportWith({ 'auth:signOut': () => refused('the keychain is locked') }))
    await press('Sign out…')
    await press('Sign out')
    expect(screen.getByRole('alert').textContent).toBe('Could not sign out: the keychain is locked')
    expect(window.location.hash).toBe('#settings')
  })
})

describe('Settings: diagnostics', () => {
  const report = 'frameio-sync 0.1.0\nsettings: …'
  const withReport = () => transportWith({ 'app:diagnostics': () => ok({ text: report }) })
  const helpStatus = () =>
    within(screen.getByRole('region', { name: 'Help' })).getByRole('status').textContent

  it('copies them to the clipboard and says so', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await show(withReport())
    await press('Copy diagnostics')
    expect(writeText).toHaveBeenCalledWith(report)
    expect(helpStatus()).toBe('Diagnostics copied to the clipboard.')
    expect(screen.queryByLabelText('Diagnostics')).toBeNull()
  })

  it('shows them to copy by hand when the clipboard is refused', async () => {
    const writeText = vi.fn(async () =>
      Promise.reject(new DOMException('denied', 'NotAllowedError')),
    )
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    await show(withReport())
    await press('Copy diagnostics')
    expect(helpStatus()).toBe('The clipboard could not be used. Select the text below and copy it.')
    const text = screen.getByLabelText<HTMLTextAreaElement>('Diagnostics')
    expect(text.value).toBe(report)
    expect(document.activeElement).toBe(text)
  })

  it('says when the diagnostics could not be gathered', async () => {
    await show(transportWith({ 'app:diagnostics': () => refused('the index is busy') }))
    await press('Copy diagnostics')
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not gather the diagnostics: the index is busy',
    )
  })
})
