// Name rules: NFC paths, case keys, Frame.io names refused (each class, on every platform) or
// mapped to look-alikes on Windows, and the case-sensitivity probe.
import { access, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  caseKey,
  detectCaseInsensitive,
  normalizePath,
  RootUnavailableError,
  toLocalName,
} from '../../src/core/local'
import { useTempFolders } from './local-temp'

const tempFolder = useTempFolders('local-names')
const platforms: NodeJS.Platform[] = ['linux', 'darwin', 'win32']

describe('normalizePath and caseKey', () => {
  it('turns NFD into NFC and folds case for case-insensitive roots', () => {
    expect(normalizePath('Cafe\u0301/Sce\u0300ne.mov')).toBe('Caf\u00e9/Sc\u00e8ne.mov')
    expect(caseKey('Cafe\u0301/SCE\u0300NE.MOV')).toBe('caf\u00e9/sc\u00e8ne.mov')
    expect(caseKey('Day1/Clip.mov')).toBe(caseKey('DAY1/clip.MOV'))
  })
})

describe('toLocalName', () => {
  const refusals: Array<[string, string, RegExp]> = [
    ['empty', '', /empty/],
    ['dot', '.', /outside its folder/],
    ['dot dot', '..', /outside its folder/],
    ['slash', 'a/b.mov', /slash/],
    ['backslash', 'a\\b.mov', /slash/],
    ['traversal', '..\\..\\evil.mov', /slash/],
    ['NUL', 'clip\u0000.mov', /control character/],
    ['newline', 'clip\n.mov', /control character/],
    ['tab', '\tclip.mov', /control character/],
    ['unit separator', 'clip\u001f.mov', /control character/],
    ['lone surrogate', 'clip\ud800.mov', /broken Unicode/],
    ['CON', 'CON', /reserves for a device/],
    ['con.txt', 'con.txt', /reserves for a device/],
    ['Aux with two extensions', 'Aux.tar.gz', /reserves for a device/],
    ['NUL with trailing space', 'NUL .mov', /reserves for a device/],
    ['prn', 'prn', /reserves for a device/],
    ['COM1', 'COM1.log', /reserves for a device/],
    ['com9', 'com9', /reserves for a device/],
    ['LPT5', 'LPT5.mov', /reserves for a device/],
    ['lpt9', 'lpt9', /reserves for a device/],
    ['COM superscript', 'COM\u00b9', /reserves for a device/],
    ['CONIN$', 'CONIN$', /reserves for a device/],
    ['state folder', '.frameio-sync', /own hidden folder/],
    ['state folder in capitals', '.FRAMEIO-SYNC', /own hidden folder/],
    ['too long', `${'a'.repeat(252)}.mov`, /255 bytes/],
    ['too long in bytes', '\u00e9'.repeat(128), /255 bytes/],
  ]
  for (const [label, remoteName, reason] of refusals) {
    it(`refuses ${label} on every platform`, () => {
      for (const platform of platforms) {
        const answer = toLocalName(remoteName, platform)
        expect('refused' in answer ? answer.refused : answer.name, platform).toMatch(reason)
      }
    })
  }

  const kept = [
    'clip.mov',
    'Console.mov',
    'CON2.mov',
    'COM10.log',
    'my CON.txt',
    'LPT.txt',
    '.hidden',
    `${'a'.repeat(251)}.mov`,
  ]
  it('keeps ordinary names that merely resemble refused ones', () => {
    for (const name of kept) {
      for (const platform of platforms) expect(toLocalName(name, platform)).toEqual({ name })
    }
  })

  it('gives names in NFC', () => {
    expect(toLocalName('Cafe\u0301.mov', 'darwin')).toEqual({ name: 'Caf\u00e9.mov' })
  })

  const windowsMapped: Array<[string, string]> = [
    ['a<b>.mov', 'a\uff1cb\uff1e.mov'],
    ['Scene 1: Take 2.mov', 'Scene 1\uff1a Take 2.mov'],
    ['"quoted".mov', '\uff02quoted\uff02.mov'],
    ['a|b.mov', 'a\uff5cb.mov'],
    ['why?.mov', 'why\uff1f.mov'],
    ['*.mov', '\uff0a.mov'],
    ['ends with dot.', 'ends with dot\uff0e'],
    ['ends with space ', 'ends with space\u3000'],
    ['mixed . .', 'mixed\u3000\uff0e\u3000\uff0e'],
    ['...', '\uff0e\uff0e\uff0e'],
    ['a. b.mov', 'a. b.mov'],
  ]
  it('maps characters Windows forbids, and trailing dots and spaces, to look-alikes on Windows', () => {
    for (const [remoteName, name] of windowsMapped) {
      expect(toLocalName(remoteName, 'win32'), remoteName).toEqual({ name })
    }
  })

  it('keeps those characters as they are elsewhere', () => {
    for (const [remoteName] of windowsMapped) {
      expect(toLocalName(remoteName, 'linux')).toEqual({ name: remoteName })
      expect(toLocalName(remoteName, 'darwin')).toEqual({ name: remoteName })
    }
  })
})

describe('detectCaseInsensitive', () => {
  it('probes inside the state folder and leaves nothing behind', async () => {
    const root = await tempFolder()
    // Linux temp folders are case-sensitive; the macOS and Windows defaults are not.
    expect(await detectCaseInsensitive(root)).toBe(process.platform !== 'linux')
    expect(await readdir(root)).toEqual(['.frameio-sync'])
    expect(await readdir(join(root, '.frameio-sync'))).toEqual([])
  })

  it('refuses a missing root and does not create it', async () => {
    const root = join(await tempFolder(), 'unplugged-drive')
    await expect(detectCaseInsensitive(root)).rejects.toBeInstanceOf(RootUnavailableError)
    await expect(detectCaseInsensitive(root)).rejects.toThrow(`The folder ${root} is missing`)
    await expect(access(root)).rejects.toThrow()
  })
})
