/**
 * A tiny element tree for SMALL XML documents (bucket lists, locations, error bodies,
 * configurations). Listings, which can be large, use the streaming parser instead.
 */
import sax from "sax";
import { malformed } from "./decode.js";

/** An XML element: its name as written, its direct text and its child elements. */
export interface XmlElement {
  /** Element name as written (prefix included, no namespace processing). */
  readonly name: string;
  /** Concatenated text and CDATA directly inside this element (entity-decoded, untrimmed). */
  readonly text: string;
  /** Child elements in document order. */
  readonly children: XmlElement[];
}

interface Building {
  name: string;
  text: string;
  children: XmlElement[];
}

/**
 * Parses a whole document into a tree of elements; attributes, comments and
 * processing instructions are dropped.
 * @returns The root element.
 * @throws InvalidResponseError if the document is malformed or has a DOCTYPE.
 */
export function parseXmlTree(xml: string): XmlElement {
  // strictEntities: only the five XML entities (sax otherwise accepts HTML ones).
  const options = { position: false, strictEntities: true };
  const parser = sax.parser(true, options);
  const stack: Building[] = [];
  let root: Building | undefined;
  let failure: string | undefined;
  parser.onerror = (err) => {
    failure ??= err.message;
  };
  parser.ondoctype = () => {
    failure ??= "DOCTYPE is not allowed";
  };
  parser.onopentag = (tag) => {
    const el: Building = { name: tag.name, text: "", children: [] };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root === undefined) root = el;
    else failure ??= `a second root element <${tag.name}>`; // sax accepts it
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = parser.oncdata = (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  try {
    parser.write(xml).close();
  } catch (err) {
    failure ??= (err as Error).message;
  }
  if (failure !== undefined) throw malformed(`malformed XML: ${failure.split("\n")[0]}`);
  if (root === undefined) throw malformed("malformed XML: no root element");
  return root;
}

/** The first child element named `name`, if any. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** All child elements named `name`. */
export function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The text of the first child element named `name`, if there is one. */
export function childText(el: XmlElement, name: string): string | undefined {
  return child(el, name)?.text;
}
