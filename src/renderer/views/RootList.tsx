// The synced folders, one card each, under a heading with the "Add folder" button.
import type { AppState } from '../../shared'
import { AddFolderButton } from './AddFolderButton'
import { RootCard } from './RootCard'
import './RootList.css'

export function RootList({ state }: { state: AppState }) {
  return (
    <section className="section">
      <div className="section-head">
        <h2 id="roots-heading">Synced folders</h2>
        <AddFolderButton />
      </div>
      <ul className="root-list" aria-labelledby="roots-heading">
        {state.roots.map((root) => (
          <RootCard
            key={root.id}
            root={root}
            moving={state.transfers.filter((transfer) => transfer.rootId === root.id).length}
            allPaused={state.paused}
          />
        ))}
      </ul>
    </section>
  )
}
