// The app's token store on safeStorage: encrypted, owner-only file; no silent plaintext on Linux
// without a keyring; memory only where the OS cannot protect tokens; never a token in a log.
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Mock, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { safeStorage } from './fakes/electron'
import {
  SafeStorageSecretStore,
  type SafeStorageSecretStoreOptions,
} from '../../src/main/secret-store'

vi.mock('electron', () => import('./fakes/electron'))

const tokens = JSON.stringify({
  accessToken: 'access-SECRET-7f3a9c',
  refreshToken: 'refresh-SECRET-b81e2d',
  expiresAt: 1_900_000_000_000,
})
const secretFragments = ['SECRET', '7f3a9c', 'b81e2d']

const made: string[] = []
afterEach(async () => {
  for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true })
})

beforeEach(() => {
  for (const fake of Object.values(safeStorage)) fake.mockReset()
})

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'secret-store-'))
  made.push(path)
  return path
}

function storeIn(
  dir: string,
  options: Partial<SafeStorageSecretStoreOptions> = {},
): { store: SafeStorageSecretStore; lines: string[]; consent: Mock<() => Promise<boolean>> } {
  const lines: string[] = []
  const consent = vi.fn(async () => false)
  const store = new SafeStorageSecretStore({
    folder: dir,
    consent,
    log: (line) => lines.push(line),
    platform: 'linux',
    ...options,
  })
  return { store, lines, consent }
}

function withoutKeyring(): void {
  safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')
}

describe('SafeStorageSecretStore with a keyring', () => {
  it('round-trips a token through an encrypted file, across restarts, until removed', async () => {
    const dir = await folder()
    const { store } = storeIn(dir)
    await store.write('ims-tokens', tokens)
    expect(await store.read('ims-tokens')).toBe(tokens)
    const onDisk = await readFile(store.path, 'utf8')
    for (const fragment of secretFragments) expect(onDisk).not.toContain(fragment)

    const restarted = storeIn(dir).store
    expect(await restarted.read('ims-tokens')).toBe(tokens)
    await restarted.remove('ims-tokens')
    expect(await restarted.read('ims-tokens')).toBeNull()
    expect(await readdir(dir)).toEqual([])
  })

  it('writes the file readable by its owner only', async () => {
    const { store } = storeIn(await folder())
    await store.write('ims-tokens', tokens)
    expect((await stat(store.path)).mode & 0o777).toBe(0o600)
  })

  it('re-encrypts a stored token when the system says its key has changed', async () => {
    const { store, lines } = storeIn(await folder())
    await store.write('ims-tokens', tokens)
    const before = await readFile(store.path, 'utf8')
    safeStorage.decryptStringAsync.mockResolvedValueOnce({ shouldReEncrypt: true, result: tokens })
    safeStorage.encryptStringAsync.mockResolvedValueOnce(Buffer.from('rotated-ciphertext'))
    expect(await store.read('ims-tokens')).toBe(tokens)
    expect(await readFile(store.path, 'utf8')).not.toBe(before)
    expect(lines).toContain('Secrets: re-encrypted "ims-tokens" with the system\'s current key.')
  })

  it('ignores a damaged file or a token it cannot decrypt, and says so', async () => {
    const dir = await folder()
    const { store, lines } = storeIn(dir)
    await writeFile(store.path, '{ not json')
    expect(await store.read('ims-tokens')).toBeNull()
    expect(lines.some((line) => line.includes('is damaged'))).toBe(true)

    await store.write('ims-tokens', tokens)
    safeStorage.decryptStringAsync.mockRejectedValueOnce(new Error('wrong key'))
    expect(await store.read('ims-tokens')).toBeNull()
    expect(lines.some((line) => line.includes('could not decrypt the stored "ims-tokens"'))).toBe(
      true,
    )
  })
})

