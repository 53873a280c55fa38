"""One bench-suite job for a Python-side client, JSON in on stdin, JSON out on stdout.

argv[1] names the client: minio-py (MinIO Python SDK), obstore, s5cmd or mc (the last two
are CLIs run as children; their CPU is RUSAGE_CHILDREN, this script's own work is not
counted). The job is the suite's Job (bench/suite/types.ts). The output is a Measurement:
seconds, cpuSeconds, units, optional latenciesMs, rssMiB, note. Secrets arrive on stdin and
are never printed.
"""
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

CHUNK = os.urandom(8 * 1024 * 1024)


def cpu(who=resource.RUSAGE_SELF):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def max_rss_mib(who=resource.RUSAGE_SELF):
    return resource.getrusage(who).ru_maxrss / 1024.0


class Source:
    """A file-like reader of `size` bytes made of the repeated chunk."""

    def __init__(self, size):
        self.left = size

    def read(self, n=-1):
        if self.left <= 0:
            return b""
        n = len(CHUNK) if n is None or n < 0 else n
        n = min(n, self.left, len(CHUNK))
        self.left -= n
        return CHUNK[:n] if n < len(CHUNK) else CHUNK


def chunks(size):
    left = size
    while left > 0:
        n = min(left, len(CHUNK))
        left -= n
        yield CHUNK if n == len(CHUNK) else CHUNK[:n]


def with_latencies(n, concurrency, work):
    lat = [0.0] * n

    def one(i):
        t0 = time.perf_counter()
        work(i)
        lat[i] = (time.perf_counter() - t0) * 1000

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        for _ in pool.map(one, range(n)):
            pass
    return lat


# ── minio-py ────────────────────────────────────────────────────────────────────


def run_minio(job):
    import urllib3
    from minio import Minio
    from minio.deleteobjects import DeleteObject

    at = job["at"]
    host = at["endpoint"].split("://", 1)[1]
    http = urllib3.PoolManager(maxsize=64, retries=urllib3.Retry(total=3, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]))
    c = Minio(host, access_key=at["accessKey"], secret_key=at["secretKey"], region=at["region"], secure=False, http_client=http)
    b = at["bucket"]
    op = job["op"]
    out = {}
    c0, t0 = cpu(), time.perf_counter()
    if op == "list":
        units = sum(1 for _ in c.list_objects(b, recursive=True))
    elif op == "put":
        c.put_object(b, job["key"], Source(job["size"]), job["size"], part_size=16 * 1024 * 1024)
        units = job["size"]
    elif op == "get":
        r = c.get_object(b, job["key"])
        units = 0
        for part in r.stream(1024 * 1024):
            units += len(part)
        r.close()
        r.release_conn()
    elif op == "putSmall":
        body = b"q" * job["size"]
        import io
        keys = job["keys"]
        out["latenciesMs"] = with_latencies(len(keys), job["concurrency"], lambda i: c.put_object(b, keys[i], io.BytesIO(body), len(body)))
        units = len(keys)
    elif op == "getSmall":
        keys = job["keys"]

        def get_one(i):
            r = c.get_object(b, keys[i])
            data = r.read()
            r.close()
            r.release_conn()
            if len(data) != job["size"]:
                raise RuntimeError("short read")

        out["latenciesMs"] = with_latencies(len(keys), job["concurrency"], get_one)
        units = len(keys)
    elif op == "remove":
        errors = list(c.remove_objects(b, (DeleteObject(k) for k in job["keys"])))
        if errors:
            raise RuntimeError(f"{len(errors)} keys failed to be removed")
        units = len(job["keys"])
    elif op == "presign":
        for i in range(job["count"]):
            c.presigned_get_object(b, f"photos/2026/{i % 1000}.jpg", expires=timedelta(hours=1))
        units = job["count"]
    else:
        raise RuntimeError(f"minio-py: unsupported op {op}")
    return finish(out, t0, c0, units)


# ── obstore ─────────────────────────────────────────────────────────────────────


def run_obstore(job):
    import obstore
    from obstore.store import S3Store

    at = job["at"]
    store = S3Store(
        at["bucket"],
        endpoint=at["endpoint"],
        access_key_id=at["accessKey"],
        secret_access_key=at["secretKey"],
        region=at["region"],
        virtual_hosted_style_request=False,
        client_options={"allow_http": True, "pool_max_idle_per_host": "64"},
    )
    op = job["op"]
    out = {}
    c0, t0 = cpu(), time.perf_counter()
    if op == "list":
        units = 0
        for batch in obstore.list(store, chunk_size=1000):
            units += len(batch)
    elif op == "put":
        obstore.put(store, job["key"], chunks(job["size"]), chunk_size=16 * 1024 * 1024, max_concurrency=4)
        units = job["size"]
    elif op == "get":
        units = 0
        for part in obstore.get(store, job["key"]).stream(min_chunk_size=1024 * 1024):
            units += len(part)
    elif op in ("putSmall", "getSmall"):
        keys = job["keys"]
        lat = [0.0] * len(keys)
        body = b"q" * job["size"]

        async def main():
            sem = asyncio.Semaphore(job["concurrency"])

            async def one(i):
                async with sem:
                    s = time.perf_counter()
                    if op == "putSmall":
                        await obstore.put_async(store, keys[i], body)
                    else:
                        r = await obstore.get_async(store, keys[i])
                        data = await r.bytes_async()
                        if len(data) != job["size"]:
                            raise RuntimeError("short read")
                    lat[i] = (time.perf_counter() - s) * 1000

            await asyncio.gather(*(one(i) for i in range(len(keys))))

        asyncio.run(main())
        out["latenciesMs"] = lat
        units = len(keys)
    elif op == "remove":
        obstore.delete(store, list(job["keys"]))
        units = len(job["keys"])
    elif op == "presign":
        for i in range(job["count"]):
            obstore.sign(store, "GET", f"photos/2026/{i % 1000}.jpg", timedelta(hours=1))
        units = job["count"]
    else:
        raise RuntimeError(f"obstore: unsupported op {op}")
    return finish(out, t0, c0, units)


