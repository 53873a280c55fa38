import { execFile } from "node:child_process";
import { tmpdir } from "node:os";

/**
 * Environment for every `go` command the harness runs: static binaries
 * (`CGO_ENABLED=0`) built with the installed toolchain only (`GOTOOLCHAIN=local`,
 * since the machines reach the module proxy but no toolchain downloads).
 */
export function goEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: "0", GOTOOLCHAIN: "local", ...extra };
}

/**
 * Downloads a module into the Go module cache (through the module proxy) and
 * returns the directory holding its read-only source.
 */
export async function goModDownloadDir(module: string, version: string): Promise<string> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      "go",
      ["mod", "download", "-json", `${module}@${version}`],
      { cwd: tmpdir(), env: goEnv(), maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => {
        if (!error) return resolve(out);
        const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "`go` was not found on PATH" : error.message;
        // `go mod download -json` reports its errors inside the JSON on stdout.
        reject(new Error(`go mod download ${module}@${version} failed: ${why}\n${out}${err}`.trim()));
      },
    );
  });
  const info = JSON.parse(stdout) as { Dir?: string; Error?: string };
  if (info.Error || !info.Dir) throw new Error(`go mod download ${module}@${version}: ${info.Error ?? "no Dir in output"}`);
  return info.Dir;
}
