// The CLI's SecretStore: tokens in one JSON file in the data folder, readable by its owner only
// (mode 0600), replaced atomically so a crash never leaves half a file.
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { SecretStore } from '../core/ports'

export class FileSecretStore implements SecretStore {
  private writing: Promise<void> = Promise.resolve()

  constructor(readonly path: string) {}

  static inFolder(dataDir: string): FileSecretStore {
    return new FileSecretStore(join(dataDir, 'secrets.json'))
  }

  private async load(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.path, 'utf8'))
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
      throw new Error(`Cannot read the token file ${this.path}: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }

  async read(key: string): Promise<string | null> {
    await this.writing
    return (await this.load())[key] ?? null
  }

  /** Writes are serialised so two updates never interleave their read-modify-write. */
  private change(edit: (secrets: Record<string, string>) => void): Promise<void> {
    const next = this.writing.then(async () => {
      const secrets = await this.load()
      edit(secrets)
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 })
      const temp = `${this.path}.${process.pid}.tmp`
      await writeFile(temp, JSON.stringify(secrets), { mode: 0o600 })
      await chmod(temp, 0o600)
      await rename(temp, this.path)
    })
    this.writing = next.catch(() => undefined)
    return next
  }

  write(key: string, value: string): Promise<void> {
    return this.change((secrets) => {
      secrets[key] = value
    })
  }

  remove(key: string): Promise<void> {
    return this.change((secrets) => {
      delete secrets[key]
    })
  }
}
