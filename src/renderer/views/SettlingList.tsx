// Files that changed recently, each with the seconds until it uploads if it stays unchanged. The
// countdown ticks once a second, and only while this list is on screen (something is settling).
import type { Settling, SyncRoot } from '../../shared'
import { baseName, formatDuration } from '../format'
import { fileLocation } from './location'
import { useNow } from './useNow'

export function SettlingList({ settling, roots }: { settling: Settling[]; roots: SyncRoot[] }) {
  const now = useNow()
  const soonestFirst = [...settling].sort((a, b) => a.readyAt - b.readyAt)
  return (
    <section className="section" aria-labelledby="settling-heading">
      <h2 id="settling-heading">Waiting to settle</h2>
      <ul className="transfer-list" aria-labelledby="settling-heading">
        {soonestFirst.map((file) => {
          const secondsLeft = Math.ceil((file.readyAt - now) / 1000)
          return (
            <li key={`${file.rootId}/${file.path}`} className="transfer">
              <span className="transfer-name">{baseName(file.path)}</span>
              <span className="transfer-where">{fileLocation(file.path, file.rootId, roots)}</span>
              <span className="transfer-detail">
                {secondsLeft > 0
                  ? `Uploads in ${formatDuration(secondsLeft)} if it stays unchanged`
                  : 'Checking that it stayed unchanged…'}
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
