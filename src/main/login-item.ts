// Start at login: a login item on macOS and Windows, an XDG autostart entry elsewhere; and the
// rule that turns it on at the first successful sign-in.
import { rm } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import type { Settings } from '../shared'
import { writeFileAtomically } from './atomic-file'

/** Passed when started at login, so the app knows to stay in the tray. */
export const hiddenFlag = '--hidden'

export interface LoginItemHost {
  platform: NodeJS.Platform
  app: Pick<Electron.App, 'setLoginItemSettings'>
  /** Read for XDG_CONFIG_HOME and APPIMAGE. */
  env: Readonly<Record<string, string | undefined>>
  execPath: string
  /** Where ~/.config is when XDG_CONFIG_HOME is not set; the user's home by default. */
  home?: string
}

/** Registers or unregisters the app to start, hidden in the tray, when the person logs in. */
export async function applyStartAtLogin(enabled: boolean, host: LoginItemHost): Promise<void> {
  if (host.platform === 'darwin') {
    // A tray-only app (LSUIElement) opens without a window, so nothing more is needed to stay hidden.
    host.app.setLoginItemSettings({ openAtLogin: enabled })
  } else if (host.platform === 'win32') {
    // The same args when disabling, since Windows matches the entry by path and args.
    host.app.setLoginItemSettings({ openAtLogin: enabled, args: [hiddenFlag] })
  } else if (enabled) {
    await writeFileAtomically(autostartFile(host), autostartEntry(launcher(host)), 0o644)
  } else {
    await rm(autostartFile(host), { force: true })
  }
}

/** `$XDG_CONFIG_HOME/autostart/frameio-sync.desktop`, XDG_CONFIG_HOME defaulting to ~/.config. */
export function autostartFile(host: Pick<LoginItemHost, 'env' | 'home'>): string {
  const configHome = host.env['XDG_CONFIG_HOME']
  // The XDG spec says a relative value is invalid and is to be ignored.
  const base =
    configHome && isAbsolute(configHome) ? configHome : join(host.home ?? homedir(), '.config')
  return join(base, 'autostart', 'frameio-sync.desktop')
}

/**
 * What to change after a successful sign-in: start at login goes on the first time, unless the
 * person has already chosen (settings-store marks any change of startAtLogin as chosen).
 */
export function startAtLoginAfterSignIn(settings: Settings): Partial<Settings> | null {
  return settings.startAtLoginChosen ? null : { startAtLogin: true, startAtLoginChosen: true }
}

/** An AppImage runs from a temporary mount that is gone after it quits; APPIMAGE is the file. */
function launcher(host: LoginItemHost): string {
  return host.env['APPIMAGE'] || host.execPath
}

function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Frame.io Sync',
    'Comment=Keeps local folders in sync with Frame.io projects',
    `Exec=${execArgument(executable)} ${hiddenFlag}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n')
}

/** Characters the Desktop Entry spec reserves in Exec arguments (they require quoting). */
const reservedInExec = /[\s"'\\<>~|&;$*?#`]/

/**
 * One Exec argument per the Desktop Entry spec: `%` doubled; quoted with `"`, `` ` ``, `$`
 * and `\` backslash-escaped when needed; then backslashes doubled again for the string escaping
 * that is undone before the quoting.
 */
function execArgument(argument: string): string {
  if (/[\r\n\0]/.test(argument)) {
    throw new Error(
      `Cannot start at login: the app's path ${JSON.stringify(argument)} contains a line break.`,
    )
  }
  const percentEscaped = argument.replaceAll('%', '%%')
  if (!reservedInExec.test(percentEscaped)) return percentEscaped
  const quoted = `"${percentEscaped.replace(/["`$\\]/g, '\\$&')}"`
  return quoted.replaceAll('\\', '\\\\')
}
