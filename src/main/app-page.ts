// Where the renderer and preload live: the built files next to this bundle, or the dev server
// electron-vite starts (ELECTRON_RENDERER_URL) during `npm run dev`.
import type { BrowserWindow } from 'electron'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'
import type { AppPage } from './windows'

/**
 * @param devServer the dev server's address; the caller passes it only when the app is not
 *   packaged, so an environment variable can never point a shipped app at another page.
 */
export function appPage(
  devServer: string | undefined,
  mainDir = fileURLToPath(new URL('.', import.meta.url)),
): AppPage {
  const rendererDir = join(mainDir, '../renderer')
  const rendererBase = devServer
    ? new URL('/', devServer).href
    : pathToFileURL(rendererDir + '/').href
  return {
    preload: join(mainDir, '../preload/index.cjs'),
    isAppUrl: (url) => url.startsWith(rendererBase),
    load: (window: BrowserWindow, view?: string) =>
      devServer
        ? window.loadURL(view ? `${devServer}#${view}` : devServer)
        : window.loadFile(join(rendererDir, 'index.html'), view ? { hash: view } : {}),
  }
}
