"""One cross-check case against the MinIO Python SDK: JSON request on stdin, JSON answer on stdout.

op "url":  {endpoint, secure, accessKey, secretKey, sessionToken?, region, virtualStyle?, method, bucket, key,
            expires, responseHeaders?, requestDate (ISO), versionId?, extraQueryParams?} -> {"url": ...}
op "post": {... credentials, region, bucket, expiration (ISO), date (ISO), equals: [[k, v]], startsWith: [[k, v]],
            range?: [lo, hi]} -> {"fields": {...}}   (the SDK's clock is pinned to `date`)
"""
import json
import sys
from datetime import datetime, timedelta

import minio.datatypes
from minio import Minio
from minio.datatypes import PostPolicy


def parse(iso):
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


req = json.load(sys.stdin)
client = Minio(
    req["endpoint"],
    access_key=req["accessKey"],
    secret_key=req["secretKey"],
    session_token=req.get("sessionToken"),
    secure=req["secure"],
    region=req["region"],
)
if req.get("virtualStyle"):
    client.enable_virtual_style_endpoint()

if req["op"] == "url":
    url = client.get_presigned_url(
        req["method"],
        req["bucket"],
        req["key"],
        expires=timedelta(seconds=req["expires"]),
        response_headers=req.get("responseHeaders"),
        request_date=parse(req["requestDate"]),
        version_id=req.get("versionId"),
        extra_query_params=req.get("extraQueryParams"),
    )
    json.dump({"url": url}, sys.stdout)
elif req["op"] == "post":
    pinned = parse(req["date"]).replace(tzinfo=None)

    class PinnedDatetime(datetime):
        @classmethod
        def utcnow(cls):
            return pinned

    minio.datatypes.datetime = PinnedDatetime
    exp = parse(req["expiration"])
    policy = PostPolicy(req["bucket"], PinnedDatetime(exp.year, exp.month, exp.day, exp.hour, exp.minute, exp.second, exp.microsecond, exp.tzinfo))
    for k, v in req.get("equals", []):
        policy.add_equals_condition(k, v)
    for k, v in req.get("startsWith", []):
        policy.add_starts_with_condition(k, v)
    if req.get("range"):
        policy.add_content_length_range_condition(*req["range"])
    json.dump({"fields": client.presigned_post_policy(policy)}, sys.stdout)
else:
    raise SystemExit("unknown op " + req["op"])
