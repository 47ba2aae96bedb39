// Turns what went wrong during an update into a sentence for the person at
// the console: what happened, and what to do about it.

export class UpdateError extends Error {
  constructor(
    message: string,
    readonly code:
      'unreachable' | 'http' | 'feed' | 'checksum' | 'size' | 'download',
  ) {
    super(message);
    this.name = 'UpdateError';
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the server name was not found',
  EAI_AGAIN: 'the server name could not be looked up',
  ETIMEDOUT: 'it did not answer in time',
  ECONNRESET: 'the connection was cut',
  EHOSTUNREACH: 'the network cannot reach it',
  ENETUNREACH: 'the network is down',
  CERT_HAS_EXPIRED: 'its certificate has expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate could not be verified',
};

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;

  return cause === undefined ? undefined : codeOf(cause);
}

/** A network failure reaching the feed, in words. */
export function unreachable(feedUrl: string, error: unknown): UpdateError {
  const code = codeOf(error);
  const why = (code && NETWORK_CODES[code]) ?? 'the request failed';

  return new UpdateError(
    `Could not reach the update server at ${feedUrl} (${why}). ` +
      'Check the network connection; if it keeps failing, ask IT whether ' +
      'the update address is right.',
    'unreachable',
  );
}

/**
 * Any error, from our feed code or from electron-updater, as one sentence.
 * electron-updater's checksum error carries the code ERR_CHECKSUM_MISMATCH.
 */
export function describeUpdateError(
  error: unknown,
  feedUrl: string,
  version: string | null = null,
): string {
  if (error instanceof UpdateError) return error.message;

  const code = codeOf(error);
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_CHECKSUM_MISMATCH' || /checksum mismatch/i.test(text)) {
    return checksumMessage(version);
  }
  if (code !== undefined && code in NETWORK_CODES) {
    return unreachable(feedUrl, error).message;
  }
  if (/HttpError: 404|status 404|404 Not Found/i.test(text)) {
    return (
      `The update server at ${feedUrl} has no update information ` +
      '(HTTP 404); ask IT to check the update address.'
    );
  }

  const firstLine = text.split('\n')[0]?.slice(0, 200) ?? 'unknown error';

  return `The update failed: ${firstLine}. StreetDesk will try again later.`;
}

export function checksumMessage(version: string | null): string {
  const which =
    version === null ? 'The downloaded update' : `Update ${version}`;

  return (
    `${which} does not match the checksum the update server published, ` +
    'so it was thrown away and will not be installed. Tell IT: the file ' +
    'on the update server may be damaged or tampered with.'
  );
}
