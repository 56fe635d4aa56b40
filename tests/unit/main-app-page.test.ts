// Which pages count as the app's own: the built renderer folder, or the dev server in development.
import { describe, expect, it, vi } from 'vitest'
import { appPage } from '../../src/main/app-page'

vi.mock('electron', () => import('./fakes/electron'))

describe('appPage', () => {
  it('points at the built preload and renderer beside the main bundle', () => {
    const page = appPage(undefined, '/opt/frameio-sync/out/main')
    expect(page.preload).toBe('/opt/frameio-sync/out/preload/index.cjs')
    expect(page.isAppUrl('file:///opt/frameio-sync/out/renderer/index.html')).toBe(true)
    expect(page.isAppUrl('file:///opt/frameio-sync/out/renderer-evil/index.html')).toBe(false)
    expect(page.isAppUrl('file:///etc/passwd')).toBe(false)
    expect(page.isAppUrl('https://example.com/')).toBe(false)
  })

  it('trusts only the dev server origin during development', () => {
    const page = appPage('http://localhost:5173', '/opt/frameio-sync/out/main')
    expect(page.isAppUrl('http://localhost:5173/index.html')).toBe(true)
    expect(page.isAppUrl('http://localhost:5173.evil.example/')).toBe(false)
    expect(page.isAppUrl('http://localhost:5174/')).toBe(false)
    expect(page.isAppUrl('file:///opt/frameio-sync/out/renderer/index.html')).toBe(false)
  })
})
