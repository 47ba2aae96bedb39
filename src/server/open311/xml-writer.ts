// A tiny XML 1.0 writer for the Open311 answers. Text is always escaped,
// so user text (say, "<script>") comes out as characters, never as markup.

export type XmlValue = string | number | boolean | null | XmlElement[];
export type XmlElement = { name: string; value: XmlValue };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Characters XML 1.0 forbids anywhere, lone surrogates included. */
const ILLEGAL =
  // eslint-disable-next-line no-control-regex
  /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Anything the slow path would change; surrogate pairs included. */
const NEEDS_WORK =
  // eslint-disable-next-line no-control-regex
  /[&<>"']|[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD]/;

export function escapeXmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;

  return text.replace(ILLEGAL, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function renderValue(value: XmlValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(renderElement).join('');
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`XML cannot carry the number ${value}`);
  }

  return escapeXmlText(String(value));
}

function renderElement(element: XmlElement): string {
  // Names come from our code, never from input; a bad one is a bug here.
  if (!NAME.test(element.name)) {
    throw new Error(`"${element.name}" is not a usable XML element name`);
  }
  const body = renderValue(element.value);

  return body === ''
    ? `<${element.name}/>`
    : `<${element.name}>${body}</${element.name}>`;
}

/** A whole document: the declaration and one root element. */
export function renderXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderElement(root)}\n`;
}

/** A flat record as child elements, in the record's key order. */
export function recordElements(record: Record<string, XmlValue>): XmlElement[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}
