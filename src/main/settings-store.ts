// The app's settings: the shared schema kept in `<userData>/settings.json` through electron-store
// (atomic writes, versioned migrations), checked on read like the CLI's file. Never tokens.
import type Conf from 'conf'
import ElectronStore from 'electron-store'
import { isDeepStrictEqual } from 'node:util'
import { type Settings, checkSettings, defaultSettings } from '../shared'

/**
 * The version of the file's shape, recorded in it by electron-store; raise it with a migration
 * step when the shape changes. Kept apart from the app version so a release without a settings
 * change runs no step, and a step runs in the build that needs it rather than at the next release.
 */
export const settingsFormatVersion = '1.1.0'

/**
 * Steps from older files, each keyed by the format version it brings a file up to. A file that
 * records no version (written before versions were recorded, or the CLI's settings.json, which
 * shares the schema, copied over) runs every step; a new file runs none.
 */
export const settingsMigrations: Record<string, (store: Conf<Settings>) => void> = {
  /**
   * 1.1.0 turns start at login on at the first sign-in. Someone with an older file has set the app
   * up already under "off unless you turn it on": keep their setting rather than switching it on
   * at their next sign-in.
   */
  '1.1.0': (store) => store.set('startAtLoginChosen', true),
}

export type SettingsListener = (settings: Settings, previous: Settings) => void

export class SettingsStore {
  private readonly store: ElectronStore<Settings>
  private current: Settings
  private readonly listeners = new Set<SettingsListener>()

  /** `folder` is the app's data folder (`app.getPath('userData')`). Throws on a bad file. */
  constructor(folder: string) {
    try {
      this.store = new ElectronStore<Settings>({
        cwd: folder,
        name: 'settings',
        defaults: defaultSettings,
        projectVersion: settingsFormatVersion,
        migrations: settingsMigrations,
      })
    } catch (error) {
      throw new Error(
        `Cannot open the settings file in ${folder}: ${(error as Error).message}. Fix or delete settings.json there.`,
        { cause: error },
      )
    }
    const stored = checkSettings(this.store.store)
    if (!stored.ok) {
      throw new Error(
        `The settings file ${this.path} has ${stored.problem}. Fix or delete that line.`,
      )
    }
    this.current = stored.settings
  }

  get path(): string {
    return this.store.path
  }

  read(): Settings {
    return this.current
  }

  /**
   * Applies a change, validated; unknown keys (anything token-like) are dropped. Setting
   * startAtLogin marks it chosen, so the first sign-in's default never overrides the person.
   */
  update(patch: Partial<Settings>): Settings {
    const previous = this.current
    const chosen = patch.startAtLogin === undefined ? {} : { startAtLoginChosen: true }
    const checked = checkSettings({ ...previous, ...patch, ...chosen })
    if (!checked.ok) throw new Error(`Settings not changed: ${checked.problem}.`)
    const next = checked.settings
    if (isDeepStrictEqual(next, previous)) return previous
    this.store.store = next
    this.current = next
    for (const listener of this.listeners) listener(next, previous)
    return next
  }

  /** Calls `listener` after every change that altered something; returns how to stop. */
  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
