/**
 * A local HTTP(S) server that answers as a credentials endpoint does (STS, EC2 instance
 * metadata, ECS container credentials) and records every request, for the credentials specs.
 * Not a mock of S3: the providers speak real HTTP to it.
 */
import { execFile } from "node:child_process";
import http from "node:http";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** A request as the stub saw it. */
export interface StubRequest {
  readonly method: string;
  /** Path and query exactly as sent. */
  readonly url: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The body parsed as a form. */
  readonly form: URLSearchParams;
  /** Common name of the TLS client certificate, if one was presented. */
  readonly clientCN?: string;
}

/** What the stub answers: a response, or `"hang"` to never answer. */
export type StubAnswer = { status?: number; headers?: Record<string, string>; body?: string } | "hang";

/** Decides the answer to each request. */
export type StubHandler = (req: StubRequest, index: number) => StubAnswer | Promise<StubAnswer>;

/** A running stub. */
export interface Stub {
  /** `http(s)://127.0.0.1:port`. */
  readonly endpoint: string;
  /** Every request received, in order. */
  readonly requests: StubRequest[];
  close(): Promise<void>;
}

/** TLS settings of an HTTPS stub; with `clientCa` it asks for (and verifies) a client certificate. */
export interface StubTls {
  readonly cert: string;
  readonly key: string;
  readonly clientCa?: string;
}

/** Starts a stub on a free loopback port. */
export async function startStub(handler: StubHandler, tls?: StubTls): Promise<Stub> {
  const requests: StubRequest[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const peer = (req.socket as TLSSocket).getPeerCertificate?.();
      const url = req.url ?? "/";
      const seen: StubRequest = {
        method: req.method ?? "",
        url,
        path: url.split("?")[0],
        headers: req.headers,
        body,
        form: new URLSearchParams(body),
        ...(peer && peer.subject ? { clientCN: String(peer.subject.CN) } : {}),
      };
      requests.push(seen);
      const answer = await handler(seen, requests.length - 1);
      if (answer === "hang") return;
      res.writeHead(answer.status ?? 200, answer.headers ?? {});
      res.end(answer.body ?? "");
    });
  };
  const server = tls
    ? https.createServer({ cert: tls.cert, key: tls.key, ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}) }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Temporary credentials as an STS answer carries them. */
export interface StsCreds {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** A successful STS answer for `action` (e.g. `AssumeRoleWithWebIdentity`). */
export function stsSuccess(action: string, c: StsCreds): StubAnswer {
  return {
    status: 200,
    headers: { "content-type": "text/xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?>
<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>
<Credentials><AccessKeyId>${c.accessKey}</AccessKeyId><SecretAccessKey>${c.secretKey}</SecretAccessKey>
<SessionToken>${c.sessionToken}</SessionToken><Expiration>${c.expiration.toISOString()}</Expiration></Credentials>
</${action}Result><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata></${action}Response>`,
  };
}

/** An STS error answer. */
export function stsFailure(status: number, code: string, message: string): StubAnswer {
  return {
    status,
    headers: { "content-type": "text/xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>stub</RequestId></ErrorResponse>`,
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Fresh credentials for a stub to hand out, `n` telling them apart, valid `seconds` from now. */
export function stubCreds(n: number, seconds = 3600): StsCreds {
  return {
    accessKey: `STUBKEY${n}`,
    secretKey: `stub-secret-${n}-${"s".repeat(24)}`,
    sessionToken: `stub-token-${n}-${"t".repeat(40)}`,
    expiration: new Date(Date.now() + seconds * 1000),
  };
}

/** Self-signed server and client certificates (openssl), as PEM strings and file paths. */
export interface TestCerts {
  readonly dir: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  readonly clientCertFile: string;
  readonly clientKeyFile: string;
}

const run = promisify(execFile);

/** Makes a server certificate for 127.0.0.1 and a client certificate with CN `quarry-client`. */
export async function makeTestCerts(): Promise<TestCerts> {
  const dir = await mkdtemp(join(tmpdir(), "quarry-certs-"));
  const make = async (name: string, subject: string, ext: string[]) => {
    await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", subject, ...ext,
      "-keyout", join(dir, `${name}.key`), "-out", join(dir, `${name}.crt`)]);
    return { cert: await readFile(join(dir, `${name}.crt`), "utf8"), key: await readFile(join(dir, `${name}.key`), "utf8") };
  };
  const [server, client] = await Promise.all([
    make("server", "/CN=127.0.0.1", ["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]),
    make("client", "/CN=quarry-client", ["-addext", "extendedKeyUsage=clientAuth"]),
  ]);
  return {
    dir, serverCert: server.cert, serverKey: server.key, clientCert: client.cert, clientKey: client.key,
    clientCertFile: join(dir, "client.crt"), clientKeyFile: join(dir, "client.key"),
  };
}
