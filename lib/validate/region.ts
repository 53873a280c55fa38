import { InvalidArgumentError } from "../errors.js";

const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/i;

/** Checks a region name such as `us-east-1` (letters, digits and hyphens, at most 63). */
export function checkRegion(region: unknown): asserts region is string {
  if (typeof region !== "string" || !REGION.test(region)) {
    throw new InvalidArgumentError(`invalid region ${JSON.stringify(region)}: use letters, digits and hyphens, e.g. "us-east-1"`);
  }
}
