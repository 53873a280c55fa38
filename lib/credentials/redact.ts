/** Replaces every occurrence of each non-empty secret in `text` with `[hidden]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join("[hidden]");
  return out;
}
