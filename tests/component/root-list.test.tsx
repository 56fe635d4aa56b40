// The synced folders: each card's project, path, mode and state chip in every status, and its
// actions (pause, resume, open folder, remove after a confirmation) with their failures.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncRoot } from '../../src/shared'
import { dailiesRoot, trailerRoot } from '../fixtures/app-state'
import { answering, root, showPopover, signedIn, transfer } from './popover-harness'

function card(name: string): HTMLElement {
  const heading = screen.getByRole('heading', { level: 3, name })
  const item = heading.closest('li')
  if (!item) throw new Error(`the heading ${name} is not in a list item`)
  return item
}

function chipOf(name: string): string {
  return card(name).querySelector('.chip')?.textContent ?? ''
}

afterEach(cleanup)

describe('Synced folders', () => {
  it('lists each folder with its project, path and mode', async () => {
    await showPopover(
      answering(signedIn({ roots: [trailerRoot, dailiesRoot('D:\\Footage\\Dailies')] })),
    )
    const list = screen.getByRole('list', { name: 'Synced folders' })
    const cards = within(list).getAllByRole('listitem')
    expect(cards).toHaveLength(2)
    const [trailer, dailies] = cards as [HTMLElement, HTMLElement]
    expect(within(trailer).getByRole('heading').textContent).toBe('Trailer')
    expect(trailer.textContent).toContain('Trailer 2027 · Two-way')
    expect(trailer.textContent).toContain('/Users/ada/Projects/Trailer')
    expect(within(dailies).getByRole('heading').textContent).toBe('Dailies')
    expect(dailies.textContent).toContain('Dailies · Upload only')
    expect(dailies.textContent).toContain('D:\\Footage\\Dailies')
  })

  it.each<[string, Partial<SyncRoot>, number, string]>([
    ['synced', {}, 0, 'Synced'],
    [
      'syncing',
      { status: 'syncing', counts: { queued: 3, settling: 0, issues: 0 } },
      1,
      'Syncing 3 files',
    ],
    ['syncing what is in flight only', { status: 'syncing' }, 2, 'Syncing 2 files'],
    [
      'settling',
      { counts: { queued: 0, settling: 1, issues: 0 } },
      0,
      'Waiting for 1 file to settle',
    ],
    ['paused', { status: 'paused' }, 0, 'Paused'],
    ['offline', { status: 'offline' }, 0, 'Offline'],
    [
      'with issues',
      { status: 'attention', counts: { queued: 0, settling: 0, issues: 2 } },
      0,
      '2 issues',
    ],
    ['in trouble without issues', { status: 'attention' }, 0, 'Needs attention'],
  ])('shows a folder %s', async (_case, change, moving, chip) => {
    const transfers = Array.from({ length: moving }, (_, i) => transfer(`f${i}.mov`))
    await showPopover(answering(signedIn({ roots: [root('r1', change)], transfers })))
    expect(chipOf('r1')).toBe(chip)
  })

  it('says why a folder stopped, but not what the chip already says', async () => {
    await showPopover(
      answering(
        signedIn({
          roots: [
            root('missing', {
              status: 'attention',
              statusReason: 'The folder /data/missing is missing: plug in its drive.',
            }),
            root('asleep', { status: 'paused', statusReason: 'Paused while the computer sleeps' }),
            root('away', { status: 'offline', statusReason: 'Frame.io cannot be reached.' }),
            root('busy', { status: 'syncing', statusReason: 'Syncing 1 file' }),
          ],
        }),
      ),
    )
    const reason = (name: string) => card(name).querySelector('.root-reason')?.textContent
    expect(chipOf('missing')).toBe('Needs attention')
    expect(reason('missing')).toBe('The folder /data/missing is missing: plug in its drive.')
    expect(reason('asleep')).toBe('Paused while the computer sleeps')
    expect(reason('away')).toBe('Frame.io cannot be reached.')
    expect(reason('busy')).toBeUndefined()
  })

  it('labels every action with the folder it acts on', async () => {
    await showPopover(answering(signedIn({ roots: [trailerRoot] })))
    expect(
      within(card('Trailer'))
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual([
      'Pause Trailer',
      'Open folder Trailer',
      'Open Trailer in Frame.io',
      'Remove Trailer',
    ])
  })

  it('pauses, resumes and opens a folder through the contract', async () => {
    const transport = answering(signedIn({ roots: [trailerRoot] }))
    await showPopover(transport)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Pause Trailer' })))
    expect(transport.calls).toContainEqual(['roots:pause', { rootId: 'r1' }])
    act(() => transport.emit('state', signedIn({ roots: [{ ...trailerRoot, status: 'paused' }] })))
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Resume Trailer' })))
    expect(transport.calls).toContainEqual(['roots:resume', { rootId: 'r1' }])
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Open folder Trailer' })),
    )
    expect(transport.calls).toContainEqual(['roots:openFolder', { rootId: 'r1' }])
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Open Trailer in Frame.io' })),
    )
    expect(transport.calls).toContainEqual(['roots:openInFrameio', { rootId: 'r1' }])
  })

  it('leaves pausing to "Resume all" while everything is paused', async () => {
    await showPopover(
      answering(signedIn({ paused: true, roots: [{ ...trailerRoot, status: 'paused' }] })),
    )
    expect(screen.queryByRole('button', { name: 'Resume Trailer' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Resume all' })).toBeTruthy()
  })

  it('shows a failed action in words on the folder it concerns', async () => {
    await showPopover(
      answering(signedIn({ roots: [trailerRoot, dailiesRoot('/data/Dailies')] }), {
        'roots:openFolder': {
          code: 'failed',
          message: 'Open /Users/ada/Projects/Trailer in your file manager.',
        },
      }),
    )
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Open folder Trailer' })),
    )
    expect(within(card('Trailer')).getByRole('alert').textContent).toBe(
      'Could not open Trailer: Open /Users/ada/Projects/Trailer in your file manager.',
    )
    expect(within(card('Dailies')).queryByRole('alert')).toBeNull()
  })
})

describe('Removing a folder', () => {
  it('asks first, saying nothing is deleted, and can be cancelled', async () => {
    const transport = answering(signedIn({ roots: [trailerRoot] }))
    await showPopover(transport)
    fireEvent.click(screen.getByRole('button', { name: 'Remove Trailer' }))
    const question = screen.getByRole('group', { name: 'Remove Trailer?' })
    expect(question.textContent).toContain(
      'Stop syncing Trailer with Trailer 2027? Nothing is deleted on either side: the files stay in this folder and in Frame.io.',
    )
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Keep syncing Trailer' }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Keep syncing Trailer' }))
    expect(screen.queryByRole('group', { name: 'Remove Trailer?' })).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Trailer' }))
    expect(transport.calls.map(([channel]) => channel)).not.toContain('roots:remove')
  })

  it('is cancelled with Escape', async () => {
    await showPopover(answering(signedIn({ roots: [trailerRoot] })))
    fireEvent.click(screen.getByRole('button', { name: 'Remove Trailer' }))
    fireEvent.keyDown(screen.getByRole('button', { name: 'Keep syncing Trailer' }), {
      key: 'Escape',
    })
    expect(screen.queryByRole('group', { name: 'Remove Trailer?' })).toBeNull()
  })

  it('removes the folder once confirmed', async () => {
    const transport = answering(signedIn({ roots: [trailerRoot] }))
    await showPopover(transport)
    fireEvent.click(screen.getByRole('button', { name: 'Remove Trailer' }))
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Stop syncing Trailer' })),
    )
    expect(transport.calls).toContainEqual(['roots:remove', { rootId: 'r1' }])
    act(() => transport.emit('state', signedIn()))
    expect(screen.getByRole('heading', { name: 'No folders yet' })).toBeTruthy()
  })

  it('says so when removing fails, and keeps the folder', async () => {
    await showPopover(
      answering(signedIn({ roots: [trailerRoot] }), {
        'roots:remove': {
          code: 'internal',
          message: 'roots:remove failed unexpectedly (details in the log)',
        },
      }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Remove Trailer' }))
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Stop syncing Trailer' })),
    )
    expect(within(card('Trailer')).getByRole('alert').textContent).toBe(
      'Could not remove Trailer: roots:remove failed unexpectedly (details in the log)',
    )
    expect(screen.queryByRole('group', { name: 'Remove Trailer?' })).toBeNull()
  })
})
