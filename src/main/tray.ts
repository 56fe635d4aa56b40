// The tray icon: its per-state image, tooltip and context menu, kept in step with the AppState.
// Template images on macOS so the icon follows the menu bar colour; @2x files are picked up by
// Electron for high-density displays.
import { Menu, Tray, nativeImage } from 'electron'
import { join } from 'node:path'
import type { AppState } from '../shared/state'
import { type TrayMenuActions, type TrayState, trayMenuTemplate, trayStateOf } from './tray-state'

export interface TrayActions extends TrayMenuActions {
  /** A click on the icon: shows or hides the popover next to it. */
  toggle(bounds: Electron.Rectangle | null): void
}

export interface AppTray {
  /** Shows the icon, tooltip and menu for this state; changes nothing that is already right. */
  update(state: AppState): void
  /** Where the icon is on screen, to place the popover by it. */
  getBounds(): Electron.Rectangle
}

export function trayIconPath(
  assetsDir: string,
  platform: NodeJS.Platform,
  state: TrayState,
): string {
  return join(assetsDir, `tray-${state}${platform === 'darwin' ? 'Template' : ''}.png`)
}

export function createTray(
  assetsDir: string,
  initial: AppState,
  actions: TrayActions,
  platform: NodeJS.Platform = process.platform,
): AppTray {
  const iconFor = (state: TrayState) =>
    nativeImage.createFromPath(trayIconPath(assetsDir, platform, state))
  const first = trayStateOf(initial)
  const tray = new Tray(iconFor(first.state))
  let shown = { state: first.state, tooltip: '', menuKey: '' }
  let menu: Electron.Menu | null = null

  // State arrives several times a second while files move: rebuilding an unchanged menu would
  // close it under the pointer (and flicker on Linux), so each part is replaced only on change.
  const update = (state: AppState): void => {
    const summary = trayStateOf(state)
    const template = trayMenuTemplate(state, actions)
    // Click handlers do not serialise; labels, enabled flags and folder paths do.
    const menuKey = JSON.stringify(template)
    if (summary.state !== shown.state) tray.setImage(iconFor(summary.state))
    if (summary.tooltip !== shown.tooltip) tray.setToolTip(summary.tooltip)
    if (menuKey !== shown.menuKey) {
      menu = Menu.buildFromTemplate(template)
      // Linux shows the menu itself on click; elsewhere a right-click pops it up (below).
      if (platform === 'linux') tray.setContextMenu(menu)
    }
    shown = { state: summary.state, tooltip: summary.tooltip, menuKey }
  }

  update(initial)
  tray.on('click', (_event, bounds) => actions.toggle(bounds))
  tray.on('right-click', () => {
    if (menu !== null) tray.popUpContextMenu(menu)
  })
  return { update, getBounds: () => tray.getBounds() }
}
