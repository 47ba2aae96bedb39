import { describe, expect, it } from 'vitest';

import {
  checkExternalUrl,
  DEFAULT_ALLOWED_HOSTS,
} from '../../../src/main/web/url-policy';

const reasonFor = (url: unknown) => {
  const decision = checkExternalUrl(url);
  return decision.allowed ? null : decision.reason;
};

describe('checkExternalUrl', () => {
  it.each([
    ['https://www.boston.gov/departments/boston-311'],
    ['https://boston.gov/'],
    ['https://www.openstreetmap.org/#map=15/42.36/-71.06'],
    ['https://attachments.cityofboston.gov/2015/101001234567.jpg'],
    ['HTTPS://WWW.BOSTON.GOV/Path?q=1'],
    ['mailto:311@boston.gov'],
    ['mailto:311@boston.gov?subject=Case%20101000001&body=Hello'],
  ])('allows %s', (url) => {
    expect(checkExternalUrl(url)).toMatchObject({ allowed: true });
  });

  it('returns the normalised URL, which is what must be opened', () => {
    expect(checkExternalUrl('HTTPS://WWW.BOSTON.GOV/a/../b')).toEqual({
      allowed: true,
      url: 'https://www.boston.gov/b',
    });
  });

  it.each([
    ['http://www.boston.gov/', /http: scheme/],
    ['javascript:alert(1)', /javascript: scheme/],
    ['JaVaScRiPt:alert(1)', /javascript: scheme/],
    ['file:///etc/passwd', /file: scheme/],
    ['data:text/html,<script>alert(1)</script>', /data: scheme/],
    ['vbscript:msgbox', /vbscript: scheme/],
    ['ms-msdt:/id', /ms-msdt: scheme/],
    ['smb://boston.gov/share', /smb: scheme/],
  ])('refuses the scheme of %s', (url, reason) => {
    expect(reasonFor(url)).toMatch(reason);
  });

  it.each([
    'https://boston.gov.evil.com/',
    'https://evil.com/boston.gov',
    'https://evilboston.gov/',
    'https://mail.boston.gov/',
    'https://boston.gov./',
    'https://openstreetmap.org.attacker.net/',
  ])('refuses the look-alike or unlisted host %s', (url) => {
    expect(reasonFor(url)).toMatch(/not on the list/);
  });

  it.each([
    // Cyrillic "о" in boston, Greek omicron in openstreetmap.
    'https://bоston.gov/',
    'https://www.οpenstreetmap.org/',
    'https://xn--bston-3ve.gov/',
  ])('refuses the punycode look-alike %s', (url) => {
    expect(reasonFor(url)).toMatch(/punycode/);
  });

  it.each([
    ['https://user:pass@www.boston.gov/', /user name or password/],
    ['https://www.boston.gov@evil.com/', /user name or password/],
    ['https://token@www.boston.gov/', /user name or password/],
    ['https://www.boston.gov:8443/', /non-default port/],
    ['https://127.0.0.1/', /IP address/],
    ['https://2130706433/', /IP address/],
    ['https://0x7f.1/', /IP address/],
    ['https://[::1]/', /IP address/],
  ])('refuses %s', (url, reason) => {
    expect(reasonFor(url)).toMatch(reason);
  });

  it.each([
    ['', /empty/],
    [null, /empty or not text/],
    [42, /empty or not text/],
    [{ href: 'https://boston.gov/' }, /not text/],
    ['www.boston.gov', /not a valid absolute URL/],
    ['/relative/path', /not a valid absolute URL/],
    [' https://www.boston.gov/', /whitespace or control/],
    ['https://www.boston.gov/\u0000', /control/],
    ['java\tscript:alert(1)', /whitespace or control/],
  ])('refuses the malformed input %j', (url, reason) => {
    expect(reasonFor(url)).toMatch(reason);
  });

  it('refuses a link longer than 2048 characters', () => {
    const long = `https://www.boston.gov/${'a'.repeat(2100)}`;
    expect(reasonFor(long)).toMatch(/longer than 2048/);
    expect(reasonFor(long.slice(0, 2048))).toBeNull();
  });

  it.each([
    ['mailto:someone@evil.com', /not on the list/],
    ['mailto:311@boston.gov,victim@evil.com', /exactly one plain address/],
    ['mailto:311@boston.gov?bcc=spy@evil.com', /not "bcc"/],
    ['mailto:311@boston.gov?cc=spy@evil.com', /not "cc"/],
    ['mailto:', /exactly one plain address/],
  ])('refuses the mail link %s', (url, reason) => {
    expect(reasonFor(url)).toMatch(reason);
  });

  it('follows the allow-list it is given instead of the default', () => {
    expect(checkExternalUrl('https://example.org/', ['example.org'])).toEqual({
      allowed: true,
      url: 'https://example.org/',
    });
    expect(
      checkExternalUrl('https://www.boston.gov/', ['example.org']).allowed,
    ).toBe(false);
    expect(DEFAULT_ALLOWED_HOSTS).toContain('www.boston.gov');
  });
});
