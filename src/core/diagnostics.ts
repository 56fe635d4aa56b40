// "Copy diagnostics": what someone helping with a problem needs, as plain text: versions, the
// settings (which never hold secrets), the index's statistics, and the recent log, redacted.
import type { Settings } from '../shared'
import type { LogBuffer } from './log'
import type { IndexStats } from './sync-index'

export interface DiagnosticsSources {
  versions: Record<string, string>
  settings: Settings
  stats: IndexStats
  log: LogBuffer
}

export function diagnosticsText({ versions, settings, stats, log }: DiagnosticsSources): string {
  const lines = ['Frame.io Sync diagnostics', '', 'Versions:']
  for (const [name, version] of Object.entries(versions)) lines.push(`  ${name}: ${version}`)
  lines.push('', 'Settings:', JSON.stringify(settings, null, 2), '', 'Index:')
  for (const [table, rows] of Object.entries(stats.rows)) lines.push(`  ${table}: ${rows} rows`)
  lines.push(`  size: ${stats.bytes} bytes`, '', 'Recent log:', ...log.recent())
  return lines.join('\n')
}
