import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../lib/index.js";
import { execFailure, execWords } from "../../lib/cli/find-exec.js";

describe("find --exec word splitting (no shell)", () => {
  it("splits on whitespace; quotes group; backslash escapes outside single quotes", () => {
    expect(execWords("  cp  {}   /tmp/out ")).toEqual(["cp", "{}", "/tmp/out"]);
    expect(execWords(`sh -c 'echo "$0" | wc -c' {}`)).toEqual(["sh", "-c", 'echo "$0" | wc -c', "{}"]);
    expect(execWords(`printf "a b\\"c" x\\ y ''`)).toEqual(["printf", 'a b"c', "x y", ""]);
    expect(execWords(`printf '\\n'`)).toEqual(["printf", "\\n"]);
    expect(execWords("echo $(rm -rf /) ; ls > f")).toEqual(["echo", "$(rm", "-rf", "/)", ";", "ls", ">", "f"]); // all literal argv
  });

  it("refuses an empty command, an unclosed quote and a trailing backslash", () => {
    for (const bad of ["", "   ", "echo 'open", 'echo "open', "echo \\"]) expect(() => execWords(bad)).toThrow(InvalidArgumentError);
  });

  it("describes a failure: status, signal, or why it could not start; nothing for success", () => {
    expect(execFailure(["cp", "t/b/a b"], { code: 0, signal: null })).toBeUndefined();
    expect(execFailure(["cp", "t/b/a b"], { code: 2, signal: null })).toBe('exec: cp "t/b/a b": exited with status 2');
    expect(execFailure(["x"], { code: null, signal: "SIGKILL" })).toBe("exec: x: killed by SIGKILL");
    expect(execFailure(["x"], { code: null, signal: null, error: new Error("spawn x ENOENT") })).toBe("exec: x: spawn x ENOENT");
  });
});
