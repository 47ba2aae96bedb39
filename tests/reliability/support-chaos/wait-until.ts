// Polls a condition instead of sleeping a fixed time: the reliability tests
// wait for the system to settle, and fail with the last value they saw.

export async function waitUntil<T>(
  read: () => Promise<T> | T,
  ok: (value: T) => boolean,
  options: { timeoutMs?: number; what?: string; everyMs?: number } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = Date.now();

  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() - started > timeoutMs) {
      const shown = JSON.stringify(value)?.slice(0, 600);
      throw new Error(
        `Waited ${timeoutMs} ms for ${options.what ?? 'a condition'}; ` +
          `the last value was ${shown}.`,
      );
    }
    await pause(options.everyMs ?? 20);
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
