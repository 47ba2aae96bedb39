// The shapes duplicate finding works on, shared by the console (its open
// and recently closed requests) and the offline evaluation over a Boston
// CSV. Plain data: no SQL, no Electron.

/** A request as duplicate finding sees it. Times are epoch ms. */
export type DupCase = {
  id: string;
  /** The service type's name, e.g. "Graffiti Removal". */
  type: string;
  /** Null when the request has no usable location. */
  lat: number | null;
  long: number | null;
  /** The street as written in the address, or null when unknown. */
  address: string | null;
  description: string | null;
  openedAt: number;
  /** Null while the request is open. */
  closedAt: number | null;
};

/** One likely duplicate of a request, with why it was offered. */
export type DupCandidate = {
  id: string;
  /** 0..1, higher is more likely the same problem. */
  score: number;
  /** Null when either request has no location. */
  distanceM: number | null;
  /** For a person: e.g. ["same type", "35 m", "2 h apart", "same street"]. */
  reasons: string[];
};
