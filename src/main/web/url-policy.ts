// Which links the console may hand to the operating system's browser or
// mail client. A dispatcher clicks links that come from 311 data, so every
// URL is treated as hostile: only https to a short list of exact hosts, and
// mailto to those same domains, get through.

export type UrlDecision =
  { allowed: true; url: string } | { allowed: false; reason: string };

export const DEFAULT_ALLOWED_HOSTS: readonly string[] = [
  'boston.gov',
  'www.boston.gov',
  'openstreetmap.org',
  'www.openstreetmap.org',
  // Where Boston's 311 keeps the photos residents attach to reports.
  'attachments.cityofboston.gov',
];

const MAX_URL_LENGTH = 2048;

const MAILTO_QUERY_KEYS = new Set(['subject', 'body']);

const refuse = (reason: string): UrlDecision => ({ allowed: false, reason });

/**
 * Decides whether `raw` may be opened outside the app. Returns the URL as
 * the parser normalised it, which is what must be opened (never `raw`).
 */
export function checkExternalUrl(
  raw: unknown,
  allowedHosts: readonly string[] = DEFAULT_ALLOWED_HOSTS,
): UrlDecision {
  if (typeof raw !== 'string' || raw.length === 0) {
    return refuse('the link is empty or not text');
  }
  if (raw.length > MAX_URL_LENGTH) {
    return refuse(`the link is longer than ${MAX_URL_LENGTH} characters`);
  }
  // Control characters and whitespace are how scheme tricks get smuggled.
  if (/[\s\p{Cc}]/u.test(raw)) {
    return refuse('the link contains whitespace or control characters');
  }

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('the link is not a valid absolute URL');
  }

  if (url.protocol === 'https:') return checkHttps(url, allowedHosts);
  if (url.protocol === 'mailto:') return checkMailto(url, allowedHosts);

  return refuse(
    `links with the ${url.protocol} scheme are not opened; only https and mailto are`,
  );
}

function checkHttps(url: URL, allowedHosts: readonly string[]): UrlDecision {
  if (url.username !== '' || url.password !== '') {
    return refuse('the link carries a user name or password');
  }
  if (url.port !== '') {
    return refuse(`the link uses a non-default port (${url.port})`);
  }

  const hostProblem = checkHost(url.hostname, allowedHosts);
  if (hostProblem !== null) return refuse(hostProblem);

  return { allowed: true, url: url.href };
}

function checkMailto(url: URL, allowedHosts: readonly string[]): UrlDecision {
  let address: string;
  try {
    address = decodeURIComponent(url.pathname);
  } catch {
    return refuse('the mail address is not validly encoded');
  }

  const match = /^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9.-]{1,253})$/.exec(address);
  if (match === null || match[1] === undefined) {
    return refuse('a mail link must name exactly one plain address');
  }
  const hostProblem = checkHost(match[1].toLowerCase(), allowedHosts);
  if (hostProblem !== null) return refuse(hostProblem);

  for (const key of url.searchParams.keys()) {
    if (!MAILTO_QUERY_KEYS.has(key.toLowerCase())) {
      return refuse(`a mail link may only set subject and body, not "${key}"`);
    }
  }

  return { allowed: true, url: url.href };
}

function checkHost(
  hostname: string,
  allowedHosts: readonly string[],
): string | null {
  if (isIpLiteral(hostname)) {
    return `the link points at an IP address (${hostname}), not a named host`;
  }
  // The parser turns Unicode hosts into punycode; a look-alike of an allowed
  // host ends up here as xn--, which is never on the list.
  if (hostname.split('.').some((label) => label.startsWith('xn--'))) {
    return `the host ${hostname} is an internationalised (punycode) name`;
  }
  if (!allowedHosts.includes(hostname)) {
    return `the host ${hostname} is not on the list of sites the console opens`;
  }
  return null;
}

function isIpLiteral(hostname: string): boolean {
  if (hostname.startsWith('[')) return true;
  return /^[0-9.]+$/.test(hostname) || /^0x/i.test(hostname);
}
