// The tray popover: the header, then whatever comes first (connecting, signing in, adding a
// folder) or the synced folders and what is moving, and the footer.
import type { AppState } from '../../shared'
import { useAppStore } from '../store'
import { AddFolderButton } from './AddFolderButton'
import { EmptyState } from './EmptyState'
import { PopoverFooter } from './PopoverFooter'
import { PopoverHeader } from './PopoverHeader'
import { RootList } from './RootList'
import { SignIn } from './SignIn'
import { TransferList } from './TransferList'
import './Popover.css'

function Body({
  state,
  connectionError,
}: {
  state: AppState | null
  connectionError: string | null
}) {
  if (!state) {
    if (!connectionError) return <p className="loading">Connecting…</p>
    return (
      <EmptyState title="Can't reach Frame.io Sync">
        {connectionError}. Quit and open the app again if this lasts.
      </EmptyState>
    )
  }
  if (!state.user) return <SignIn signIn={state.signIn} />
  if (state.roots.length === 0) {
    return (
      <EmptyState title="No folders yet" action={<AddFolderButton primary />}>
        Pair a Frame.io project with a folder on this computer: new files then move both ways on
        their own, checked byte for byte.
      </EmptyState>
    )
  }
  return (
    <>
      <RootList state={state} />
      <TransferList state={state} />
    </>
  )
}

export function Popover() {
  const state = useAppStore((store) => store.state)
  const connectionError = useAppStore((store) => store.connectionError)
  return (
    <div className="popover">
      <PopoverHeader state={state} connectionError={connectionError} />
      {/* With a last known state on screen, a lost connection is a banner above it. */}
      {state && connectionError && (
        <p className="banner" role="alert">
          {connectionError}
        </p>
      )}
      <main className="popover-body">
        <Body state={state} connectionError={connectionError} />
      </main>
      <PopoverFooter state={state} />
    </div>
  )
}
