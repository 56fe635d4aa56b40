// The renderer's wording of counts, sizes, times left, paths and failures.
import { describe, expect, it } from 'vitest'
import { IpcError } from '../../src/shared'
import {
  baseName,
  countOf,
  describeError,
  formatBytes,
  formatDuration,
} from '../../src/renderer/format'

describe('format', () => {
  it('counts with the right noun', () => {
    expect(countOf(1, 'file')).toBe('1 file')
    expect(countOf(0, 'file')).toBe('0 files')
    expect(countOf(2, 'folder needs', 'folders need')).toBe('2 folders need')
  })

  it('writes sizes in decimal units with at most one decimal', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(1_500_000)).toBe('1.5 MB')
    expect(formatBytes(12_000_000)).toBe('12 MB')
    expect(formatBytes(123_456_789)).toBe('123 MB')
    expect(formatBytes(999_960)).toBe('1 MB')
    expect(formatBytes(250_000_000_000)).toBe('250 GB')
  })

  it('rounds times left up, in seconds, minutes, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 s')
    expect(formatDuration(7.2)).toBe('8 s')
    expect(formatDuration(59)).toBe('59 s')
    expect(formatDuration(61)).toBe('2 min')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(3900)).toBe('1 h 5 min')
    expect(formatDuration(-3)).toBe('0 s')
  })

  it('names the last part of POSIX and Windows paths', () => {
    expect(baseName('/Users/ada/Trailer')).toBe('Trailer')
    expect(baseName('/Users/ada/Trailer/')).toBe('Trailer')
    expect(baseName('D:\\Footage\\Dailies')).toBe('Dailies')
    expect(baseName('Shots/A001.mov')).toBe('A001.mov')
  })

  it('tells a failure by its message', () => {
    expect(describeError(new IpcError({ code: 'failed', message: 'No such folder.' }))).toBe(
      'No such folder.',
    )
    expect(describeError('plain words')).toBe('plain words')
  })
})
