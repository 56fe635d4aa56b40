// Which pages count as the app's own: the built renderer folder, or the dev server in development.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { appPage } from '../../src/main/app-page'

vi.mock('electron', () => import('./fakes/electron'))

describe('appPage', () => {
  afterEach(() => {
    delete process.env['ELECTRON_RENDERER_URL']
  })

  it('points at the built preload and renderer beside the main bundle', () => {
    const page = appPage('/opt/frameio-sync/out/main')
    expect(page.preload).toBe('/opt/frameio-sync/out/preload/index.cjs')
    expect(page.isAppUrl('file:///opt/frameio-sync/out/renderer/index.html')).toBe(true)
    expect(page.isAppUrl('file:///opt/frameio-sync/out/renderer-evil/index.html')).toBe(false)
    expect(page.isAppUrl('file:///etc/passwd')).toBe(false)
    expect(page.isAppUrl('https://example.com/')).toBe(false)
  })

  it('trusts only the dev server origin during development', () => {
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173'
    const page = appPage('/opt/frameio-sync/out/main')
    expect(page.isAppUrl('http://localhost:5173/index.html')).toBe(true)
    expect(page.isAppUrl('http://localhost:5173.evil.example/')).toBe(false)
    expect(page.isAppUrl('http://localhost:5174/')).toBe(false)
  })
})
