export { checkBucketName } from "./bucket-name.js";
export { checkObjectName } from "./object-name.js";
export { checkInteger } from "./numbers.js";
export { checkRegion } from "./region.js";
export { checkRetainUntilAhead } from "./retention.js";
export { checkAppInfo, checkOptionalBoolean, checkOptionalHeaderText, checkRetryOptions, checkTransportOptions } from "./client-options.js";
export { checkChecksumFlag, checkChecksumSetting } from "./checksum.js";
