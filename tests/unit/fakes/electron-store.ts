// electron-store for unit tests: vi.mock('electron') cannot reach the `electron` import made inside
// node_modules/electron-store, so the module is replayed; in the main process it is conf with
// `name` as the file name (what its index.js adds).
import Conf from 'conf'

type Options = ConstructorParameters<typeof Conf<Record<string, unknown>>>[0]

export default class ElectronStore extends Conf {
  constructor({ name = 'config', ...options }: Options & { name?: string }) {
    super({ ...options, configName: name })
  }
}
