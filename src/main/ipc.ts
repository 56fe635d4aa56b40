// Binds the IPC contract to Electron: one ipcMain handler per invoke channel (sender checked,
// payload validated by the shared dispatcher) and every service event sent to the app's windows.
import { ipcMain } from 'electron'
import {
  type EventSource,
  type Handlers,
  dispatch,
  eventChannels,
  failure,
  invokeChannels,
} from '../shared'
import type { AppWindows } from './app-windows'

export function registerHandlers(
  handlers: Handlers,
  windows: AppWindows,
  onInternalError?: (channel: string, error: unknown) => void,
): () => void {
  for (const channel of invokeChannels) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!windows.isTrustedSender(event)) {
        return failure({
          code: 'forbidden',
          message: `${channel}: refused a call from outside the app (${windows.describeSender(event)})`,
        })
      }
      return dispatch(handlers, channel, payload, onInternalError ? { onInternalError } : {})
    })
  }
  return () => {
    for (const channel of invokeChannels) ipcMain.removeHandler(channel)
  }
}

export function forwardEvents(events: EventSource, windows: AppWindows): () => void {
  const unsubscribers = eventChannels.map((channel) =>
    events.on(channel, (payload) => {
      for (const window of windows.all()) window.webContents.send(channel, payload)
    }),
  )
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