# ── CLIs (s5cmd, mc) ────────────────────────────────────────────────────────────


def cli_env(kind, at, tmp):
    env = dict(os.environ)
    if kind == "s5cmd":
        env.update(AWS_ACCESS_KEY_ID=at["accessKey"], AWS_SECRET_ACCESS_KEY=at["secretKey"], AWS_REGION=at["region"])
    else:
        scheme, host = at["endpoint"].split("://", 1)
        env["MC_HOST_bench"] = f"{scheme}://{at['accessKey']}:{at['secretKey']}@{host}"
        env["MC_CONFIG_DIR"] = os.path.join(tmp, "mc-config")
    return env


def run_cli(kind, job, binary):
    at = job["at"]
    b = at["bucket"]
    op = job["op"]
    tmp = tempfile.mkdtemp(prefix="qb-cli-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    env = cli_env(kind, at, tmp)
    base = [binary, "--endpoint-url", at["endpoint"]] if kind == "s5cmd" else [binary, "--no-color", "--quiet"]
    url = (lambda k: f"s3://{b}/{k}") if kind == "s5cmd" else (lambda k: f"bench/{b}/{k}")

    def run(args, stdin=None, count_lines=False, count_bytes=False):
        p = subprocess.Popen(base + args, env=env, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        n = 0
        if stdin:
            for c in stdin:
                p.stdin.write(c)
            p.stdin.close()
        while True:
            data = p.stdout.read(1024 * 1024)
            if not data:
                break
            n += data.count(b"\n") if count_lines else len(data)
        err = p.stderr.read()
        if p.wait() != 0:
            raise RuntimeError(f"{kind} {args[0]} exited with {p.returncode}: {err.decode('utf8', 'replace')[-500:]}")
        return n

    out = {}
    try:
        c0, t0 = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        if op == "list":
            units = run(["ls", f"s3://{b}/*"] if kind == "s5cmd" else ["ls", "--recursive", f"bench/{b}"], count_lines=True)
        elif op == "put":
            run(["pipe", url(job["key"])], stdin=chunks(job["size"]))
            units = job["size"]
        elif op == "get":
            units = run(["cat", url(job["key"])], count_bytes=True)
        elif op in ("putSmall", "getSmall") and kind == "s5cmd":
            body = os.path.join(tmp, "body")
            with open(body, "wb") as f:
                f.write(b"q" * job["size"])
            cmds = os.path.join(tmp, "cmds")
            os.makedirs(os.path.join(tmp, "got"))
            with open(cmds, "w") as f:
                for i, k in enumerate(job["keys"]):
                    f.write(f"cp {body} s3://{b}/{k}\n" if op == "putSmall" else f"cp s3://{b}/{k} {tmp}/got/{i}\n")
            c0, t0 = cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
            run(["--numworkers", str(job["concurrency"]), "run", cmds])
            units = len(job["keys"])
        elif op == "remove":
            prefix = os.path.commonprefix(list(job["keys"]))
            if kind == "s5cmd":
                run(["rm", f"s3://{b}/{prefix}*"])
            else:
                run(["rm", "--recursive", "--force", f"bench/{b}/{prefix}"])
            units = len(job["keys"])
        else:
            raise RuntimeError(f"{kind}: unsupported op {op}")
        seconds = time.perf_counter() - t0
        out.update(seconds=seconds, cpuSeconds=cpu(resource.RUSAGE_CHILDREN) - c0, units=units, rssMiB=[max_rss_mib(resource.RUSAGE_CHILDREN)])
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def finish(out, t0, c0, units):
    seconds = time.perf_counter() - t0
    out.update(seconds=seconds, cpuSeconds=cpu() - c0, units=units, rssMiB=[max_rss_mib()])
    return out


def main():
    client = sys.argv[1]
    job = json.loads(sys.stdin.read())
    if client == "minio-py":
        result = run_minio(job)
    elif client == "obstore":
        result = run_obstore(job)
    elif client in ("s5cmd", "mc"):
        result = run_cli(client, job, sys.argv[2])
    else:
        raise SystemExit(f"unknown client {client}")
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
