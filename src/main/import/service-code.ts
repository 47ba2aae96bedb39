/**
 * A stable service code for a service name that has none: its slug, e.g.
 * "Street Light Outages" -> "street-light-outages".
 */
export function serviceCodeFor(serviceName: string): string {
  const slug = serviceName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');

  return slug.length > 0 ? slug : 'unknown';
}
