// Start at login per platform: login items on macOS and Windows, an XDG autostart file on Linux
// (written into a temporary XDG_CONFIG_HOME and removed again), and the first-sign-in default.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type LoginItemHost,
  applyStartAtLogin,
  autostartFile,
  startAtLoginAfterSignIn,
} from '../../src/main/login-item'
import { defaultSettings } from '../../src/shared'

const made: string[] = []
afterEach(async () => {
  for (const folder of made.splice(0)) await rm(folder, { recursive: true, force: true })
})

async function folder(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'login-item-'))
  made.push(path)
  return path
}

function host(platform: NodeJS.Platform, extra: Partial<LoginItemHost> = {}) {
  const app = { setLoginItemSettings: vi.fn<(settings: Electron.Settings) => void>() }
  return { env: {}, execPath: '/opt/Frame.io Sync/frameio-sync', ...extra, platform, app }
}

describe('applyStartAtLogin', () => {
  it('adds and removes a macOS login item', async () => {
    const mac = host('darwin')
    await applyStartAtLogin(true, mac)
    await applyStartAtLogin(false, mac)
    expect(mac.app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true }],
      [{ openAtLogin: false }],
    ])
  })

  it('adds and removes a Windows login item started with --hidden', async () => {
    const windows = host('win32')
    await applyStartAtLogin(true, windows)
    await applyStartAtLogin(false, windows)
    expect(windows.app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true, args: ['--hidden'] }],
      [{ openAtLogin: false, args: ['--hidden'] }],
    ])
  })

  it('writes an XDG autostart entry on Linux and removes it again', async () => {
    const configHome = await folder()
    const linux = host('linux', { env: { XDG_CONFIG_HOME: configHome } })
    const file = join(configHome, 'autostart', 'frameio-sync.desktop')

    await applyStartAtLogin(true, linux)
    expect(await readFile(file, 'utf8')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Frame.io Sync',
        'Comment=Keeps local folders in sync with Frame.io projects',
        'Exec="/opt/Frame.io Sync/frameio-sync" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    )
    expect((await stat(file)).mode & 0o777).toBe(0o644)
    expect(linux.app.setLoginItemSettings).not.toHaveBeenCalled()

    await applyStartAtLogin(true, linux)
    expect(await readdir(join(configHome, 'autostart'))).toEqual(['frameio-sync.desktop'])

    await applyStartAtLogin(false, linux)
    expect(await readdir(join(configHome, 'autostart'))).toEqual([])
    await expect(applyStartAtLogin(false, linux)).resolves.toBeUndefined()
  })

  it('starts the AppImage file, not its temporary mount, escaping what the spec reserves', async () => {
    const configHome = await folder()
    const linux = host('linux', {
      env: { XDG_CONFIG_HOME: configHome, APPIMAGE: '/home/me/Apps/Sync $1 100%\\x.AppImage' },
      execPath: '/tmp/.mount_Sync123/frameio-sync',
    })
    await applyStartAtLogin(true, linux)
    const text = await readFile(autostartFile(linux), 'utf8')
    expect(text).toContain('Exec="/home/me/Apps/Sync \\\\$1 100%%\\\\\\\\x.AppImage" --hidden\n')
  })

  it('refuses a path with a line break rather than write a broken entry', async () => {
    const linux = host('linux', {
      env: { XDG_CONFIG_HOME: await folder() },
      execPath: '/opt/sync\nExec=rm',
    })
    await expect(applyStartAtLogin(true, linux)).rejects.toThrow(/contains a line break/)
  })
})

describe('autostartFile', () => {
  it('uses XDG_CONFIG_HOME when absolute and ~/.config otherwise', () => {
    const home = '/home/me'
    expect(autostartFile({ env: { XDG_CONFIG_HOME: '/cfg' }, home })).toBe(
      '/cfg/autostart/frameio-sync.desktop',
    )
    for (const env of [{}, { XDG_CONFIG_HOME: '' }, { XDG_CONFIG_HOME: 'relative/cfg' }]) {
      expect(autostartFile({ env, home })).toBe('/home/me/.config/autostart/frameio-sync.desktop')
    }
  })
})

describe('startAtLoginAfterSignIn', () => {
  it('turns start at login on at the first sign-in only', () => {
    const change = startAtLoginAfterSignIn(defaultSettings)
    expect(change).toEqual({ startAtLogin: true, startAtLoginChosen: true })
    expect(startAtLoginAfterSignIn({ ...defaultSettings, ...change })).toBeNull()
  })

  it('keeps a choice the person made before signing in', () => {
    const declined = { ...defaultSettings, startAtLogin: false, startAtLoginChosen: true }
    expect(startAtLoginAfterSignIn(declined)).toBeNull()
  })
})
