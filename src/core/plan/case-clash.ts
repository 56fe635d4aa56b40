// Case clashes on folders that fold letter case (macOS and Windows by default): 'Take.mov' and
// 'take.mov' are one name there, so a Frame.io item that differs from a known name only in case
// is refused with the reason, instead of meeting the other file at the same place on disk.
import type { Entry, LocalFact, RemoteFact } from './facts'

function caseKey(path: string): string {
  return path.normalize('NFC').toLowerCase()
}

/**
 * The remote facts with case clashes refused. Each folded name belongs to what holds it first:
 * a synced entry, else a local item, else the first remote item in walk order.
 */
export function refuseCaseClashes(
  remote: readonly RemoteFact[],
  local: readonly LocalFact[],
  entries: readonly Entry[],
): RemoteFact[] {
  const owners = new Map<string, string>()
  for (const item of [...entries, ...local]) {
    const key = caseKey(item.path)
    if (!owners.has(key)) owners.set(key, item.path)
  }
  return remote.map((fact) => {
    if (fact.refused !== null) return fact
    const key = caseKey(fact.path)
    const owner = owners.get(key)
    if (owner === undefined) {
      owners.set(key, fact.path)
      return fact
    }
    if (owner === fact.path) return fact
    return {
      ...fact,
      refused: `it differs only in letter case from "${owner}", and this folder cannot hold both`,
    }
  })
}
