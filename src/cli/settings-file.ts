// The CLI's settings: the shared settings schema kept in `<data dir>/settings.json` through conf
// (atomic writes), checked with zod on every read so a hand-edited mistake is named, not obeyed.
import Conf from 'conf'
import { type Settings, checkSettings, defaultSettings, settingsSchema } from '../shared'

export class SettingsFile {
  private readonly conf: Conf<Settings>

  constructor(dataDir: string) {
    this.conf = new Conf<Settings>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'frameio-sync',
      defaults: defaultSettings,
    })
  }

  get path(): string {
    return this.conf.path
  }

  read(): Settings {
    const checked = checkSettings(this.conf.store)
    if (checked.ok) return checked.settings
    throw new Error(
      `The settings file ${this.conf.path} has ${checked.problem}. Fix or delete that line.`,
    )
  }

  update(change: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.read(), ...change })
    this.conf.store = next
    return next
  }
}
