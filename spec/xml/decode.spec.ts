import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../lib/errors.js";
import { formDecode, parseFormPairs } from "../../lib/xml/decode.js";

describe("formDecode", () => {
  it("turns + into space before percent-decoding", () => {
    expect(formDecode("a+b")).toBe("a b");
    expect(formDecode("a%2Bb")).toBe("a+b");
    expect(formDecode("100%25+sure")).toBe("100% sure");
    expect(formDecode("%E2%82%AC%0A")).toBe("€\n");
    expect(formDecode("plain/key.txt")).toBe("plain/key.txt");
  });

  it("refuses malformed escapes", () => {
    expect(() => formDecode("%E2%82")).toThrow(InvalidResponseError);
    expect(() => formDecode("%zz")).toThrow(InvalidResponseError);
  });
});

describe("parseFormPairs", () => {
  it("parses k=v&k2=v2 with form decoding", () => {
    expect(parseFormPairs("a=1&b=two+words&c=x%26y%3Dz&flag&=empty")).toEqual({ a: "1", b: "two words", c: "x&y=z", flag: "", "": "empty" });
    expect(parseFormPairs("")).toEqual({});
  });
});
