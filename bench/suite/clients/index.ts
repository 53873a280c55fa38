/** Every contestant, in table order. Quarry first; the raw baseline last. */
import { awsSdk } from "./aws-sdk.js";
import { bun, mc, minioPy, obstore, s5cmd } from "./external.js";
import { minioJs } from "./minio-js.js";
import { quarry } from "./quarry.js";
import { raw } from "./raw.js";
import { s3mini } from "./s3mini.js";
import type { Client } from "../types.js";

export const CLIENTS: readonly Client[] = [quarry, minioJs, awsSdk, s3mini, bun, minioPy, obstore, s5cmd, mc, raw];
