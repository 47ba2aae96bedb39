/** A clock and timers the test moves by hand. */
export function fakeTime(start: number) {
  let now = start;
  let nextId = 1;
  const timers: { id: number; at: number; fire: () => void }[] = [];

  // Lets promise chains (the replayer's async ticks) run to completion.
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  return {
    clock: () => now,
    setTimer: (fire: () => void, ms: number) => {
      const id = nextId++;
      timers.push({ id, at: now + ms, fire });
      return id;
    },
    clearTimer: (handle: unknown) => {
      const at = timers.findIndex((timer) => timer.id === handle);
      if (at >= 0) timers.splice(at, 1);
    },
    pending: () => timers.length,
    /** Moves time forward, firing due timers in order as it goes. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        await settle();
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const timer = timers[0];
        if (timer === undefined || timer.at > end) break;
        timers.shift();
        now = Math.max(now, timer.at);
        timer.fire();
      }
      now = end;
      await settle();
    },
  };
}
