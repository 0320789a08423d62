package io.fhirnotary.terminology.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** How a broken rule is reported; the names match OperationOutcome issue severities. */
public enum RuleSeverity {
	/** The prescription must be rejected. */
	ERROR,
	/** The prescription may be stored; the issue is reported alongside. */
	WARNING;

	/** The OperationOutcome.issue.severity code: {@code error} or {@code warning}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	static RuleSeverity fromCode(String code) {
		for (RuleSeverity severity : values()) {
			if (severity.code().equals(code)) {
				return severity;
			}
		}
		throw new IllegalArgumentException("severity must be \"error\" or \"warning\", not \"" + code + "\"");
	}
}
