/**
 * Content types guessed from a file's extension, for `ObjectRef.upload` — a small built-in
 * table (no dependency); anything else is application/octet-stream.
 */
const TYPES: Readonly<Record<string, string>> = {
  txt: "text/plain", text: "text/plain", log: "text/plain", md: "text/markdown", csv: "text/csv", tsv: "text/tab-separated-values",
  html: "text/html", htm: "text/html", css: "text/css", js: "text/javascript", mjs: "text/javascript", xml: "application/xml",
  json: "application/json", yaml: "application/yaml", yml: "application/yaml", pdf: "application/pdf", zip: "application/zip",
  gz: "application/gzip", tgz: "application/gzip", tar: "application/x-tar", bz2: "application/x-bzip2", xz: "application/x-xz",
  zst: "application/zstd", "7z": "application/x-7z-compressed", wasm: "application/wasm", parquet: "application/vnd.apache.parquet",
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", webp: "image/webp", svg: "image/svg+xml",
  ico: "image/vnd.microsoft.icon", bmp: "image/bmp", tif: "image/tiff", tiff: "image/tiff", avif: "image/avif",
  mp3: "audio/mpeg", wav: "audio/wav", ogg: "audio/ogg", flac: "audio/flac", m4a: "audio/mp4",
  mp4: "video/mp4", webm: "video/webm", mov: "video/quicktime", mkv: "video/x-matroska", avi: "video/x-msvideo",
  woff: "font/woff", woff2: "font/woff2", ttf: "font/ttf", otf: "font/otf",
  doc: "application/msword", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint", pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};

/** The content type of a path by its extension (case-insensitive), or application/octet-stream. */
export function guessContentType(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return "application/octet-stream";
  return TYPES[base.slice(dot + 1).toLowerCase()] ?? "application/octet-stream";
}
