// Name rules for the local side: paths compared in NFC, Frame.io names turned into names that are
// safe as one path segment on every platform (or refused, with a reason), and case folding.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { stateFolderName } from '../transfer/download'
import { rootAccessError } from './root-problem'

export function normalizePath(path: string): string {
  return path.normalize('NFC')
}

/** The key two paths share when the root's file system ignores case. */
export function caseKey(path: string): string {
  return normalizePath(path).toLowerCase()
}

/** Characters Windows refuses in names, each with a look-alike it accepts (full-width forms). */
const windowsLookAlikes: Readonly<Record<string, string>> = {
  '<': '\uFF1C',
  '>': '\uFF1E',
  ':': '\uFF1A',
  '"': '\uFF02',
  '|': '\uFF5C',
  '?': '\uFF1F',
  '*': '\uFF0A',
}
const trailingLookAlikes: Readonly<Record<string, string>> = { '.': '\uFF0E', ' ': '\u3000' }

/**
 * Device names Windows reserves whatever the extension or case (CON, CON.txt, con .mov). Refused
 * everywhere so a folder synced on Linux or macOS can move to Windows safely.
 */
const reservedDeviceName = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(COM|LPT)[0-9\u00B9\u00B2\u00B3])$/i

/** Most file systems allow at most 255 bytes in one name. */
const maxNameBytes = 255

function refusal(remoteName: string): string | null {
  if (remoteName === '') return 'The name is empty.'
  if (remoteName === '.' || remoteName === '..') {
    return `The name "${remoteName}" would point outside its folder.`
  }
  if (remoteName.includes('/') || remoteName.includes('\\')) {
    return 'The name contains a slash (/ or \\), which would place it in another folder.'
  }
  if ([...remoteName].some((char) => char.charCodeAt(0) < 0x20)) {
    return 'The name contains an invisible control character, which file systems do not allow.'
  }
  if (!remoteName.isWellFormed()) {
    return 'The name contains broken Unicode characters that cannot be written to disk.'
  }
  const stem = remoteName.split('.')[0]?.trimEnd() ?? ''
  if (reservedDeviceName.test(stem)) {
    return `"${stem}" is a name Windows reserves for a device, so it cannot be used as a file name.`
  }
  if (remoteName.toLowerCase() === stateFolderName) {
    return `"${stateFolderName}" is the name of this app's own hidden folder.`
  }
  if (new TextEncoder().encode(remoteName).length > maxNameBytes) {
    return `The name is longer than the ${maxNameBytes} bytes file systems allow.`
  }
  return null
}

/**
 * The local name for a Frame.io item name, or why it cannot have one. Names become NFC. On Windows
 * the characters it forbids, and trailing dots and spaces (which it strips), become look-alikes.
 */
export function toLocalName(
  remoteName: string,
  platform: NodeJS.Platform,
): { name: string } | { refused: string } {
  const name = normalizePath(remoteName)
  const reason = refusal(name)
  if (reason !== null) return { refused: reason }
  if (platform !== 'win32') return { name }
  const mapped = name.replace(/[<>:"|?*]/g, (char) => windowsLookAlikes[char] ?? char)
  const trailing = /[. ]+$/.exec(mapped)?.[0] ?? ''
  const kept = mapped.slice(0, mapped.length - trailing.length)
  return { name: kept + [...trailing].map((char) => trailingLookAlikes[char] ?? char).join('') }
}

/**
 * Whether the root's file system treats names differing only in case as one, found by writing a
 * probe inside the state folder (which is created if needed) and removing it again.
 */
export async function detectCaseInsensitive(rootPath: string): Promise<boolean> {
  const stateFolder = join(rootPath, stateFolderName)
  // Not recursive: a missing root must stay missing (a drive not mounted), never be created.
  await mkdir(stateFolder).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw rootAccessError(rootPath, error)
  })
  const probeFolder = await mkdtemp(join(stateFolder, 'case-probe-'))
  try {
    await writeFile(join(probeFolder, 'probe'), '')
    return await stat(join(probeFolder, 'PROBE')).then(
      () => true,
      () => false,
    )
  } finally {
    await rm(probeFolder, { recursive: true, force: true })
  }
}
