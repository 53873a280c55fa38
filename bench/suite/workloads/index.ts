/** Every workload, in report order. */
import { list } from "./list.js";
import { listBig } from "./list-big.js";
import { remove } from "./remove.js";
import { presign, sign } from "./sign.js";
import { getSmall, putSmall } from "./small.js";
import { getLargeObject, getParallel, putLargeObject } from "./transfer.js";
import type { Workload } from "../types.js";

export const WORKLOADS: readonly Workload[] = [list, listBig, putLargeObject, getLargeObject, getParallel, putSmall, getSmall, remove, sign, presign];
