// How long the event loop was held while something ran: the longest gap between ticks of a 1 ms timer. Used by
// tests comparing work in a worker with the same work in-thread, and by benchmarks reporting stalls.

export async function longestStall<T>(run: () => Promise<T>): Promise<{ stall: number; result: T }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  try {
    const result = await run();
    stall = Math.max(stall, performance.now() - last);
    return { stall, result };
  } finally {
    clearInterval(timer);
  }
}
