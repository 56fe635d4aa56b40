// The remote walker's pacing: half of each endpoint's documented rate, as an even beat with no
// bursts, so a walk never takes more than half of any budget and interactive calls stay fast.
import {
  type BudgetClock,
  type CallPacer,
  type Operation,
  documentedLimit,
} from '../frameio/budget'
import { abortable, sleep } from '../frameio/sleep'

/** The walker's share of each endpoint's documented rate. */
const walkShare = 0.5

const systemClock: BudgetClock = { now: Date.now, sleep }

/**
 * One call per beat per endpoint (files.list and folders.list: 5/s documented, so one call every
 * 400 ms), measured from when the previous call was let through. A beat, unlike a bucket, lends
 * no burst after an idle spell and no catching up after a late wake-up, so in any window the
 * walker's calls stay within half the documented rate plus the one call at its edge.
 * Frame.io's limits are per account user: walkers of one user should share one WalkBudget.
 */
export class WalkBudget implements CallPacer {
  private readonly lastAt = new Map<Operation, number>()
  private readonly queues = new Map<Operation, Promise<void>>()

  constructor(private readonly clock: BudgetClock = systemClock) {}

  /** Milliseconds between two of the walker's calls to one endpoint. */
  beatMs(operation: Operation): number {
    const { limit, windowMs } = documentedLimit(operation)
    return windowMs / (limit * walkShare)
  }

  /** Waits, behind earlier callers of the same endpoint, for the endpoint's next beat. */
  take(operation: Operation, signal?: AbortSignal): Promise<void> {
    const earlier = this.queues.get(operation) ?? Promise.resolve()
    const mine = abortable(earlier, signal).then(() => this.waitForBeat(operation, signal))
    this.queues.set(
      operation,
      mine.catch(() => undefined),
    )
    return mine
  }

  private async waitForBeat(operation: Operation, signal?: AbortSignal): Promise<void> {
    const last = this.lastAt.get(operation)
    const wait = last === undefined ? 0 : last + this.beatMs(operation) - this.clock.now()
    if (wait > 0) await this.clock.sleep(wait, signal)
    this.lastAt.set(operation, this.clock.now())
  }
}
