// The clock the analysis time budget (EngineConfig.timeBudgetMs) is measured with: milliseconds on a
// monotonic clock from an arbitrary origin. The front ends check the budget on it, not on
// performance.now(), so that a caller (the tests) can hand the engine another one and make a budget
// run out, or not, by construction instead of by the machine's speed.
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => performance.now();
