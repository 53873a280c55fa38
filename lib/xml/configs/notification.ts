/**
 * Bucket notification: `NotificationConfiguration` ⇄ {@link NotificationConfig}.
 */
import { create } from "xmlbuilder2";
import { InvalidArgumentError } from "../../errors.js";
import {
  CloudFuncConfig, NotificationConfig, PrefixFilterRule, QueueConfig, SuffixFilterRule, TopicConfig,
  type NotificationTargetConfig, type NotificationTargetKind, type NotificationTargetOptions,
} from "../../model/notification.js";
import { S3_XMLNS } from "../create-bucket.js";
import { malformed } from "../decode.js";
import { child, childText, children, parseXmlTree, type XmlElement } from "../tree.js";
import type { ConfigCodec } from "./codec.js";
import { literal, NOT_XML } from "../literal-text.js";

/** Element names of each target kind: the configuration element and its ARN element. */
const ELEMENTS: Readonly<Record<NotificationTargetKind, readonly [config: string, arn: string]>> = {
  queue: ["QueueConfiguration", "Queue"],
  topic: ["TopicConfiguration", "Topic"],
  cloudFunc: ["CloudFunctionConfiguration", "CloudFunction"],
};

/** An xmlbuilder2 element under construction. */
type XmlNode = ReturnType<typeof create>;


function encodeTarget(parent: XmlNode, target: NotificationTargetConfig): void {
  const [configName, arnName] = ELEMENTS[target.kind];
  const texts = [target.arn, target.configId ?? "", target.prefixFilterRule?.value ?? "", target.suffixFilterRule?.value ?? "", ...target.events];
  const bad = texts.find((t) => NOT_XML.test(t));
  if (bad !== undefined) throw new InvalidArgumentError(`${JSON.stringify(bad)} has a character XML cannot carry`);
  const el = parent.ele(configName);
  if (target.configId !== null) el.ele("Id").txt(literal(target.configId));
  el.ele(arnName).txt(literal(target.arn));
  for (const event of target.events) el.ele("Event").txt(literal(event));
  const rules = [target.prefixFilterRule, target.suffixFilterRule].filter((r) => r !== null);
  if (rules.length === 0) return;
  const key = el.ele("Filter").ele("S3Key");
  for (const rule of rules) key.ele("FilterRule").ele("Name").txt(rule.name).up().ele("Value").txt(literal(rule.value));
}

function encode(value: NotificationConfig): string {
  if (!(value instanceof NotificationConfig)) throw new InvalidArgumentError("notification().set() needs a NotificationConfig");
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(S3_XMLNS, "NotificationConfiguration");
  for (const target of [...value.queueConfigList, ...value.topicConfigList, ...value.cloudFuncConfigList]) encodeTarget(root, target);
  return root.end();
}

/** `Filter/S3Key/FilterRule`s → the two rules; names are matched case-insensitively (AWS answers `Prefix`). */
function decodeFilter(el: XmlElement): Pick<NotificationTargetOptions, "prefixFilterRule" | "suffixFilterRule"> {
  const filter = child(el, "Filter");
  const key = filter && child(filter, "S3Key");
  let prefixFilterRule: PrefixFilterRule | undefined;
  let suffixFilterRule: SuffixFilterRule | undefined;
  for (const rule of key ? children(key, "FilterRule") : []) {
    const name = childText(rule, "Name")?.trim().toLowerCase();
    const value = childText(rule, "Value") ?? "";
    if (name === "prefix" && prefixFilterRule === undefined) prefixFilterRule = new PrefixFilterRule(value);
    else if (name === "suffix" && suffixFilterRule === undefined) suffixFilterRule = new SuffixFilterRule(value);
    else if (name === "prefix" || name === "suffix") throw malformed(`two ${name} filter rules in <${el.name}>`);
    else throw malformed(`unknown filter rule name ${JSON.stringify(name ?? null)} in <${el.name}>`);
  }
  return { prefixFilterRule, suffixFilterRule };
}

function decodeTarget(el: XmlElement, arnName: string): [string, string[], NotificationTargetOptions] {
  const arn = childText(el, arnName)?.trim();
  if (!arn) throw malformed(`<${el.name}> without <${arnName}>`);
  const events = children(el, "Event").map((e) => e.text.trim());
  const configId = childText(el, "Id")?.trim() || null;
  return [arn, events, { configId, ...decodeFilter(el) }];
}

function decode(body: string): NotificationConfig {
  if (body.trim() === "") return new NotificationConfig();
  const root = parseXmlTree(body);
  if (root.name !== "NotificationConfiguration") throw malformed(`unexpected root element <${root.name}> in a notification configuration`);
  const all = (kind: NotificationTargetKind) => children(root, ELEMENTS[kind][0]).map((el) => decodeTarget(el, ELEMENTS[kind][1]));
  try {
    return new NotificationConfig({
      queueConfigList: all("queue").map((args) => new QueueConfig(...args)),
      topicConfigList: all("topic").map((args) => new TopicConfig(...args)),
      cloudFuncConfigList: all("cloudFunc").map((args) => new CloudFuncConfig(...args)),
    });
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw malformed(`invalid notification configuration: ${err.message}`);
    throw err;
  }
}

/**
 * Bucket notification. `get()` always resolves to a config — an empty one for a bucket
 * without notifications, as in the seed; `delete()` sets an empty configuration.
 */
export const notificationCodec: ConfigCodec<NotificationConfig, NotificationConfig, NotificationConfig> = {
  name: "notification",
  contentType: "application/xml",
  encode,
  decode,
  absentCodes: [],
  absent: () => new NotificationConfig(),
  deleteBy: { put: () => encode(new NotificationConfig()) },
};
