// src/main owns the Electron shell, kept thin: lifecycle, tray, windows and the IPC binding.
// The work itself is done by the application service from src/core.
import { app, session, shell } from 'electron'
import { join } from 'node:path'
import { createAppService } from '../core'
import { appPage } from './app-page'
import { AppWindows } from './app-windows'
import { forwardEvents, registerHandlers } from './ipc'
import { createPopover } from './popover'
import { createTray } from './tray'
import { isHttpsUrl } from './windows'

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
  if (process.platform === 'darwin') app.dock?.hide()

  const service = createAppService({
    quit: () => app.quit(),
    openExternal: async (url) => {
      if (isHttpsUrl(url)) await shell.openExternal(url)
    },
  })
  const page = appPage(app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'])
  const windows = new AppWindows(page.isAppUrl)
  registerHandlers(service.handlers, windows, (channel, error) =>
    console.error(`[ipc] ${channel} failed`, error),
  )
  forwardEvents(service.events, windows)

  const popover = createPopover(page)
  windows.add(popover.window)
  const tray = createTray(join(app.getAppPath(), 'assets'), {
    toggle: (bounds) => popover.toggle(bounds),
    open: () => popover.show(tray.getBounds()),
    quit: () => app.quit(),
  })
  app.on('second-instance', () => popover.show(tray.getBounds()))
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // A tray app lives on when its windows close; only Quit ends it.
  app.on('window-all-closed', () => undefined)
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // Without a tray there is no way to reach the app: leave rather than hold the lock.
      console.error('frameio-sync could not start', error)
      app.exit(1)
    })
}
