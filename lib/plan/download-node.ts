/**
 * Plan node of a download to a local file. (Scaffolding: the download work fills it in.)
 */

/** Downloads an object to a file through a temp file renamed when complete. */
export interface DownloadObjectNode {
  readonly kind: "DownloadObject";
  readonly bucket: string;
  readonly key: string;
  readonly filePath: string;
}
