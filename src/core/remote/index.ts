// src/core/remote owns walking a Frame.io project's folder tree into RemoteFacts, paced to half
// of the documented rate budget.
export {
  RemoteWalker,
  updatedAtByFolder,
  type FolderListing,
  type WalkOptions,
  type WalkerOptions,
} from './walker'
export { WalkBudget } from './walk-budget'
export type { PlaceName } from './facts'
