// Which remote fact each path gets: refused items are reported and set aside, and where several
// items land on one path the first in walk order wins and the rest are reported.
import type { RemoteFact } from './facts'
import { duplicateIssue, refusedNameIssue, type IssueAction } from './issues'

export interface RemotePlacement {
  /** The winning remote fact of each path. */
  byPath: Map<string, RemoteFact>
  /** Winning remote facts by Frame.io id: where a known item is now. */
  byId: Map<string, RemoteFact>
  issues: IssueAction[]
}

export function placeRemoteFacts(remote: readonly RemoteFact[]): RemotePlacement {
  const placement: RemotePlacement = { byPath: new Map(), byId: new Map(), issues: [] }
  for (const fact of remote) {
    if (fact.refused !== null) {
      placement.issues.push(refusedNameIssue(fact, fact.refused))
    } else if (placement.byPath.has(fact.path)) {
      placement.issues.push(duplicateIssue(fact))
    } else {
      placement.byPath.set(fact.path, fact)
      if (!placement.byId.has(fact.id)) placement.byId.set(fact.id, fact)
    }
  }
  return placement
}
