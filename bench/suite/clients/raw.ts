/**
 * The baseline: signed node:http over a keep-alive agent with Quarry's signer, no parsing
 * beyond what counting needs, no retries (bench/support/raw-sign.ts).
 */
import { rawListCount } from "../../list/raw-list.js";
import { expectStatus, keepAliveAgent, objectPath, rawRequest, rawTarget, EMPTY_SHA256 } from "../../support/raw-sign.js";
import { rawGet, rawPut } from "../../transfer/raw-transfer.js";
import { sourceStream } from "../../transfer/source.js";
import { nodeClient } from "./in-process.js";

export const raw = nodeClient({
  name: "raw node:http",
  notes: { put: "one streamed PUT (no multipart)", remove: "per-object DELETE ×32" },
  async load() {
    const { withLatencies } = await import("./in-process.js");
    return (at) => {
      const agent = keepAliveAgent(64);
      const target = rawTarget(at);
      return {
        list: () => rawListCount(agent, target, at.bucket),
        put: (key, size) => rawPut(agent, target, at.bucket, key, sourceStream(size), size),
        get: (key) => rawGet(agent, target, at.bucket, key),
        async putSmall(key, body) {
          expectStatus(await rawRequest(agent, target, { method: "PUT", path: objectPath(at.bucket, key), body, payloadHash: "UNSIGNED-PAYLOAD" }), "PUT", 200);
        },
        async getSmall(key) {
          const res = await rawRequest(agent, target, { method: "GET", path: objectPath(at.bucket, key), payloadHash: EMPTY_SHA256 });
          expectStatus(res, "GET", 200);
          return res.body.length;
        },
        async remove(keys) {
          await withLatencies(keys.length, 32, async (i) =>
            expectStatus(await rawRequest(agent, target, { method: "DELETE", path: objectPath(at.bucket, keys[i]!), payloadHash: EMPTY_SHA256 }), "DELETE", 204),
          );
          return keys.length;
        },
        close: () => agent.destroy(),
      };
    };
  },
});
