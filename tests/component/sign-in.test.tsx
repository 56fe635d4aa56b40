// The signed-out popover: Sign in, waiting for the browser with Cancel, each way a sign-in can end
// without success in plain words with Try again, and calls that fail.
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { type AppState, emptyAppState } from '../../src/shared'
import { answering, showPopover, signedIn } from './popover-harness'

const waiting: AppState = { ...emptyAppState, signIn: { status: 'waiting', message: null } }

function failed(message: string | null): AppState {
  return { ...emptyAppState, signIn: { status: 'failed', message } }
}

function summary(): string {
  return screen.getByRole('status').textContent ?? ''
}

afterEach(cleanup)

describe('Signing in', () => {
  it('offers one Sign in button that starts signing in through the contract', async () => {
    const transport = answering(emptyAppState)
    await showPopover(transport)
    expect(summary()).toBe('Signed out')
    expect(screen.getByRole('heading', { name: "You're signed out" })).toBeTruthy()
    expect(document.body.textContent).toContain('Sign in with your Adobe ID')
    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Sign in',
      'Quit',
    ])
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })))
    expect(transport.calls).toContainEqual(['auth:beginSignIn', undefined])
  })

  it('waits for the browser and can cancel', async () => {
    const transport = answering(emptyAppState)
    await showPopover(transport)
    act(() => transport.emit('state', waiting))
    expect(screen.getByRole('heading', { name: 'Waiting for your browser…' })).toBeTruthy()
    expect(summary()).toBe('Signing in…')
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })))
    expect(transport.calls).toContainEqual(['auth:cancelSignIn', undefined])
    act(() => transport.emit('state', emptyAppState))
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy()
  })

  it.each([
    'Sign-in was cancelled in the browser.',
    'Sign-in timed out after 10 minutes. Try again when you are ready.',
    'Your Frame.io user is not linked to an Adobe ID yet: link it in Frame.io account settings, then sign in again.',
  ])('shows "%s" with a way to try again', async (message) => {
    const transport = answering(failed(message))
    await showPopover(transport)
    expect(screen.getByRole('heading', { name: "Sign-in didn't finish" })).toBeTruthy()
    expect(screen.getByText(message)).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })))
    expect(transport.calls).toContainEqual(['auth:beginSignIn', undefined])
  })

  it('says something useful when a failed sign-in came without a message', async () => {
    await showPopover(answering(failed(null)))
    expect(screen.getByText('The browser did not come back with a sign-in.')).toBeTruthy()
  })

  it('shows the folders once signed in', async () => {
    const transport = answering(waiting)
    await showPopover(transport)
    act(() => transport.emit('state', signedIn()))
    expect(screen.queryByRole('heading', { name: 'Waiting for your browser…' })).toBeNull()
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
  })

  it('says so when signing in cannot start, and lets the person try again', async () => {
    const transport = answering(emptyAppState, {
      'auth:beginSignIn': { code: 'failed', message: 'Syncing is not available in this window.' },
    })
    await showPopover(transport)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Sign in' })))
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not start signing in: Syncing is not available in this window.',
    )
    expect(screen.getByRole('button', { name: 'Sign in' }).hasAttribute('disabled')).toBe(false)
  })

  it('says so when cancelling fails', async () => {
    await showPopover(
      answering(waiting, {
        'auth:cancelSignIn': { code: 'internal', message: 'auth:cancelSignIn failed unexpectedly' },
      }),
    )
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })))
    expect(screen.getByRole('alert').textContent).toBe(
      'Could not cancel signing in: auth:cancelSignIn failed unexpectedly',
    )
  })
})
