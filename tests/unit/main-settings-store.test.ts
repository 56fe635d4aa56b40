// The app's settings on electron-store: defaults, checked reads and changes, change listeners,
// no tokens, and older files brought up to date by the migrations.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SettingsStore, settingsFormatVersion } from '../../src/main/settings-store'
import { type Settings, defaultSettings } from '../../src/shared'

vi.mock('electron-store', () => import('./fakes/electron-store'))

const made: string[] = []
afterEach(async () => {
  for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true })
})

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'settings-store-'))
  made.push(path)
  return path
}

async function fileOf(store: SettingsStore): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(store.path, 'utf8')) as Record<string, unknown>
}

function recordedVersion(file: Record<string, unknown>): unknown {
  return (file['__internal__'] as { migrations?: { version?: unknown } } | undefined)?.migrations
    ?.version
}

describe('SettingsStore', () => {
  it('starts from the defaults in <userData>/settings.json, at the current format version', async () => {
    const dir = await folder()
    const store = new SettingsStore(dir)
    expect(store.path).toBe(join(dir, 'settings.json'))
    expect(store.read()).toEqual(defaultSettings)
    expect(recordedVersion(await fileOf(store))).toBe(settingsFormatVersion)
  })

  it('keeps a change across restarts and tells listeners what changed', async () => {
    const dir = await folder()
    const store = new SettingsStore(dir)
    const listener = vi.fn()
    const stop = store.onChange(listener)

    const next = store.update({ notificationLevel: 'issues', uploadBytesPerSecond: 1_000_000 })
    expect(next).toMatchObject({ notificationLevel: 'issues', uploadBytesPerSecond: 1_000_000 })
    expect(listener).toHaveBeenCalledExactlyOnceWith(next, defaultSettings)
    expect(new SettingsStore(dir).read()).toEqual(next)

    store.update({ notificationLevel: 'issues' })
    expect(listener).toHaveBeenCalledOnce()
    stop()
    store.update({ notificationLevel: 'none' })
    expect(listener).toHaveBeenCalledOnce()
  })

  it('refuses a bad change, naming the value, and leaves the file as it was', async () => {
    const store = new SettingsStore(await folder())
    const listener = vi.fn()
    store.onChange(listener)
    const before = await readFile(store.path, 'utf8')
    expect(() => store.update({ partsPerFile: 0 })).toThrow(
      /^Settings not changed: a bad value for "partsPerFile"/,
    )
    expect(await readFile(store.path, 'utf8')).toBe(before)
    expect(store.read()).toEqual(defaultSettings)
    expect(listener).not.toHaveBeenCalled()
  })

  it('never stores anything that is not a setting, such as a token', async () => {
    const store = new SettingsStore(await folder())
    const sneaky = { readyAfterSeconds: 5, accessToken: 'SECRET-token' } as Partial<Settings>
    expect(store.update(sneaky)).not.toHaveProperty('accessToken')
    expect(await readFile(store.path, 'utf8')).not.toContain('SECRET-token')
  })

  it('records that start at login was chosen whenever it is set', async () => {
    const store = new SettingsStore(await folder())
    expect(store.update({ startAtLogin: false }).startAtLoginChosen).toBe(true)
  })

  it('names the file and the value when the file was hand-edited wrongly', async () => {
    const dir = await folder()
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ filesAtOnce: 'lots' }))
    expect(() => new SettingsStore(dir)).toThrow(
      `The settings file ${join(dir, 'settings.json')} has a bad value for "filesAtOnce"`,
    )
    await writeFile(join(dir, 'settings.json'), '{ "filesAtOnce": ')
    expect(() => new SettingsStore(dir)).toThrow(`Cannot open the settings file in ${dir}`)
  })
})

describe('SettingsStore migrations', () => {
  it('fills new defaults into an older file and keeps its start-at-login as chosen', async () => {
    const dir = await folder()
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ startAtLogin: false, partsPerFile: 2, api: { apiUrl: 'https://api.test' } }),
    )
    const store = new SettingsStore(dir)
    expect(store.read()).toEqual({
      ...defaultSettings,
      partsPerFile: 2,
      api: { ...defaultSettings.api, apiUrl: 'https://api.test' },
      startAtLoginChosen: true,
    })
    expect(recordedVersion(await fileOf(store))).toBe(settingsFormatVersion)
  })

  it('runs the 1.1.0 step for a 1.0.0 file, and no step twice', async () => {
    const dir = await folder()
    const file = join(dir, 'settings.json')
    const at = (version: string, settings: Partial<Settings>) =>
      writeFile(file, JSON.stringify({ ...settings, __internal__: { migrations: { version } } }))

    await at('1.0.0', { startAtLogin: false })
    expect(new SettingsStore(dir).read().startAtLoginChosen).toBe(true)

    await at('1.1.0', { startAtLogin: false })
    expect(new SettingsStore(dir).read().startAtLoginChosen).toBe(false)
  })
})
