// A small Atom 1.0 writer (RFC 4287): a feed and its entries as plain data in, one XML document
// out. Every text from the data goes through `xml`, so a title with "<" or "&", or a note that
// holds "]]>", cannot end the element it is in, and characters XML 1.0 forbids (NUL, most control
// characters, lone surrogates) are dropped rather than making the whole feed unreadable.
import { escape } from './ogc/html.ts';

export const ATOM = 'application/atom+xml; charset=utf-8';

export interface AtomLink {
  href: string;
  rel: 'self' | 'alternate' | 'related';
  type?: string;
  title?: string;
}

export interface AtomEntry {
  /** an IRI that never changes for this entry */
  id: string;
  title: string;
  /** RFC 3339 */
  updated: string;
  published?: string;
  links: AtomLink[];
  /** an HTML fragment; written escaped, as content type="html" */
  html: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  author: { name: string; uri?: string };
  links: AtomLink[];
  rights?: string;
  entries: AtomEntry[];
}

// What XML 1.0 §2.2 does not allow anywhere, not even escaped.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text or attribute value, escaped for XML. */
export function xml(value: unknown): string {
  return escape(String(value ?? '').replace(NOT_XML, ''));
}

const link = (l: AtomLink) =>
  `<link rel="${l.rel}" href="${xml(l.href)}"${l.type ? ` type="${xml(l.type)}"` : ''}${l.title ? ` title="${xml(l.title)}"` : ''}/>`;

function entry(e: AtomEntry): string {
  return [
    '<entry>',
    `<id>${xml(e.id)}</id>`,
    `<title type="text">${xml(e.title)}</title>`,
    `<updated>${xml(e.updated)}</updated>`,
    ...(e.published ? [`<published>${xml(e.published)}</published>`] : []),
    ...e.links.map(link),
    `<content type="html">${xml(e.html)}</content>`,
    '</entry>',
  ].join('\n');
}

export function atomFeed(f: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="bg">',
    `<id>${xml(f.id)}</id>`,
    `<title type="text">${xml(f.title)}</title>`,
    ...(f.subtitle ? [`<subtitle type="text">${xml(f.subtitle)}</subtitle>`] : []),
    `<updated>${xml(f.updated)}</updated>`,
    `<author><name>${xml(f.author.name)}</name>${f.author.uri ? `<uri>${xml(f.author.uri)}</uri>` : ''}</author>`,
    ...f.links.map(link),
    ...(f.rights ? [`<rights type="text">${xml(f.rights)}</rights>`] : []),
    '<generator>piro-map</generator>',
    ...f.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
