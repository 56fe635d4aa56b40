// The tray popover: a small frameless window placed by the tray icon that hides when it loses focus
// and when it is closed; only quitting the app destroys it.
import { type BrowserWindow, type Rectangle, screen } from 'electron'
import { popoverPosition } from './popover-position'
import { type AppPage, createAppWindow, hideOnClose } from './windows'

export const popoverSize = { width: 360, height: 480 }

/** A tray click blurs the popover before it toggles it: that click must not reopen it. */
const blurClickWindowMs = 300

export interface Popover {
  readonly window: BrowserWindow
  toggle(trayBounds: Rectangle | null): void
  show(trayBounds: Rectangle | null): void
}

export function createPopover(page: AppPage): Popover {
  const window = createAppWindow(page, {
    ...popoverSize,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'Frame.io Sync',
  })
  let hiddenByBlurAt = Number.NEGATIVE_INFINITY
  window.on('blur', () => {
    hiddenByBlurAt = Date.now()
    window.hide()
  })
  hideOnClose(window)
  void page.load(window)

  const show = (trayBounds: Rectangle | null) => {
    const anchor = trayBounds ?? screen.getCursorScreenPoint()
    const { workArea } = screen.getDisplayNearestPoint({ x: anchor.x, y: anchor.y })
    const { x, y } = popoverPosition(trayBounds, popoverSize, workArea)
    window.setPosition(x, y)
    window.show()
    window.focus()
  }

  return {
    window,
    show,
    toggle(trayBounds) {
      if (window.isVisible()) window.hide()
      else if (Date.now() - hiddenByBlurAt > blurClickWindowMs) show(trayBounds)
    },
  }
}
