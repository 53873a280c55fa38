import type { ConfigName } from "../../plan/nodes.js";
import type { ConfigCodec } from "./codec.js";

/** A codec stub that fails loudly (scaffolding while codecs are written; deleted after). */
export function notImplemented(name: string): ConfigCodec<unknown> {
  const fail = (): never => {
    throw new Error(`the ${name} configuration codec is not implemented yet`);
  };
  return { name: name as ConfigName, contentType: "application/xml", encode: fail, decode: fail, absentCodes: [], deleteBy: "DELETE" };
}
