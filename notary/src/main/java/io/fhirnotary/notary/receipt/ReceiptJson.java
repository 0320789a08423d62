package io.fhirnotary.notary.receipt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fhirnotary.notary.leaf.Operation;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads and writes the receipt JSON (docs/NOTARY.md §8). Malformed receipts become one exception,
 * {@link InvalidReceiptException}, naming the member at fault.
 */
public final class ReceiptJson {

	public static final String TYPE = "fhir-notary-receipt";
	public static final int RECEIPT_VERSION = 1;

	private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
	private static final HexFormat HEX = HexFormat.of();

	private ReceiptJson() {
	}

	public static String write(NotaryReceipt receipt) {
		ObjectNode json = MAPPER.createObjectNode();
		json.put("type", TYPE);
		json.put("receiptVersion", RECEIPT_VERSION);
		json.put("resource", receipt.resourceReference());
		json.put("resourceType", receipt.resourceType());
		json.put("id", receipt.logicalId());
		json.put("versionId", receipt.versionId());
		json.put("operation", receipt.operation().wireName());
		json.put("canonicalization", receipt.canonicalization());
		json.put("contentHash", HEX.formatHex(receipt.contentHash()));
		json.put("leafFormat", receipt.leafFormat());
		json.put("salt", HEX.formatHex(receipt.salt()));
		json.put("leaf", HEX.formatHex(receipt.leaf()));
		json.put("leafIndex", receipt.leafIndex());
		json.put("treeSize", receipt.treeSize());
		ArrayNode path = json.putArray("auditPath");
		receipt.auditPath().forEach(hash -> path.add(HEX.formatHex(hash)));
		json.put("root", HEX.formatHex(receipt.root()));
		NotaryReceipt.ChainAnchor anchor = receipt.anchor();
		json.put("chainId", anchor.chainId());
		json.put("contract", anchor.contract());
		json.put("transactionHash", anchor.transactionHash());
		json.put("blockNumber", anchor.blockNumber());
		json.put("blockHash", anchor.blockHash());
		try {
			return MAPPER.writeValueAsString(json) + "\n";
		} catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	public static NotaryReceipt read(String text) {
		JsonNode json;
		try {
			json = MAPPER.readTree(text);
		} catch (JsonProcessingException e) {
			throw new InvalidReceiptException("the receipt is not JSON");
		}
		if (json == null || !json.isObject()) {
			throw new InvalidReceiptException("the receipt is not a JSON object");
		}
		if (!TYPE.equals(text(json, "type"))) {
			throw new InvalidReceiptException("the receipt's type is not " + TYPE);
		}
		long version = number(json, "receiptVersion");
		if (version != RECEIPT_VERSION) {
			throw new InvalidReceiptException("receipt version " + version + " is not supported (this verifier reads "
					+ RECEIPT_VERSION + ")");
		}
		Operation operation;
		try {
			operation = Operation.ofWireName(text(json, "operation"));
		} catch (IllegalArgumentException e) {
			throw new InvalidReceiptException("receipt member 'operation' must be create, update or delete");
		}
		List<byte[]> path = new ArrayList<>();
		JsonNode pathNode = json.get("auditPath");
		if (pathNode == null || !pathNode.isArray()) {
			throw new InvalidReceiptException("receipt member 'auditPath' must be an array of hex hashes");
		}
		for (JsonNode entry : pathNode) {
			path.add(hex(entry.asText(), "auditPath entry", 32));
		}
		NotaryReceipt.ChainAnchor anchor = new NotaryReceipt.ChainAnchor(number(json, "chainId"), address(json, "contract"),
				hex0x(json, "transactionHash"), number(json, "blockNumber"), hex0x(json, "blockHash"));
		return new NotaryReceipt(text(json, "resourceType"), text(json, "id"), text(json, "versionId"), operation,
				text(json, "canonicalization"), (int) number(json, "leafFormat"), hex(text(json, "salt"), "salt", 32),
				hex(text(json, "contentHash"), "contentHash", 32), hex(text(json, "leaf"), "leaf", -1),
				number(json, "leafIndex"), number(json, "treeSize"), path, hex(text(json, "root"), "root", 32), anchor);
	}

	private static String text(JsonNode json, String member) {
		JsonNode value = json.get(member);
		if (value == null || !value.isTextual() || value.asText().isEmpty()) {
			throw new InvalidReceiptException("receipt member '" + member + "' is missing or not a string");
		}
		return value.asText();
	}

	private static long number(JsonNode json, String member) {
		JsonNode value = json.get(member);
		if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.asLong() < 0) {
			throw new InvalidReceiptException("receipt member '" + member + "' is missing or not a non-negative integer");
		}
		return value.asLong();
	}

	private static String address(JsonNode json, String member) {
		String value = text(json, member);
		if (!value.matches("0x[0-9a-fA-F]{40}")) {
			throw new InvalidReceiptException("receipt member '" + member + "' is not a 0x-prefixed 20-byte address");
		}
		return value.toLowerCase(java.util.Locale.ROOT);
	}

	private static String hex0x(JsonNode json, String member) {
		String value = text(json, member);
		if (!value.matches("0x[0-9a-fA-F]{64}")) {
			throw new InvalidReceiptException("receipt member '" + member + "' is not a 0x-prefixed 32-byte hash");
		}
		return value.toLowerCase(java.util.Locale.ROOT);
	}

	private static byte[] hex(String value, String member, int length) {
		if (!value.matches("([0-9a-fA-F]{2})*") || (length >= 0 && value.length() != 2 * length)) {
			throw new InvalidReceiptException("receipt member '" + member + "' is not "
					+ (length >= 0 ? length + " bytes of " : "") + "hex");
		}
		return HEX.parseHex(value);
	}

	public static final class InvalidReceiptException extends IllegalArgumentException {
		private static final long serialVersionUID = 1L;

		public InvalidReceiptException(String message) {
			super(message);
		}
	}
}
