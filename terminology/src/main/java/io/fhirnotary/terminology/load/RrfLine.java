package io.fhirnotary.terminology.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of an RRF file (UMLS "Rich Release Format": fields separated by '|', with a
 * trailing '|' after the last field). Fields are not quoted or escaped in RRF, so a plain split
 * is exact; empty fields stay as empty strings.
 */
final class RrfLine {

	private RrfLine() {}

	static List<String> fields(String line) {
		List<String> fields = new ArrayList<>(20);
		int start = 0;
		for (int bar = line.indexOf('|'); bar >= 0; bar = line.indexOf('|', start)) {
			fields.add(line.substring(start, bar));
			start = bar + 1;
		}
		if (start < line.length()) {
			// a last field without the customary trailing bar
			fields.add(line.substring(start));
		}
		return fields;
	}
}
