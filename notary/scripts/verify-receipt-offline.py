#!/usr/bin/env python3
"""An independent, offline check of a fhir-notary receipt, written from docs/NOTARY.md alone.

  python3 notary/scripts/verify-receipt-offline.py RESOURCE.json RECEIPT.json   (RESOURCE '-' for a delete)

Does steps 1-5 of docs/NOTARY.md §9 (receipt, identity, content hash, leaf, inclusion proof) with
the Python standard library; the on-chain step 6 needs an Ethereum client and is left to
notary-verify.jar. Its RFC 8785 covers what FHIR JSON usually holds (no keys outside the BMP, numbers
Python prints like ECMAScript); exit 0 when the proof leads to the receipt's root.
"""
import hashlib
import json
import struct
import sys


def sha256(data):
    return hashlib.sha256(data).digest()


def jcs(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def text(s):
    b = s.encode("utf-8")
    return struct.pack(">I", len(b)) + b


def fail(reason):
    print("INVALID: " + reason)
    sys.exit(1)


def main(resource_path, receipt_path):
    receipt = json.load(open(receipt_path, encoding="utf-8"))
    if receipt.get("type") != "fhir-notary-receipt" or receipt.get("receiptVersion") != 1:
        fail("not a version 1 fhir-notary receipt")
    if receipt["canonicalization"] != "RFC8785-SHA256" or receipt["leafFormat"] != 1:
        fail("unsupported canonicalisation or leaf format")
    operation = {"create": 1, "update": 2, "delete": 3}[receipt["operation"]]
    if operation == 3:
        content_hash = sha256(b"")
    else:
        resource = json.load(open(resource_path, encoding="utf-8-sig"))
        identity = (resource.get("resourceType"), resource.get("id"), resource.get("meta", {}).get("versionId"))
        if identity != (receipt["resourceType"], receipt["id"], receipt["versionId"]):
            fail("the resource is %s/%s/_history/%s, the receipt is for %s" % (identity + (receipt["resource"],)))
        content_hash = sha256(jcs(resource))
    if content_hash.hex() != receipt["contentHash"]:
        fail("content hash mismatch: %s, receipt %s" % (content_hash.hex(), receipt["contentHash"]))
    leaf = (b"fhir-notary/leaf" + b"\x01" + bytes.fromhex(receipt["salt"]) + text(receipt["resourceType"])
            + text(receipt["id"]) + text(receipt["versionId"]) + bytes([operation]) + content_hash)
    if leaf.hex() != receipt["leaf"]:
        fail("the receipt's leaf is not the encoding of its fields")
    # RFC 9162 section 2.1.3.2
    fn, sn, r = receipt["leafIndex"], receipt["treeSize"] - 1, sha256(b"\x00" + leaf)
    if fn > sn:
        fail("leaf index outside the tree")
    for p in (bytes.fromhex(h) for h in receipt["auditPath"]):
        if sn == 0:
            fail("audit path too long")
        if fn % 2 == 1 or fn == sn:
            r = sha256(b"\x01" + p + r)
            while fn % 2 == 0 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = sha256(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    if sn != 0 or r.hex() != receipt["root"]:
        fail("the audit path does not lead to the receipt's root")
    print("PROOF VALID: %s is leaf %d of %d under root %s (check the anchor on chain %d at %s)" % (
        receipt["resource"], receipt["leafIndex"], receipt["treeSize"], receipt["root"], receipt["chainId"],
        receipt["contract"]))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
