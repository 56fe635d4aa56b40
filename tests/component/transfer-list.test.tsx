// What is moving: transfers grouped Uploading / Downloading with progress, speed and time left,
// and files waiting to settle with a countdown that ticks only while something is settling.
import { act, cleanup, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trailerRoot } from '../fixtures/app-state'
import { answering, settlingFile, showPopover, signedIn, transfer } from './popover-harness'

function groupItems(name: string): string[] {
  const list = screen.getByRole('list', { name })
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '')
}

afterEach(cleanup)

describe('Transfers', () => {
  it('groups uploads and downloads with progress, speed and time left', async () => {
    await showPopover(
      answering(
        signedIn({
          roots: [trailerRoot],
          transfers: [
            transfer('Shots/A001.mov', {
              bytesDone: 120_000_000,
              bytesTotal: 400_000_000,
              bytesPerSecond: 12_000_000,
              etaSeconds: 23.4,
            }),
            transfer('cut.prproj', {
              direction: 'download',
              bytesDone: 1_500_000,
              bytesTotal: 3_000_000,
              bytesPerSecond: 500_000,
              etaSeconds: 200,
            }),
          ],
        }),
      ),
    )
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Synced folders',
      'Uploading',
      'Downloading',
    ])
    expect(groupItems('Uploading')).toEqual([
      'A001.movin Trailer/Shots120 MB of 400 MB · 12 MB/s · 24 s left',
    ])
    expect(groupItems('Downloading')).toEqual([
      'cut.prprojin Trailer1.5 MB of 3 MB · 500 KB/s · 4 min left',
    ])
    const bar = screen.getByRole('progressbar', { name: 'Uploading A001.mov' })
    expect(bar.getAttribute('value')).toBe('120000000')
    expect(bar.getAttribute('max')).toBe('400000000')
  })

  it('shows a transfer of unknown size as working, without a value', async () => {
    await showPopover(
      answering(signedIn({ roots: [trailerRoot], transfers: [transfer('new.mov')] })),
    )
    expect(groupItems('Uploading')).toEqual([
      'new.movin Trailer0 B of 0 B · working out the time left',
    ])
    expect(
      screen.getByRole('progressbar', { name: 'Uploading new.mov' }).hasAttribute('value'),
    ).toBe(false)
    expect(screen.queryByRole('list', { name: 'Downloading' })).toBeNull()
  })

  it('shows nothing of transfers when nothing moves', async () => {
    await showPopover(answering(signedIn({ roots: [trailerRoot] })))
    expect(screen.queryByRole('list', { name: 'Uploading' })).toBeNull()
    expect(screen.queryByRole('list', { name: 'Waiting to settle' })).toBeNull()
  })
})

describe('Waiting to settle', () => {
  const start = new Date('2026-11-27T10:00:00Z').getTime()

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] })
    vi.setSystemTime(start)
  })
  afterEach(() => vi.useRealTimers())

  it('counts down the seconds left, soonest first, once a second', async () => {
    await showPopover(
      answering(
        signedIn({
          roots: [trailerRoot],
          settling: [
            settlingFile('Shots/B.mov', start + 90_000),
            settlingFile('A.mov', start + 2_000),
          ],
        }),
      ),
    )
    expect(groupItems('Waiting to settle')).toEqual([
      'A.movin TrailerUploads in 2 s if it stays unchanged',
      'B.movin Trailer/ShotsUploads in 2 min if it stays unchanged',
    ])
    act(() => vi.advanceTimersByTime(1000))
    expect(groupItems('Waiting to settle')[0]).toBe(
      'A.movin TrailerUploads in 1 s if it stays unchanged',
    )
    act(() => vi.advanceTimersByTime(1000))
    expect(groupItems('Waiting to settle')).toEqual([
      'A.movin TrailerChecking that it stayed unchanged…',
      'B.movin Trailer/ShotsUploads in 2 min if it stays unchanged',
    ])
    act(() => vi.advanceTimersByTime(30_000))
    expect(groupItems('Waiting to settle')[1]).toBe(
      'B.movin Trailer/ShotsUploads in 58 s if it stays unchanged',
    )
  })

  it('ticks only while something is settling', async () => {
    const transport = answering(signedIn({ roots: [trailerRoot] }))
    await showPopover(transport)
    expect(vi.getTimerCount()).toBe(0)
    act(() =>
      transport.emit(
        'state',
        signedIn({ roots: [trailerRoot], settling: [settlingFile('A.mov', start + 5_000)] }),
      ),
    )
    expect(vi.getTimerCount()).toBe(1)
    act(() => transport.emit('state', signedIn({ roots: [trailerRoot] })))
    expect(vi.getTimerCount()).toBe(0)
    expect(screen.queryByRole('list', { name: 'Waiting to settle' })).toBeNull()
  })
})
