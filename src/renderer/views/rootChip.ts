// The short state shown on a synced folder's card, and whether its longer reason adds anything.
import type { SyncMode, SyncRoot } from '../../shared'
import { countOf } from '../format'

export type ChipTone = 'ok' | 'busy' | 'muted' | 'warn'

export interface Chip {
  text: string
  tone: ChipTone
}

export const modeText: Record<SyncMode, string> = {
  'two-way': 'Two-way',
  'upload-only': 'Upload only',
  'download-only': 'Download only',
}

/** `moving`: this root's transfers in flight, which the queue count may not include. */
export function rootChip(root: SyncRoot, moving: number): Chip {
  const { counts } = root
  switch (root.status) {
    case 'paused':
      return { text: 'Paused', tone: 'muted' }
    case 'offline':
      return { text: 'Offline', tone: 'warn' }
    case 'attention':
      return counts.issues > 0
        ? { text: countOf(counts.issues, 'issue'), tone: 'warn' }
        : { text: 'Needs attention', tone: 'warn' }
    case 'syncing':
      return { text: `Syncing ${countOf(Math.max(counts.queued, moving), 'file')}`, tone: 'busy' }
    case 'idle':
      return counts.settling > 0
        ? { text: `Waiting for ${countOf(counts.settling, 'file')} to settle`, tone: 'busy' }
        : { text: 'Synced', tone: 'ok' }
  }
}

/** The service's reason, when the chip alone does not say why the folder is stopped. */
export function rootReason(root: SyncRoot): string | null {
  const needsWords =
    root.status === 'paused' || root.status === 'offline' || root.status === 'attention'
  return needsWords ? root.statusReason : null
}
