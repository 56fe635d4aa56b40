// The reconcile scanner on real folders: nested items, ignored paths never entered, symlinks out of
// the root not followed, NFD names, unreadable subfolders reported without stopping the walk, root
// problems thrown; and whole-file xxh64.
import { chmod, lstat, mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createIgnoreRules,
  hashFile,
  type IgnoreRules,
  RootUnavailableError,
  scanRoot,
  type ScannedItem,
  type UnreadableEntry,
} from '../../src/core/local'
import { xxh64Hex, xxhashApi } from '../../src/core/transfer'
import { asUnprivileged, useTempFolders } from './local-temp'

const tempFolder = useTempFolders('local-scan')

/** Where folders are listed: on the calling thread (small trees) or on worker threads (big ones). */
const listings = [
  { listing: 'on this thread', threadsAfterEntries: Infinity },
  { listing: 'on worker threads', threadsAfterEntries: 0 },
]

async function files(root: string, entries: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(entries)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), content)
  }
}

/** Ignore rules that remember every path they were asked about. */
function recording(rules: IgnoreRules): { rules: IgnoreRules; asked: string[] } {
  const asked: string[] = []
  return {
    asked,
    rules: {
      ignores: (path, isFolder) => {
        asked.push(path)
        return rules.ignores(path, isFolder)
      },
      reload: () => rules.reload(),
    },
  }
}

describe.each(listings)('scanRoot, folders listed $listing', ({ threadsAfterEntries }) => {
  async function collect(
    rootPath: string,
    ignore: IgnoreRules,
    signal?: AbortSignal,
  ): Promise<Array<ScannedItem | UnreadableEntry>> {
    const found: Array<ScannedItem | UnreadableEntry> = []
    const options = { rootPath, ignore, ...(signal ? { signal } : {}) }
    for await (const batch of scanRoot({ ...options, threadsAfterEntries })) {
      found.push(...batch)
    }
    return found
  }

  it('reports files and folders, folders first, leaving out ignored paths and the state folder', async () => {
    const root = await tempFolder()
    await files(root, {
      'a.txt': 'abc',
      'sub/b.bin': 'bytes',
      'sub/deep/c.txt': 'c',
      'sub/.DS_Store': 'junk',
      'renders/inner.txt': 'never looked at',
      '.frameioignore': 'renders/\n',
      '.frameio-sync/tmp/x.download': 'partial',
    })
    await mkdir(join(root, 'empty'))
    const { rules, asked } = recording(await createIgnoreRules({ rootPath: root }))
    const found = await collect(root, rules)
    const paths = found.map((item) => `${item.kind} ${item.path}`)
    expect([...paths].sort()).toEqual([
      'file .frameioignore',
      'file a.txt',
      'file sub/b.bin',
      'file sub/deep/c.txt',
      'folder empty',
      'folder sub',
      'folder sub/deep',
    ])
    expect(paths.indexOf('folder sub')).toBeLessThan(paths.indexOf('folder sub/deep'))
    expect(paths.indexOf('folder sub/deep')).toBeLessThan(paths.indexOf('file sub/deep/c.txt'))
    expect(asked).toContain('renders')
    expect(asked.some((path) => path.startsWith('renders/'))).toBe(false)
    expect(asked.some((path) => path.startsWith('.frameio-sync'))).toBe(false)

    const file = found.find((item) => item.path === 'sub/b.bin') as ScannedItem
    const info = await lstat(join(root, 'sub/b.bin'))
    expect(file).toEqual({
      path: 'sub/b.bin',
      diskPath: 'sub/b.bin',
      kind: 'file',
      size: 5,
      mtimeMs: info.mtimeMs,
      ino: info.ino,
      dev: info.dev,
    })
    const folder = found.find((item) => item.path === 'sub') as ScannedItem
    expect(folder.size).toBe(0)
  })

  it('does not follow or report symlinks, so nothing outside the root is seen', async () => {
    const outside = await tempFolder()
    await files(outside, { 'secret.txt': 'outside the root', 'more/deeper.txt': 'x' })
    const root = await tempFolder()
    await files(root, { 'inside.txt': 'in' })
    await symlink(outside, join(root, 'linked-folder'), 'dir')
    await symlink(join(outside, 'secret.txt'), join(root, 'linked-file.txt'))
    await symlink(join(root, 'inside.txt'), join(root, 'link-inside.txt'))
    const found = await collect(root, await createIgnoreRules({ rootPath: root }))
    expect(found.map((item) => item.path)).toEqual(['inside.txt'])
  })

  it('reports NFD names with an NFC path and the on-disk name as diskPath', async () => {
    const root = await tempFolder()
    const nfdFolder = 'Cafe\u0301'
    const nfdFile = 'Sce\u0300ne.mov'
    await files(root, { [`${nfdFolder}/${nfdFile}`]: 'frames' })
    const found = await collect(root, await createIgnoreRules({ rootPath: root }))
    expect(found.map(({ path, diskPath, kind }) => ({ path, diskPath, kind }))).toEqual([
      { path: 'Caf\u00e9', diskPath: nfdFolder, kind: 'folder' },
      {
        path: 'Caf\u00e9/Sc\u00e8ne.mov',
        diskPath: `${nfdFolder}/${nfdFile}`,
        kind: 'file',
      },
    ])
  })

  it('reports an unreadable subfolder as such and walks on', async () => {
    const root = await tempFolder()
    await files(root, { 'a/locked/hidden.txt': 'x', 'a/open/seen.txt': 'y', 'z.txt': 'z' })
    await chmod(join(root, 'a/locked'), 0o000)
    try {
      const rules = await createIgnoreRules({ rootPath: root })
      const found = await asUnprivileged(() => collect(root, rules))
      const paths = found.map((item) => `${item.kind} ${item.path}`).sort()
      expect(paths).toEqual([
        'file a/open/seen.txt',
        'file z.txt',
        'folder a',
        'folder a/locked',
        'folder a/open',
        'unreadable a/locked',
      ])
      const unreadable = found.find((item) => item.kind === 'unreadable') as UnreadableEntry
      expect(unreadable.diskPath).toBe('a/locked')
      expect(unreadable.reason).toBe(
        'a/locked cannot be read (permission denied); what is there was left out of this scan.',
      )
    } finally {
      await chmod(join(root, 'a/locked'), 0o755)
    }
  })

  it('throws a clear error for a missing root, a file as root, and an unreadable root', async () => {
    const parent = await tempFolder()
    const rules = await createIgnoreRules({ rootPath: parent })
    const missing = join(parent, 'unplugged')
    await expect(collect(missing, rules)).rejects.toThrow(
      `The folder ${missing} is missing. Reconnect the drive or choose the folder again; nothing was deleted.`,
    )
    await expect(collect(missing, rules)).rejects.toMatchObject({ problem: 'missing' })

    await writeFile(join(parent, 'a-file'), 'x')
    await expect(collect(join(parent, 'a-file'), rules)).rejects.toMatchObject({
      problem: 'not-a-folder',
    })

    const locked = join(parent, 'locked')
    await mkdir(locked)
    await chmod(locked, 0o000)
    try {
      const error: unknown = await asUnprivileged(() => collect(locked, rules)).catch((e) => e)
      expect(error).toBeInstanceOf(RootUnavailableError)
      expect((error as RootUnavailableError).problem).toBe('unreadable')
      expect((error as Error).message).toContain(`The folder ${locked} cannot be read`)
    } finally {
      await chmod(locked, 0o755)
    }
  })

  it('stops when its signal aborts', async () => {
    const root = await tempFolder()
    await files(root, { 'a.txt': 'a', 'b/c.txt': 'c' })
    const controller = new AbortController()
    const rules = await createIgnoreRules({ rootPath: root })
    const seen: string[] = []
    const walk = async () => {
      for await (const batch of scanRoot({
        rootPath: root,
        ignore: rules,
        signal: controller.signal,
        threadsAfterEntries,
      })) {
        seen.push(...batch.map((item) => item.path))
        controller.abort(new Error('paused'))
      }
    }
    await expect(walk()).rejects.toThrow('paused')
    expect(seen.sort()).toEqual(['a.txt', 'b'])
  })
})

