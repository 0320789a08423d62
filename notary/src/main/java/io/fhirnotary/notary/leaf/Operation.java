package io.fhirnotary.notary.leaf;

/** The write that produced a resource version, with its one-byte code in the leaf encoding. */
public enum Operation {
	CREATE(1),
	UPDATE(2),
	DELETE(3);

	private final int code;

	Operation(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public static Operation ofCode(int code) {
		for (Operation operation : values()) {
			if (operation.code == code) {
				return operation;
			}
		}
		throw new IllegalArgumentException("unknown operation code " + code);
	}

	/** The lower-case name used in receipts: {@code create}, {@code update}, {@code delete}. */
	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public static Operation ofWireName(String name) {
		for (Operation operation : values()) {
			if (operation.wireName().equals(name)) {
				return operation;
			}
		}
		throw new IllegalArgumentException("unknown operation '" + name + "'");
	}
}
