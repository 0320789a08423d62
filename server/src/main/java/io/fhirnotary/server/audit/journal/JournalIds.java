package io.fhirnotary.server.audit.journal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Ids of journal AuditEvents: {@code j}, then the write time in milliseconds (12 hex digits) and
 * 80 random bits (20 hex digits). Made without a database round trip (the body's associated data
 * binds the id, so it is needed before encrypting), unique across server nodes, roughly in time
 * order (the primary key grows at its end), and never one HAPI would assign: HAPI's ids for new
 * resources are numbers, and clients cannot create AuditEvents under an id of their choice.
 */
final class JournalIds {

	private static final Pattern JOURNAL_ID = Pattern.compile("j[0-9a-f]{32}");
	private static final HexFormat HEX = HexFormat.of();
	private static final SecureRandom RANDOM = new SecureRandom();

	private JournalIds() {}

	static String next(long nowMillis) {
		byte[] random = new byte[10];
		RANDOM.nextBytes(random);
		return "j" + String.format("%012x", nowMillis & 0xFFFF_FFFF_FFFFL) + HEX.formatHex(random);
	}

	/** True for an id this journal could have given. */
	static boolean isJournalId(String id) {
		return id != null && JOURNAL_ID.matcher(id).matches();
	}
}
