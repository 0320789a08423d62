#!/usr/bin/env python3
"""Recompute the test vectors of docs/NOTARY.md with nothing but the Python standard library.

An independent second implementation of the leaf encoding, the RFC 9162 tree and the RFC 8785
content hash (restricted to what the vectors use: ASCII member names, finite numbers that Python
prints like ECMAScript). Every value it computes must appear verbatim in docs/NOTARY.md; run it
after changing the format or the vectors:  python3 notary/scripts/check-vectors.py
"""
import hashlib
import json
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "notary/src/test/resources/vectors"
DOC = (ROOT / "docs/NOTARY.md").read_text(encoding="utf-8")


def sha256(data):
    return hashlib.sha256(data).digest()


def jcs(value):
    # RFC 8785 for the subset the vectors use; json.dumps writes 2.50 parsed as a float as 2.5
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def text(s):
    b = s.encode("utf-8")
    return struct.pack(">I", len(b)) + b


def leaf(salt, rtype, rid, vid, op, content_hash):
    return b"fhir-notary/leaf" + b"\x01" + salt + text(rtype) + text(rid) + text(vid) + bytes([op]) + content_hash


def leaf_hash(data):
    return sha256(b"\x00" + data)


def node(left, right):
    return sha256(b"\x01" + left + right)


def mth(hashes):
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return node(mth(hashes[:k]), mth(hashes[k:]))


def path(m, hashes):
    if len(hashes) == 1:
        return []
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    if m < k:
        return path(m, hashes[:k]) + [mth(hashes[k:])]
    return path(m - k, hashes[k:]) + [mth(hashes[:k])]


def main():
    expected = [sha256(b"").hex()]
    ct = [bytes.fromhex(x) for x in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                      "606162636465666768696a6b6c6d6e6f"]]
    expected += [mth([leaf_hash(x) for x in ct[:n]]).hex() for n in range(1, 9)]
    v1 = json.loads((VECTORS / "medicationrequest-v1.json").read_text(encoding="utf-8"))
    v2 = json.loads((VECTORS / "medicationrequest-v2.json").read_text(encoding="utf-8"))
    expected += [jcs(v1).decode(), jcs(v2).decode()]
    leaves = [
        leaf(bytes(range(0, 32)), "MedicationRequest", "rx-1", "1", 1, sha256(jcs(v1))),
        leaf(bytes(range(32, 64)), "MedicationRequest", "rx-1", "2", 2, sha256(jcs(v2))),
        leaf(bytes(range(64, 96)), "MedicationRequest", "rx-1", "3", 3, sha256(b"")),
    ]
    hashes = [leaf_hash(x) for x in leaves]
    expected += [sha256(jcs(v1)).hex(), sha256(jcs(v2)).hex(), sha256(b"").hex()]
    expected += [x.hex() for x in leaves] + [h.hex() for h in hashes]
    expected.append(mth(hashes).hex())
    for m in range(len(hashes)):
        expected += [p.hex() for p in path(m, hashes)]
    missing = [value for value in expected if value not in DOC]
    for value in expected:
        print(("ok      " if value in DOC else "MISSING ") + value[:80])
    if missing:
        sys.exit(f"{len(missing)} computed values are not in docs/NOTARY.md")
    print(f"all {len(expected)} values found in docs/NOTARY.md")


if __name__ == "__main__":
    main()
