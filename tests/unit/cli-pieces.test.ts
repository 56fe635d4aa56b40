// The CLI's own pieces: the token file (owner-only, atomic), the settings file (checked on
// read), output for terminals and pipes, and the data folder's default.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { FileSecretStore } from '../../src/cli/file-secrets'
import { Output, bar, table } from '../../src/cli/output'
import { dataDirFrom } from '../../src/cli/session'
import { SettingsFile } from '../../src/cli/settings-file'
import { defaultSettings, formatBytes } from '../../src/shared'

const made: string[] = []
afterEach(async () => {
  for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true })
})

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'cli-pieces-'))
  made.push(path)
  return path
}

describe('FileSecretStore', () => {
  it('keeps secrets in a file only its owner can read, and survives concurrent writes', async () => {
    const store = FileSecretStore.inFolder(join(await folder(), 'data'))
    await Promise.all([store.write('a', '1'), store.write('b', '2'), store.write('c', '3')])
    expect(await store.read('b')).toBe('2')
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
    await store.remove('b')
    expect(await store.read('b')).toBeNull()
    expect(JSON.parse(await readFile(store.path, 'utf8'))).toEqual({ a: '1', c: '3' })
  })

  it('answers nothing before anything was stored', async () => {
    expect(await FileSecretStore.inFolder(await folder()).read('a')).toBeNull()
  })
})

describe('SettingsFile', () => {
  it('starts from the defaults, keeps changes, and names a bad hand edit', async () => {
    const dir = await folder()
    const settings = new SettingsFile(dir)
    expect(settings.read()).toEqual(defaultSettings)
    settings.update({ readyAfterSeconds: 5 })
    expect(new SettingsFile(dir).read().readyAfterSeconds).toBe(5)
    await writeFile(settings.path, JSON.stringify({ ...defaultSettings, partsPerFile: 'many' }))
    expect(() => new SettingsFile(dir).read()).toThrow(
      /has a bad value for "partsPerFile".*Fix or delete that line/,
    )
  })
})

describe('output', () => {
  function capture(isTTY: boolean, json = false) {
    const stdout = Object.assign(new PassThrough(), { isTTY, columns: 40 })
    const stderr = new PassThrough()
    let out = ''
    let err = ''
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    const output = new Output({ stdout, stderr, stdin: new PassThrough(), env: {} }, json)
    return { output, out: () => out, err: () => err }
  }

  it('redraws progress in place on a terminal, and fits lines to its width', () => {
    const { output, out } = capture(true)
    output.progress(['one', 'x'.repeat(60)])
    output.progress(['two'])
    output.line('done')
    expect(out()).toBe(`one\n${'x'.repeat(38)}…\n\x1b[2A\x1b[Jtwo\n\x1b[1A\x1b[Jdone\n`)
  })

  it('prints no progress into a pipe, and data as JSON when asked', () => {
    const piped = capture(false)
    piped.output.progress(['one'])
    piped.output.note('a note')
    expect(piped.out()).toBe('')
    expect(piped.err()).toBe('a note\n')
    const json = capture(true, true)
    json.output.data({ a: 1 }, () => 'text')
    json.output.line('ignored')
    expect(JSON.parse(json.out())).toEqual({ a: 1 })
  })

  it('formats sizes, bars and tables for people', () => {
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(1_500_000)).toBe('1.5 MB')
    expect(formatBytes(250_000_000_000)).toBe('250 GB')
    expect(bar(0.5, 4)).toBe('[##--]')
    expect(bar(2, 2)).toBe('[##]')
    expect(
      table([
        ['a', 'bbb'],
        ['cc', 'd'],
      ]),
    ).toBe('a   bbb\ncc  d')
  })
})

describe('data folder', () => {
  it('takes --data-dir, then FRAMEIO_SYNC_HOME, then the OS folder for app data', () => {
    expect(dataDirFrom({ 'data-dir': '/x' }, { FRAMEIO_SYNC_HOME: '/y' })).toBe('/x')
    expect(dataDirFrom({}, { FRAMEIO_SYNC_HOME: '/y' })).toBe('/y')
    expect(dataDirFrom({}, {})).toMatch(/frameio-sync$/)
  })
})
