// A moment shown relative to now, with the exact date and time in its tooltip.
import { exactTime, relativeTime } from './relative-time'

export function When({ at, now }: { at: string; now: number }) {
  const date = new Date(at)
  if (Number.isNaN(date.getTime())) return <time>{at}</time>
  return (
    <time dateTime={at} title={exactTime(date)}>
      {relativeTime(date, new Date(now))}
    </time>
  )
}
