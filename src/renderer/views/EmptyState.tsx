// A centred message for screens with nothing to list yet.
import type { ReactNode } from 'react'
import { SyncMark } from './SyncMark'

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <SyncMark size={48} />
      <h2 id="empty-state-title">{title}</h2>
      <p>{children}</p>
    </section>
  )
}
