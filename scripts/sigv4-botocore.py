"""SigV4 against a signed local endpoint, signed by botocore (a signer nobody here wrote):
a correct request, the same signature replayed with another body, UNSIGNED-PAYLOAD, and a
stated payload hash that is not the body's. Prints one JSON object, case -> HTTP status.

    python3 scripts/sigv4-botocore.py URL ACCESS_KEY SECRET INSTANCE
"""
import hashlib
import json
import sys
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

url, key, secret, instance = sys.argv[1:5]
creds = Credentials(key, secret)
path = f"{url}/views/{instance}"


def body(name):
    template = json.dumps({"Head": {"Title": name, "Configuration": {}}, "Body": []})
    return json.dumps({"Name": name, "Status": "SAVED",
                       "Content": {"Template": template, "Actions": []}}).encode()


def signed(data, extra=None):
    """CreateView signed as botocore signs it, with `extra` headers signed along."""
    req = AWSRequest(method="PUT", url=path, data=data,
                     headers={"Content-Type": "application/json", **(extra or {})})
    SigV4Auth(creds, "connect", "us-east-1").add_auth(req)
    return dict(req.headers.items())


def send(data, headers):
    req = urllib.request.Request(path, data=data, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


out = {}
good = body("signed-by-botocore")
out["correct"] = send(good, signed(good))
# A captured request replayed with another body of the same length.
other = body("swapped-by-someone")
assert len(other) == len(good)
out["swapped body"] = send(other, signed(good))
unsigned = signed(good, {"X-Amz-Content-SHA256": "UNSIGNED-PAYLOAD"})
out["UNSIGNED-PAYLOAD"] = send(body("unsigned-payload-1"), unsigned)
stated = signed(good, {"X-Amz-Content-SHA256": hashlib.sha256(good).hexdigest()})
out["stated hash, other body"] = send(other, stated)
third = body("stated-and-matching")
out["stated hash, its body"] = send(third, signed(third, {
    "X-Amz-Content-SHA256": hashlib.sha256(third).hexdigest()}))
print(json.dumps(out))
