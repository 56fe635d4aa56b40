// The CLI's settings: the shared settings schema kept in `<data dir>/settings.json` through conf
// (atomic writes), checked with zod on every read so a hand-edited mistake is named, not obeyed.
import Conf from 'conf'
import { type Settings, defaultSettings, settingsSchema } from '../shared'

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
    const parsed = settingsSchema.safeParse({ ...defaultSettings, ...this.conf.store })
    if (parsed.success) return parsed.data
    const [issue] = parsed.error.issues
    throw new Error(
      `The settings file ${this.conf.path} has a bad value for "${issue?.path.join('.')}": ${issue?.message}. Fix or delete that line.`,
    )
  }

  update(change: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.read(), ...change })
    this.conf.store = next
    return next
  }
}
