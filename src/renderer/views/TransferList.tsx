// What is moving now, grouped Uploading / Downloading / Waiting to settle: per file a progress bar,
// the speed and the time left.
import type { AppState, Transfer } from '../../shared'
import { baseName, formatBytes, formatDuration } from '../format'
import { fileLocation } from './location'
import { SettlingList } from './SettlingList'
import './TransferList.css'

function progressText(transfer: Transfer): string {
  const parts = [`${formatBytes(transfer.bytesDone)} of ${formatBytes(transfer.bytesTotal)}`]
  if (transfer.bytesPerSecond > 0) parts.push(`${formatBytes(transfer.bytesPerSecond)}/s`)
  parts.push(
    transfer.etaSeconds === null
      ? 'working out the time left'
      : `${formatDuration(transfer.etaSeconds)} left`,
  )
  return parts.join(' · ')
}

function TransferGroup({
  title,
  transfers,
  state,
}: {
  title: 'Uploading' | 'Downloading'
  transfers: Transfer[]
  state: AppState
}) {
  const headingId = `transfers-${title.toLowerCase()}`
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ul className="transfer-list" aria-labelledby={headingId}>
        {transfers.map((transfer) => {
          const name = baseName(transfer.path)
          const known = transfer.bytesTotal > 0
          return (
            <li key={transfer.id} className="transfer">
              <span className="transfer-name">{name}</span>
              <span className="transfer-where">
                {fileLocation(transfer.path, transfer.rootId, state.roots)}
              </span>
              {/* Without a total the bar has no value and shows as indeterminate. */}
              <progress
                aria-label={`${title} ${name}`}
                max={known ? transfer.bytesTotal : undefined}
                value={known ? transfer.bytesDone : undefined}
              />
              <span className="transfer-detail">{progressText(transfer)}</span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

export function TransferList({ state }: { state: AppState }) {
  const uploads = state.transfers.filter((transfer) => transfer.direction === 'upload')
  const downloads = state.transfers.filter((transfer) => transfer.direction === 'download')
  return (
    <>
      {uploads.length > 0 && <TransferGroup title="Uploading" transfers={uploads} state={state} />}
      {downloads.length > 0 && (
        <TransferGroup title="Downloading" transfers={downloads} state={state} />
      )}
      {state.settling.length > 0 && <SettlingList settling={state.settling} roots={state.roots} />}
    </>
  )
}