describe('scanRoot on a bigger tree', () => {
  it('hands over from this thread to worker threads mid-walk and streams a big folder in chunks', async () => {
    const root = await tempFolder()
    await mkdir(join(root, 'big'))
    for (let file = 0; file < 2_500; file += 1)
      await writeFile(join(root, 'big', `${file}.bin`), '')
    for (let folder = 0; folder < 20; folder += 1)
      await files(root, { [`f${folder}/inner/${folder}.txt`]: String(folder) })
    const rules = await createIgnoreRules({ rootPath: root })
    const seen: string[] = []
    for await (const batch of scanRoot({ rootPath: root, ignore: rules, threadsAfterEntries: 3 }))
      seen.push(...batch.map((item) => item.path))
    expect(seen).toHaveLength(1 + 2_500 + 20 * 3)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toContain('big/2499.bin')
    expect(seen).toContain('f19/inner/19.txt')
    expect(seen.indexOf('f7/inner')).toBeLessThan(seen.indexOf('f7/inner/7.txt'))
  })
})

describe('hashFile', () => {
  it('gives the xxh64 of the whole file, across several 1 MiB reads', async () => {
    const root = await tempFolder()
    const bytes = Buffer.alloc(2.5 * 1024 * 1024)
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 31) % 251
    await writeFile(join(root, 'big.bin'), bytes)
    await writeFile(join(root, 'empty.bin'), '')
    const api = await xxhashApi()
    expect(await hashFile(join(root, 'big.bin'))).toBe(xxh64Hex(api.h64Raw(bytes)))
    expect(await hashFile(join(root, 'empty.bin'))).toBe(xxh64Hex(api.h64Raw(Buffer.alloc(0))))
    expect(await hashFile(join(root, 'empty.bin'))).toBe('ef46db3751d8e999')
  })

  it('rejects for a missing file', async () => {
    const root = await tempFolder()
    await expect(hashFile(join(root, 'gone.bin'))).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
