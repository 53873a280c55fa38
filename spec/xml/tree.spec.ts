import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../lib/errors.js";
import { child, childText, children, parseXmlTree } from "../../lib/xml/tree.js";

describe("parseXmlTree", () => {
  const xml = '<?xml version="1.0"?>\n<Root a="1"><!-- note --><A>one</A><B><C>x &amp; y</C><C><![CDATA[<raw>]]></C></B><A>two</A><Empty/></Root>';

  it("builds the element tree with decoded text", () => {
    const root = parseXmlTree(xml);
    expect(root.name).toBe("Root");
    expect(root.children.map((c) => c.name)).toEqual(["A", "B", "A", "Empty"]);
    expect(children(child(root, "B")!, "C").map((c) => c.text)).toEqual(["x & y", "<raw>"]);
  });

  it("has child, children and childText helpers", () => {
    const root = parseXmlTree(xml);
    expect(childText(root, "A")).toBe("one");
    expect(children(root, "A").map((c) => c.text)).toEqual(["one", "two"]);
    expect(childText(root, "Empty")).toBe("");
    expect(childText(root, "Missing")).toBeUndefined();
    expect(child(root, "Missing")).toBeUndefined();
  });

  it("keeps whitespace and namespace prefixes as written", () => {
    const root = parseXmlTree("<s:R xmlns:s='urn:x'> <s:V> v </s:V> </s:R>");
    expect(root.name).toBe("s:R");
    expect(root.text).toBe("  ");
    expect(childText(root, "s:V")).toBe(" v ");
  });

  const bad: Array<[string, string]> = [
    ["empty", ""],
    ["text only", "hello"],
    ["unclosed", "<a><b></b>"],
    ["mismatched", "<a><b></a></b>"],
    ["HTML entity", "<a>&nbsp;</a>"],
    ["DOCTYPE", '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ["two roots", "<a/><b/>"],
  ];
  for (const [name, doc] of bad) {
    it(`throws InvalidResponseError for ${name}`, () => {
      expect(() => parseXmlTree(doc)).toThrow(InvalidResponseError);
    });
  }
});