describe('SafeStorageSecretStore on Linux without a keyring (basic_text)', () => {
  it('asks once, and when refused keeps tokens in memory with nothing on disk', async () => {
    withoutKeyring()
    const dir = await folder()
    const { store, lines, consent } = storeIn(dir)
    await store.write('ims-tokens', tokens)
    await store.write('other', 'value')
    expect(consent).toHaveBeenCalledOnce()
    expect(await readdir(dir)).toEqual([])
    expect(await store.read('ims-tokens')).toBe(tokens)
    expect(await store.read('other')).toBe('value')
    expect(lines.filter((line) => line.includes('kept in memory only'))).toHaveLength(1)
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled()
  })

  it('stores obfuscated tokens when the person agrees, and does not ask again', async () => {
    withoutKeyring()
    const dir = await folder()
    const first = storeIn(dir)
    first.consent.mockResolvedValue(true)
    await first.store.write('ims-tokens', tokens)
    expect(first.consent).toHaveBeenCalledOnce()
    expect(JSON.parse(await readFile(first.store.path, 'utf8'))).toMatchObject({
      obfuscationAccepted: true,
    })

    const restarted = storeIn(dir)
    expect(await restarted.store.read('ims-tokens')).toBe(tokens)
    await restarted.store.write('ims-tokens', `${tokens} `)
    expect(restarted.consent).not.toHaveBeenCalled()
    expect(await storeIn(dir).store.read('ims-tokens')).toBe(`${tokens} `)
  })

  it('treats a failed question as a refusal', async () => {
    withoutKeyring()
    const dir = await folder()
    const { store, consent } = storeIn(dir)
    consent.mockRejectedValue(new Error('no display'))
    await store.write('ims-tokens', tokens)
    expect(await readdir(dir)).toEqual([])
    expect(await store.read('ims-tokens')).toBe(tokens)
  })
})

describe('SafeStorageSecretStore without OS encryption', () => {
  it('keeps tokens in memory only on macOS and says so once, clearly', async () => {
    safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false)
    const dir = await folder()
    const { store, lines, consent } = storeIn(dir, { platform: 'darwin' })
    await store.write('ims-tokens', tokens)
    await store.write('ims-tokens', `${tokens} `)
    expect(await readdir(dir)).toEqual([])
    expect(await store.read('ims-tokens')).toBe(`${tokens} `)
    expect(consent).not.toHaveBeenCalled()
    const explained = lines.filter((line) => line.includes('keychain is not available'))
    expect(explained).toEqual([
      'Secrets: the system keychain is not available, so sign-in tokens are kept in memory only; you will need to sign in again after the app restarts.',
    ])
  })

  it('removes an older copy on disk when a newer token is kept in memory', async () => {
    const dir = await folder()
    await storeIn(dir).store.write('ims-tokens', 'old tokens')
    safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false)
    const { store } = storeIn(dir)
    await store.write('ims-tokens', tokens)
    expect(await store.read('ims-tokens')).toBe(tokens)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('SafeStorageSecretStore logging', () => {
  it.each([
    ['a keyring', () => undefined],
    ['basic_text, declined', withoutKeyring],
    ['no OS encryption', () => safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false)],
  ])('never logs token text during a sign-in, refresh and sign-out (%s)', async (_, setUp) => {
    setUp()
    const consoleLines: unknown[][] = []
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(args)
      })
    }
    try {
      const { store, lines } = storeIn(await folder())
      await store.write('ims-tokens', tokens)
      expect(await store.read('ims-tokens')).toBe(tokens)
      const rotated = tokens.replace('refresh-SECRET-b81e2d', 'refresh-SECRET-c0ffee')
      await store.write('ims-tokens', rotated)
      expect(await store.read('ims-tokens')).toBe(rotated)
      await store.remove('ims-tokens')

      const everything = [...lines, ...consoleLines.map((args) => args.map(String).join(' '))]
      expect(everything.some((line) => line.includes('"ims-tokens"'))).toBe(true)
      for (const fragment of [...secretFragments, 'c0ffee']) {
        expect(everything.filter((line) => line.includes(fragment))).toEqual([])
      }
    } finally {
      vi.restoreAllMocks()
    }
  })
})
