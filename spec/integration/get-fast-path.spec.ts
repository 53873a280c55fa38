/**
 * object.get()'s fast path: a body that never fails is handed through without the resuming
 * machinery, so its socket goes back to the keep-alive pool when read to the end, and the
 * ways a body stops early (consumer destroy, caller's abort) still free the socket.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { S3 } from "../../lib/index.js";
import { closed, socketOf } from "../support/sockets.js";
import { drain, plainClient, tempBucket } from "./support.js";

const MiB = 1024 * 1024;

describe("object.get() fast path", () => {
  let s3: S3;
  let t: Awaited<ReturnType<typeof tempBucket>>;
  const small = randomBytes(4096);
  const big = randomBytes(8 * MiB);
  beforeAll(async () => {
    s3 = plainClient();
    t = await tempBucket(s3, "getfast");
    await t.bucket.object("small.bin").put(small);
    await t.bucket.object("big.bin").put(big);
  });
  afterAll(async () => {
    await t.cleanup();
    s3.close();
  });

  it("a body read to its end keeps its socket: the next GET reuses it", async () => {
    const first = await socketOf(() => t.bucket.object("small.bin").get());
    expect((await drain(first.value)).equals(small)).toBe(true);
    expect(first.value.destroyed || first.value.readableEnded).toBe(true);
    const second = await socketOf(() => t.bucket.object("small.bin").get());
    expect((await drain(second.value)).equals(small)).toBe(true);
    expect(second.socket).toBe(first.socket);
    expect(first.socket.destroyed).toBe(false);
  });

  it("many small GETs in flight each deliver their own bytes", async () => {
    const bodies = await Promise.all(Array.from({ length: 64 }, () => t.bucket.object("small.bin").get().then(drain)));
    for (const b of bodies) expect(b.equals(small)).toBe(true);
  });

  it("a body destroyed half-read destroys its socket; the client keeps working", async () => {
    const { value: body, socket } = await socketOf(() => t.bucket.object("big.bin").get());
    let got = 0;
    for await (const chunk of body) {
      got += (chunk as Buffer).length;
      if (got >= MiB) break; // for-await's break destroys the stream
    }
    await closed(socket);
    expect(body.destroyed).toBe(true);
    expect(got).toBeLessThan(big.length);
    expect((await drain(await t.bucket.object("small.bin").get())).equals(small)).toBe(true);
  });

  it("the caller's abort mid-body fails the stream with its reason and frees the socket", async () => {
    const ac = new AbortController();
    const { value: body, socket } = await socketOf(() => t.bucket.object("big.bin").get({ signal: ac.signal }));
    const reason = new Error("stop reading");
    const read = (async () => {
      let got = 0;
      for await (const chunk of body) {
        got += (chunk as Buffer).length;
        if (got >= MiB && !ac.signal.aborted) ac.abort(reason);
      }
    })();
    await expect(read).rejects.toBe(reason);
    await closed(socket);
    expect(body.destroyed).toBe(true);
  });
});
