import { describe, expect, it } from 'vitest';

import {
  escapeXmlText,
  renderXmlDocument,
} from '../../../src/server/open311/xml-writer';
import { childText, parseXml } from './xml-check';

describe('the XML writer', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXmlText(`a & b < c > d " e ' f`)).toBe(
      'a &amp; b &lt; c &gt; d &quot; e &apos; f',
    );
  });

  it('turns script into text, never markup', () => {
    const hostile = '<script>alert("x")</script><![CDATA[ ]]>&lt;';
    const xml = renderXmlDocument({
      name: 'request',
      value: [{ name: 'description', value: hostile }],
    });

    expect(xml).not.toContain('<script>');
    expect(childText(parseXml(xml), 'description')).toBe(hostile);
  });

  it('strips characters XML 1.0 forbids, keeping tab, newlines and emoji', () => {
    const text = 'a\u0000b\u0007c\u001Fd\tе\n\r🚧\uFFFE\uD800x';
    const xml = renderXmlDocument({ name: 'note', value: text });

    expect(parseXml(xml).text).toBe('abcd\tе\n\r🚧x');
  });

  it('writes null as an empty element and numbers and booleans as text', () => {
    const xml = renderXmlDocument({
      name: 'service',
      value: [
        { name: 'group', value: null },
        { name: 'lat', value: 42.35 },
        { name: 'metadata', value: false },
      ],
    });
    const root = parseXml(xml);

    expect(xml).toContain('<group/>');
    expect(childText(root, 'lat')).toBe('42.35');
    expect(childText(root, 'metadata')).toBe('false');
  });

  it('refuses element names that are not XML names', () => {
    expect(() =>
      renderXmlDocument({ name: 'bad name><x', value: 'v' }),
    ).toThrow(/not a usable XML element name/);
    expect(() => renderXmlDocument({ name: 'n', value: Number.NaN })).toThrow(
      /cannot carry/,
    );
  });

  it('is checked by a reader that catches malformed documents', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => parseXml('<a>x & y</a>')).toThrow(/entity/);
    expect(() => parseXml('<a>1 < 2</a>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow(/illegal/);
  });
});
