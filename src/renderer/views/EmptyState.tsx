// A centred message for screens with nothing to list yet, with the one thing to do next.
import { type ReactNode, useId } from 'react'
import { SyncMark } from './SyncMark'

export function EmptyState({
  title,
  children,
  action,
}: {
  title: string
  children: ReactNode
  /** The next step, usually one button. */
  action?: ReactNode
}) {
  const titleId = useId()
  return (
    <section className="empty-state" aria-labelledby={titleId}>
      <SyncMark size={48} />
      <h2 id={titleId}>{title}</h2>
      <p>{children}</p>
      {action && <div className="empty-state-action">{action}</div>}
    </section>
  )
}
