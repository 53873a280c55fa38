import { InvalidArgumentError } from "../errors.js";
import { freezeNode, type ConfigTarget, type DeleteConfigNode, type GetConfigNode, type PutConfigNode } from "../plan/nodes.js";
import type { PlanRunner } from "../plan/runner.js";
import type { ConfigCodec } from "../xml/configs/codec.js";
import { requestHeaders } from "./headers.js";
import type { SignalOption } from "./object-ref.js";

/** Options of {@link ConfigRef.set}. */
export interface ConfigSetOptions extends SignalOption {
  /** Extra request headers (e.g. `x-amz-bypass-governance-retention` for retention). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One configuration of a bucket or object — lifecycle, versioning, tags, retention, … —
 * with `get()`, `set()` and `delete()`. One generic class, parametrised by the
 * configuration's codec. Immutable, no I/O until a terminal call.
 *
 * @typeParam T - the model `get()` decodes
 * @typeParam In - what `set()` accepts
 * @typeParam G - what `get()` resolves to (`T | null` when the configuration may be absent)
 */
export class ConfigRef<T, In = T, G = T | null> {
  readonly #runner: PlanRunner;
  readonly #target: ConfigTarget;
  readonly #codec: ConfigCodec<T, In, G>;

  /** @internal Use the configuration methods of BucketRef and ObjectRef. */
  constructor(runner: PlanRunner, target: ConfigTarget, codec: ConfigCodec<T, In, G>) {
    this.#runner = runner;
    this.#target = Object.freeze({ ...target });
    this.#codec = codec;
  }

  /** The plan `get()`, `set(value)` or `delete()` runs. */
  explain(operation: "get"): GetConfigNode;
  explain(operation: "set", value: In, options?: ConfigSetOptions): PutConfigNode;
  explain(operation: "delete"): GetConfigNode | PutConfigNode | DeleteConfigNode;
  explain(operation: "get" | "set" | "delete", value?: In, options: ConfigSetOptions = {}): GetConfigNode | PutConfigNode | DeleteConfigNode {
    if (operation === "get") return freezeNode({ kind: "GetConfig", ...this.#target, config: this.#codec.name });
    if (operation === "set") return this.#put(this.#codec.encode(value as In), options.headers);
    const by = this.#codec.deleteBy;
    if (by === "none") throw new InvalidArgumentError(`the ${this.#codec.name} configuration cannot be deleted, only changed`);
    if (by === "DELETE") return freezeNode({ kind: "DeleteConfig", ...this.#target, config: this.#codec.name });
    return this.#put(by.put());
  }

  #put(body: string, headers: Readonly<Record<string, string>> = {}): PutConfigNode {
    return freezeNode({
      kind: "PutConfig",
      ...this.#target,
      config: this.#codec.name,
      body,
      contentType: this.#codec.contentType,
      headers: requestHeaders(headers),
    });
  }

  /** Reads the configuration (resolves to null when there is none, where the seed does). */
  async get(options: SignalOption = {}): Promise<G> {
    return (await this.#runner.run(this.explain("get"), { signal: options.signal })) as G;
  }

  /** Replaces the configuration. */
  async set(value: In, options: ConfigSetOptions = {}): Promise<void> {
    await this.#runner.run(this.explain("set", value, options), { signal: options.signal });
  }

  /** Removes the configuration. */
  async delete(options: SignalOption = {}): Promise<void> {
    await this.#runner.run(this.explain("delete"), { signal: options.signal });
  }
}
