/**
 * The STS exchange shared by the AssumeRole* providers: a form-encoded POST, optionally
 * SigV4-signed for service `sts`, and the XML answer turned into credentials or into a
 * CredentialsError carrying the STS error code.
 */
import { CredentialsError, InvalidArgumentError } from "../errors.js";
import { sha256Hex, signRequest } from "../sign/sigv4.js";
import { uriEncode } from "../sign/uri-encode.js";
import { childText, parseXmlTree, type XmlElement, child } from "../xml/tree.js";
import { CredentialsValue } from "./credentials-value.js";
import { describeUrl, httpCall, type CredentialsTls } from "./http-call.js";
import { redact } from "./redact.js";

/** The STS API version every call names. */
export const STS_VERSION = "2011-06-15";

/** Bounds of `DurationSeconds` that STS accepts (15 minutes to 7 days; AWS caps AssumeRole at 12 h). */
export const MIN_DURATION_SECONDS = 900;
/** Upper bound of `DurationSeconds`. */
export const MAX_DURATION_SECONDS = 7 * 24 * 3600;
/** `DurationSeconds` asked for when none is given. */
export const DEFAULT_DURATION_SECONDS = 3600;

/** Options every STS-backed provider accepts. */
export interface StsOptions {
  /** Extra CA certificate(s), PEM, trusted for an HTTPS STS endpoint. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Deadline of one STS exchange in ms (default 10 000). */
  readonly timeoutMs?: number;
}

/** One STS call. */
export interface StsCall {
  /** Provider name, for errors. */
  readonly provider: string;
  readonly endpoint: URL;
  /** `AssumeRole`, `AssumeRoleWithWebIdentity`, …; the answer's `<{action}Result>` holds the credentials. */
  readonly action: string;
  /** Form parameters besides Action and Version. */
  readonly params: Readonly<Record<string, string | undefined>>;
  /** Values to scrub from any text quoted in an error (passwords, tokens). */
  readonly secrets: readonly string[];
  /** SigV4 signing (AssumeRole only). */
  readonly sign?: { readonly accessKey: string; readonly secretKey: string; readonly region: string };
  readonly tls?: CredentialsTls;
  readonly timeoutMs?: number;
}

/** Parses and checks an STS endpoint URL (http or https). */
export function parseStsEndpoint(provider: string, endpoint: string, requireHttps = false): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidArgumentError(`${provider}: the STS endpoint is not a URL`);
  }
  if (url.protocol !== "https:" && (requireHttps || url.protocol !== "http:")) {
    throw new InvalidArgumentError(`${provider}: the STS endpoint must be ${requireHttps ? "https" : "http or https"}: ${describeUrl(url)}`);
  }
  if (url.username || url.password) throw new InvalidArgumentError(`${provider}: the STS endpoint must not carry user info`);
  return url;
}

/** Checks a `durationSeconds` option; undefined stays undefined. */
export function checkDuration(provider: string, seconds: number | undefined): number | undefined {
  if (seconds === undefined || seconds === 0) return undefined;
  if (!Number.isInteger(seconds) || seconds < MIN_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) {
    throw new InvalidArgumentError(`${provider}: durationSeconds must be an integer from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}`);
  }
  return seconds;
}

/** Form-encodes parameters (RFC 3986 encoding, as SigV4 expects), dropping undefined ones. */
export function formEncode(params: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${uriEncode(k, true)}=${uriEncode(v, true)}`)
    .join("&");
}

/** Runs one STS call and returns the temporary credentials it grants. */
export async function callSts(call: StsCall): Promise<CredentialsValue> {
  const body = formEncode({ Action: call.action, Version: STS_VERSION, ...call.params });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", host: call.endpoint.host };
  if (call.sign) {
    const payloadHash = sha256Hex(body);
    headers["x-amz-content-sha256"] = payloadHash;
    Object.assign(headers, signRequest(
      { method: "POST", host: call.endpoint.host, path: call.endpoint.pathname || "/", query: [...call.endpoint.searchParams], headers },
      { accessKey: call.sign.accessKey, secretKey: call.sign.secretKey },
      { region: call.sign.region, service: "sts", date: new Date(), payloadHash },
    ));
  }
  const reply = await httpCall({
    provider: call.provider, method: "POST", url: call.endpoint, headers, body,
    ...(call.timeoutMs !== undefined ? { timeoutMs: call.timeoutMs } : {}),
    ...(call.tls ? { tls: call.tls } : {}),
  });
  if (reply.status < 200 || reply.status > 299) throw stsError(call, reply.status, reply.body);
  return parseStsCredentials(call.provider, call.action, reply.body);
}

/** The credentials in an STS answer `<{action}Response><{action}Result><Credentials>`. */
export function parseStsCredentials(provider: string, action: string, xml: string): CredentialsValue {
  const malformed = (what: string) => new CredentialsError(provider, `malformed ${action} answer: ${what}`, { code: "InvalidResponse" });
  let root: XmlElement;
  try {
    root = parseXmlTree(xml);
  } catch {
    throw malformed("not XML");
  }
  const result = child(root, `${action}Result`);
  const creds = result && child(result, "Credentials");
  if (!creds) throw malformed(`no ${action}Result/Credentials`);
  const accessKey = childText(creds, "AccessKeyId")?.trim();
  const secretKey = childText(creds, "SecretAccessKey")?.trim();
  const sessionToken = childText(creds, "SessionToken")?.trim();
  const expirationText = childText(creds, "Expiration")?.trim();
  if (!accessKey || !secretKey) throw malformed("no AccessKeyId or SecretAccessKey");
  const expiration = expirationText ? new Date(expirationText) : undefined;
  if (expiration && Number.isNaN(expiration.getTime())) throw malformed("unreadable Expiration");
  return new CredentialsValue(accessKey, secretKey, sessionToken, expiration);
}

function stsError(call: StsCall, status: number, body: string): CredentialsError {
  let code = `HTTP${status}`;
  let message = `STS answered HTTP ${status}`;
  try {
    const root = parseXmlTree(body);
    const err = child(root, "Error") ?? root;
    const c = childText(err, "Code")?.trim();
    const m = childText(err, "Message")?.trim();
    if (c) code = c;
    if (c || m) message = `${c ?? "error"}: ${redact(m ?? "", call.secrets)} (HTTP ${status})`;
  } catch {
    // not XML: the status says enough
  }
  return new CredentialsError(call.provider, `${call.action} at ${describeUrl(call.endpoint)} failed: ${message}`, { code });
}

/** The TLS and deadline parts of an {@link StsCall} from provider options. */
export function stsTransport(options: StsOptions): { tls?: CredentialsTls; timeoutMs?: number } {
  return {
    ...(options.ca !== undefined ? { tls: { ca: options.ca } } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
}
