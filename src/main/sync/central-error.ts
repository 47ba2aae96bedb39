// What can go wrong talking to the central API, sorted by what the engine
// does about it.

export type CentralErrorKind =
  /** Nothing came back (refused, reset, DNS): the console is offline. */
  | 'network'
  | 'timeout'
  /** 401: the session is missing or expired; sign in again. */
  | 'unauthorized'
  /** 403: the user's role may not do this. */
  | 'forbidden'
  /** A reply that does not match the protocol: refused, local data kept. */
  | 'malformed'
  /** 5xx: the server is there but failing. */
  | 'server'
  /** Another 4xx: the server refused what was sent. */
  | 'refused';

export class CentralError extends Error {
  constructor(
    readonly kind: CentralErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'CentralError';
  }

  /** Whether this failure says the server could not be reached at all. */
  get offline(): boolean {
    return this.kind === 'network' || this.kind === 'timeout';
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
