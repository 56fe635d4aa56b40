// The recent log and "Copy diagnostics": secrets blanked before a line is kept, only the last
// lines kept, and the report naming versions, settings, index sizes and the log.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { diagnosticsText } from '../../src/core/diagnostics'
import { LogBuffer, redact } from '../../src/core/log'
import { openIndex } from '../../src/core/sync-index'
import { appVersion, defaultSettings } from '../../src/shared'

describe('redact', () => {
  it.each([
    ['Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['GET /cb?code=AbC123&state=xyz ok', 'GET /cb?code=[redacted]&state=[redacted] ok'],
    [
      '{"access_token":"t0k","refresh_token":"r3f"}',
      '{"access_token":"[redacted]","refresh_token":"[redacted]"}',
    ],
    [
      'PUT https://s3/x?X-Amz-Signature=deadbeef&X-Amz-Expires=60',
      'PUT https://s3/x?X-Amz-Signature=[redacted]&X-Amz-Expires=60',
    ],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here', 'token [redacted token] here'],
  ])('blanks the secret in %s', (line, expected) => {
    expect(redact(line)).toBe(expected)
  })

  it('leaves ordinary lines alone', () => {
    expect(redact('uploaded Footage/a.mov (12 MB)')).toBe('uploaded Footage/a.mov (12 MB)')
  })
})

describe('LogBuffer', () => {
  it('keeps only the last lines, stamped and redacted', () => {
    const log = new LogBuffer(2, () => new Date('2026-11-27T10:00:00Z'))
    log.add('one')
    log.add('two code=secret')
    log.add('three')
    expect(log.recent()).toEqual([
      '2026-11-27T10:00:00.000Z two code=[redacted]',
      '2026-11-27T10:00:00.000Z three',
    ])
  })
})

describe('diagnostics', () => {
  it('names versions, settings, index sizes and the recent log', () => {
    const log = new LogBuffer(10, () => new Date('2026-11-27T10:00:00Z'))
    log.add('started')
    const text = diagnosticsText({
      versions: { 'frameio-sync': appVersion, node: '24.21.0' },
      settings: defaultSettings,
      stats: { ...openIndex(':memory:').stats(), bytes: 4096 },
      log,
    })
    expect(text).toContain(`frameio-sync: ${appVersion}`)
    expect(text).toContain('"readyAfterSeconds": 60')
    expect(text).toContain('entries: 0 rows')
    expect(text).toContain('size: 4096 bytes')
    expect(text.trimEnd().endsWith('2026-11-27T10:00:00.000Z started')).toBe(true)
  })

  it('reports the version package.json has', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(appVersion).toBe(pkg.version)
  })
})
