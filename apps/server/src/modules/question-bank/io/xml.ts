import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A small element tree over fast-xml-parser's ordered output: enough for document.xml and QTI items. */
export type XElement = { name: string; attrs: Record<string, string>; children: XNode[] };
export type XNode = XElement | { text: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Raw = Record<string, unknown>;

function convert(nodes: unknown): XNode[] {
  if (!Array.isArray(nodes)) return [];
  const out: XNode[] = [];
  for (const node of nodes as Raw[]) {
    if (!node || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === ':@') continue;
      if (key === '#text') {
        out.push({ text: String(value ?? '') });
        continue;
      }
      if (key.startsWith('?') || key === '#comment') continue;
      const attrs: Record<string, string> = {};
      const rawAttrs = node[':@'];
      if (rawAttrs && typeof rawAttrs === 'object')
        for (const [k, v] of Object.entries(rawAttrs as Raw)) attrs[k] = String(v ?? '');
      out.push({ name: key, attrs, children: convert(value) });
    }
  }
  return out;
}

export class XmlError extends Error {}

/** Parses XML into elements; throws XmlError for malformed input or a DOCTYPE (never needed, a DoS risk). */
export function parseXml(xml: string): XElement[] {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError('DOCTYPE is not allowed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlError(`${valid.err.msg} (line ${valid.err.line})`);
  return convert(parser.parse(xml)).filter(isElement);
}

export const isElement = (n: XNode): n is XElement => 'name' in n;
/** Local name without a namespace prefix: "w:p" → "p". */
export const local = (name: string) => name.slice(name.indexOf(':') + 1);
export const elements = (e: XElement) => e.children.filter(isElement);
export const child = (e: XElement, name: string) => elements(e).find((c) => c.name === name);
export const childrenNamed = (e: XElement, name: string) => elements(e).filter((c) => c.name === name);
/** Concatenated text of all descendants. */
export function textOf(n: XNode): string {
  if (!isElement(n)) return n.text;
  return n.children.map(textOf).join('');
}
/** All descendants (depth first) with this name. */
export function descendants(e: XElement, name: string, out: XElement[] = []): XElement[] {
  for (const c of elements(e)) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

/** XML escaping for text and attribute values. */
export const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 does not allow
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
