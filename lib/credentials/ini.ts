/**
 * The INI dialect of the AWS shared config and credentials files: `[section]` headers
 * (`[profile name]` in the config file), `key = value` lines, `#` and `;` comment lines.
 * Indented lines (nested sub-settings) are skipped.
 */

/** Sections by name (a `profile ` prefix removed), each a map of lower-cased keys to values. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s/.test(raw)) continue;
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[\s*(?:profile\s+)?([^\]]*?)\s*\]$/.exec(line);
    if (header) {
      const name = header[1];
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0 || !current) continue;
    current.set(line.slice(0, eq).trim().toLowerCase(), line.slice(eq + 1).trim());
  }
  return sections;
}
