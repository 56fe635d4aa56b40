// Which local paths are never synced: built-in junk (OS and download leftovers), patterns from
// settings, and the root's own .frameioignore in gitignore syntax. The state folder always.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ignore, { type Ignore } from 'ignore'
import { stateFolderName } from '../transfer/download'

export const ignoreFileName = '.frameioignore'

/**
 * Files that operating systems and apps leave behind, or that are still being written. Matched
 * whatever their case (Windows and macOS vary it); a `!` line in .frameioignore brings one back.
 */
export const builtInIgnorePatterns: readonly string[] = [
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
  '~$*',
  '*.tmp',
  '*.part',
  '*.crdownload',
  '._*',
]

export interface IgnoreRules {
  /** `relativePath` is '/'-separated and NFC, as the scanner reports it. */
  ignores(relativePath: string, isFolder: boolean): boolean
  /** Reads .frameioignore again (after it changed). Keeps the old rules if it cannot be read. */
  reload(): Promise<void>
}

export interface IgnoreRulesOptions {
  rootPath: string
  extraPatterns?: readonly string[]
  /** Match the person's own patterns ignoring case, as git does on such file systems. */
  caseInsensitive?: boolean
  /** Paths tested before the person's patterns are compiled afresh (see `forgetfulMatcher`). */
  testsPerMatcher?: number
}

/** Enough to keep a folder's verdict cached while its files are tested, a little memory at most. */
const defaultTestsPerMatcher = 10_000

type Verdict = ReturnType<Ignore['test']>

/**
 * The person's patterns as a test of one path. `ignore` keeps the verdict of every path it was
 * asked about, and of its folders, for as long as the instance lives: 139 MB after a million
 * paths, never given back. Past `testsPerMatcher` tests the instance is built again from the same
 * patterns, which costs far less than the cache saves.
 */
function forgetfulMatcher(build: () => Ignore, testsPerMatcher: number): (path: string) => Verdict {
  let matcher = build()
  let tested = 0
  return (path) => {
    tested += 1
    if (tested > testsPerMatcher) {
      matcher = build()
      tested = 1
    }
    return matcher.test(path)
  }
}

async function readIgnoreFile(rootPath: string): Promise<string> {
  const file = join(rootPath, ignoreFileName)
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw new Error(
      `The ignore file ${file} could not be read (${(error as Error).message}). Fix or remove it.`,
      { cause: error },
    )
  }
}

/**
 * The built-in patterns as one case-insensitive test of a single name. They hold no '/', so they
 * match a path when they match one of its names. Tested here rather than through `ignore`, which
 * caches a verdict for every path it is asked about: on a first scan of 100,000 files that cache
 * was the scanner's largest cost.
 */
const builtInName = new RegExp(
  `^(?:${builtInIgnorePatterns
    .map((glob) => glob.split('*').map(escapeRegExp).join('.*'))
    .join('|')})$`,
  'i',
)

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function isStatePath(relativePath: string): boolean {
  return relativePath === stateFolderName || relativePath.startsWith(`${stateFolderName}/`)
}

export async function createIgnoreRules(options: IgnoreRulesOptions): Promise<IgnoreRules> {
  /** The person's own patterns, or null when there are none (most roots): nothing to test. */
  const load = async (): Promise<((path: string) => Verdict) | null> => {
    const extra = options.extraPatterns ?? []
    const file = (await readIgnoreFile(options.rootPath)).normalize('NFC')
    if (extra.length === 0 && file.trim() === '') return null
    const build = () =>
      ignore({ ignorecase: options.caseInsensitive ?? false })
        .add([...extra])
        .add(file)
    return forgetfulMatcher(build, options.testsPerMatcher ?? defaultTestsPerMatcher)
  }
  let personal = await load()
  return {
    ignores(relativePath, isFolder) {
      if (relativePath === '') return false
      if (isStatePath(relativePath)) return true
      if (personal) {
        const verdict = personal(isFolder ? `${relativePath}/` : relativePath)
        if (verdict.ignored) return true
        if (verdict.unignored) return false
      }
      return relativePath.split('/').some((name) => builtInName.test(name))
    },
    async reload() {
      personal = await load()
    },
  }
}
