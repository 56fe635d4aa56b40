// The tray icon and its menu. Template images on macOS so the icon follows the menu bar colour;
// @2x files are picked up by Electron for high-density displays.
import { Menu, Tray, nativeImage } from 'electron'
import { join } from 'node:path'

export interface TrayActions {
  toggle(bounds: Electron.Rectangle | null): void
  open(): void
  quit(): void
}

export function trayIconPath(assetsDir: string, platform: NodeJS.Platform): string {
  return join(assetsDir, platform === 'darwin' ? 'trayTemplate.png' : 'tray.png')
}

export function createTray(assetsDir: string, actions: TrayActions): Tray {
  const icon = nativeImage.createFromPath(trayIconPath(assetsDir, process.platform))
  const tray = new Tray(icon)
  tray.setToolTip('Frame.io Sync')
  const menu = Menu.buildFromTemplate([
    { label: 'Open', click: () => actions.open() },
    // Pausing arrives with the sync engine; the entry is shown so the menu does not move later.
    { label: 'Pause all', enabled: false },
    { type: 'separator' },
    { label: 'Quit Frame.io Sync', click: () => actions.quit() },
  ])
  tray.on('click', (_event, bounds) => actions.toggle(bounds))
  tray.on('right-click', () => tray.popUpContextMenu(menu))
  if (process.platform === 'linux') tray.setContextMenu(menu)
  return tray
}
