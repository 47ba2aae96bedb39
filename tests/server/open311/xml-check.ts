// A small, strict XML reader for the tests: it accepts only well-formed
// documents of the kind our writer makes (elements and text, no attributes)
// and throws, naming the position, on anything else.

export type XmlNode = { name: string; children: XmlNode[]; text: string };

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function isNameChar(c: string, first: boolean): boolean {
  const letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
  if (first) return letter;

  return letter || (c >= '0' && c <= '9') || c === '-' || c === '.';
}

function isLegalXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

export function parseXml(xml: string): XmlNode {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`XML not well-formed at ${at}: ${why}`);
  };

  for (const char of xml) {
    const code = char.codePointAt(0)!;
    if (!isLegalXmlChar(code)) fail(`illegal character U+${code.toString(16)}`);
    if (code >= 0xd800 && code <= 0xdfff) fail('lone surrogate');
  }

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated declaration');
    at = end + 2;
  }

  const skipSpace = () => {
    while (at < xml.length && ' \t\r\n'.includes(xml[at]!)) at += 1;
  };

  const readName = (): string => {
    const start = at;
    if (!isNameChar(xml[at] ?? '', true)) fail('expected a name');
    while (at < xml.length && isNameChar(xml[at]!, false)) at += 1;
    return xml.slice(start, at);
  };

  const readText = (): string => {
    let text = '';
    while (at < xml.length && xml[at] !== '<') {
      const c = xml[at]!;
      if (c === '>') fail('raw ">" in text');
      if (c === '"' || c === "'") fail('raw quote in text');
      if (c !== '&') {
        text += c;
        at += 1;
        continue;
      }
      const end = xml.indexOf(';', at);
      if (end < 0 || end - at > 10) fail('unterminated entity');
      const entity = xml.slice(at + 1, end);
      if (entity in ENTITIES) text += ENTITIES[entity];
      else if (/^#\d+$/.test(entity))
        text += String.fromCodePoint(Number(entity.slice(1)));
      else if (/^#x[0-9a-fA-F]+$/.test(entity)) {
        text += String.fromCodePoint(parseInt(entity.slice(2), 16));
      } else fail(`unknown entity &${entity};`);
      at = end + 1;
    }
    return text;
  };

  const readElement = (): XmlNode => {
    if (xml[at] !== '<') fail('expected "<"');
    at += 1;
    const node: XmlNode = { name: readName(), children: [], text: '' };
    if (xml.startsWith('/>', at)) {
      at += 2;
      return node;
    }
    if (xml[at] !== '>') fail(`attributes or junk in <${node.name}>`);
    at += 1;

    for (;;) {
      node.text += readText();
      if (at >= xml.length) fail(`<${node.name}> is never closed`);
      if (xml.startsWith('</', at)) {
        at += 2;
        const name = readName();
        if (name !== node.name) fail(`</${name}> closes <${node.name}>`);
        if (xml[at] !== '>') fail('expected ">"');
        at += 1;
        return node;
      }
      node.children.push(readElement());
    }
  };

  skipSpace();
  const root = readElement();
  skipSpace();
  if (at !== xml.length) fail('content after the root element');

  return root;
}

export function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (found === undefined) throw new Error(`<${node.name}> has no <${name}>`);

  return found;
}

export const childText = (node: XmlNode, name: string) =>
  child(node, name).text;
