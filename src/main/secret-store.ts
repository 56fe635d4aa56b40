// The app's SecretStore: tokens encrypted by the OS through Electron's safeStorage in one 0600 file
// in the app's data folder; kept in memory for the session where the OS cannot protect them.
import { safeStorage } from 'electron'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { SecretStore } from '../core/ports'
import { writeFileAtomically } from './atomic-file'

export interface SafeStorageSecretStoreOptions {
  /** The app's data folder (`app.getPath('userData')`). */
  folder: string
  /** Asks whether tokens may be stored only obfuscated (Linux without a keyring); true is yes. */
  consent: () => Promise<boolean>
  /** Receives key names and outcomes, never values. */
  log: (line: string) => void
  platform?: NodeJS.Platform
}

const secretsFileSchema = z.object({
  /** The person agreed to obfuscated-only storage (Linux `basic_text`); not asked again. */
  obfuscationAccepted: z.literal(true).optional(),
  /** Key -> base64 of the bytes safeStorage encrypted. */
  secrets: z.record(z.string(), z.string()),
})

type SecretsFile = z.infer<typeof secretsFileSchema>

type Placement = 'disk' | 'memory'

export class SafeStorageSecretStore implements SecretStore {
  readonly path: string
  private readonly memory = new Map<string, string>()
  /** Decided at the first write and kept for the session, so the person is asked once at most. */
  private placement: Placement | null = null
  private obfuscationAccepted = false
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: SafeStorageSecretStoreOptions) {
    this.path = join(options.folder, 'secrets.json')
  }

  read(key: string): Promise<string | null> {
    return this.serially(async () => this.memory.get(key) ?? (await this.readFromDisk(key)))
  }

  write(key: string, value: string): Promise<void> {
    return this.serially(async () => {
      if ((await this.choosePlacement()) === 'memory') {
        this.memory.set(key, value)
        // An older copy on disk would come back, stale, at the next start.
        await this.dropFromDisk(key)
        this.options.log(`Secrets: kept "${key}" in memory for this session.`)
        return
      }
      const file = await this.load()
      file.secrets[key] = await this.encrypt(value)
      await this.save(file)
      this.options.log(`Secrets: stored "${key}" encrypted.`)
    })
  }

  remove(key: string): Promise<void> {
    return this.serially(async () => {
      this.memory.delete(key)
      await this.dropFromDisk(key)
      this.options.log(`Secrets: removed "${key}".`)
    })
  }

  /** One operation at a time, so read-modify-write of the file never interleaves. */
  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation)
    this.queue = next.catch(() => undefined)
    return next
  }

  private async choosePlacement(): Promise<Placement> {
    this.placement ??= await this.decidePlacement()
    return this.placement
  }

  private async decidePlacement(): Promise<Placement> {
    const { log, consent, platform = process.platform } = this.options
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      log(
        'Secrets: the system keychain is not available, so sign-in tokens are kept in memory only; you will need to sign in again after the app restarts.',
      )
      return 'memory'
    }
    if (platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text') {
      return 'disk'
    }
    if (this.obfuscationAccepted || (await this.load()).obfuscationAccepted) {
      this.obfuscationAccepted = true
      return 'disk'
    }
    const agreed = await consent().catch((error: unknown) => {
      log(`Secrets: could not ask about storing tokens (${(error as Error).message}).`)
      return false
    })
    if (agreed) {
      this.obfuscationAccepted = true
      log('Secrets: no keyring found; sign-in tokens are stored obfuscated only, as agreed.')
      return 'disk'
    }
    log(
      'Secrets: no keyring found and obfuscated-only storage was declined, so sign-in tokens are kept in memory only; you will need to sign in again after the app restarts.',
    )
    return 'memory'
  }

  private async encrypt(value: string): Promise<string> {
    return (await safeStorage.encryptStringAsync(value)).toString('base64')
  }

  private async readFromDisk(key: string): Promise<string | null> {
    const file = await this.load()
    const stored = file.secrets[key]
    if (stored === undefined) return null
    try {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(
        Buffer.from(stored, 'base64'),
      )
      if (shouldReEncrypt) {
        file.secrets[key] = await this.encrypt(result)
        await this.save(file)
        this.options.log(`Secrets: re-encrypted "${key}" with the system's current key.`)
      }
      return result
    } catch (error) {
      this.options.log(
        `Secrets: could not decrypt the stored "${key}" (${(error as Error).message}); it is ignored, so you may need to sign in again.`,
      )
      return null
    }
  }

  private async dropFromDisk(key: string): Promise<void> {
    const file = await this.load()
    if (!(key in file.secrets)) return
    delete file.secrets[key]
    await this.save(file)
  }

  private async load(): Promise<SecretsFile> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { secrets: {} }
      throw new Error(`Cannot read the secrets file ${this.path}: ${(error as Error).message}`, {
        cause: error,
      })
    }
    const parsed = secretsFileSchema.safeParse(parseJson(text))
    if (parsed.success) return parsed.data
    this.options.log(`Secrets: the file ${this.path} is damaged; it is ignored.`)
    return { secrets: {} }
  }

  /** Owner-only, replaced in one step; removed once nothing is left in it. */
  private async save(file: SecretsFile): Promise<void> {
    if (Object.keys(file.secrets).length === 0) {
      await rm(this.path, { force: true })
      return
    }
    const contents: SecretsFile =
      this.obfuscationAccepted || file.obfuscationAccepted
        ? { obfuscationAccepted: true, secrets: file.secrets }
        : { secrets: file.secrets }
    await writeFileAtomically(this.path, JSON.stringify(contents), 0o600)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
