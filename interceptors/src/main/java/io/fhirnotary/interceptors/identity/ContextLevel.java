package io.fhirnotary.interceptors.identity;

import java.util.Optional;

/**
 * The context a SMART scope is granted in: the prefix before the slash.
 *
 * <p>{@code patient/} scopes cover one patient's compartment, {@code user/} scopes what the
 * signed-in user may see, {@code system/} scopes a trusted backend acting for nobody in
 * particular. The decision functions choose which level a caller must hold for each path.
 */
public enum ContextLevel {
	PATIENT("patient"),
	USER("user"),
	SYSTEM("system");

	private final String prefix;

	ContextLevel(String prefix) {
		this.prefix = prefix;
	}

	/** The prefix as written in a scope, without the slash. */
	public String prefix() {
		return prefix;
	}

	/** The level a scope prefix names; case-sensitive, as SMART scopes are. */
	public static Optional<ContextLevel> fromPrefix(String prefix) {
		for (ContextLevel level : values()) {
			if (level.prefix.equals(prefix)) {
				return Optional.of(level);
			}
		}
		return Optional.empty();
	}
}
