// The registry of the app's own windows: who may call the IPC handlers and who receives events.
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron'

export class AppWindows {
  private readonly windows = new Map<number, BrowserWindow>()

  /** @param isAppUrl tells whether a frame shows one of the app's own pages */
  constructor(private readonly isAppUrl: (url: string) => boolean) {}

  add(window: BrowserWindow): void {
    const id = window.webContents.id
    this.windows.set(id, window)
    window.on('closed', () => this.windows.delete(id))
  }

  all(): BrowserWindow[] {
    return [...this.windows.values()].filter((window) => !window.isDestroyed())
  }

  /** Only the top frame of an app window showing an app page may call in. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean {
    const frame = event.senderFrame
    return (
      this.windows.has(event.sender.id) &&
      frame !== null &&
      frame.parent === null &&
      this.isAppUrl(frame.url)
    )
  }

  describeSender(event: IpcMainInvokeEvent): string {
    return event.senderFrame?.url || `webContents ${event.sender.id}`
  }
}
