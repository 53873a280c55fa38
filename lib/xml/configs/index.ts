import type { ConfigName } from "../../plan/nodes.js";
import type { ConfigCodec } from "./codec.js";
import { encryptionCodec } from "./encryption.js";
import { legalHoldCodec } from "./legal-hold.js";
import { lifecycleCodec } from "./lifecycle.js";
import { notificationCodec } from "./notification.js";
import { objectLockCodec } from "./object-lock.js";
import { policyCodec } from "./policy.js";
import { replicationCodec } from "./replication.js";
import { retentionCodec } from "./retention.js";
import { bucketTagsCodec, objectTagsCodec } from "./tags.js";
import { versioningCodec } from "./versioning.js";

export { SUBRESOURCE, type ConfigCodec } from "./codec.js";
export {
  encryptionCodec, legalHoldCodec, lifecycleCodec, notificationCodec, objectLockCodec, policyCodec,
  replicationCodec, retentionCodec, bucketTagsCodec, objectTagsCodec, versioningCodec,
};

/** Every configuration's codec, by name (the executor decodes responses with these). */
export const CONFIG_CODECS: Readonly<Record<ConfigName, ConfigCodec<unknown, never, unknown>>> = {
  versioning: versioningCodec,
  policy: policyCodec,
  notification: notificationCodec,
  encryption: encryptionCodec,
  replication: replicationCodec,
  lifecycle: lifecycleCodec,
  bucketTags: bucketTagsCodec,
  objectLock: objectLockCodec,
  objectTags: objectTagsCodec,
  retention: retentionCodec,
  legalHold: legalHoldCodec,
};
