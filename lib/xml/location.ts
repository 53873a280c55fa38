/**
 * GetBucketLocation responses: `<LocationConstraint>region</LocationConstraint>`.
 */
import { malformed } from "./decode.js";
import { parseXmlTree } from "./tree.js";

/** Legacy location constraints and the regions they stand for. */
const LEGACY: Readonly<Record<string, string>> = { EU: "eu-west-1" };

/**
 * Parses a GetBucketLocation body into a region: an empty constraint means
 * `us-east-1`, the legacy `EU` means `eu-west-1`.
 * @throws InvalidResponseError if the body is malformed or its root is not `LocationConstraint`.
 */
export function parseLocation(xml: string): string {
  const root = parseXmlTree(xml);
  if (root.name !== "LocationConstraint") throw malformed(`unexpected root element <${root.name}> in a location response`);
  const region = root.text.trim();
  if (region === "") return "us-east-1";
  return Object.hasOwn(LEGACY, region) ? LEGACY[region] : region;
}
