// Clocks for the analysis time budget (src/core/clock.ts), so that a budget test does not depend on
// the machine's speed.
import type { Clock } from '../../src/core/clock';

/**
 * A clock whose every reading is `stepMs` later than the one before: an analysis with a budget of a
 * few milliseconds runs out of it after that many readings, however fast the machine.
 */
export function steppingClock(stepMs = 1): Clock {
  let now = 0;
  return () => (now += stepMs);
}

/** A clock that never moves: no budget ever runs out, however slow the machine. */
export const stoppedClock: Clock = () => 0;
