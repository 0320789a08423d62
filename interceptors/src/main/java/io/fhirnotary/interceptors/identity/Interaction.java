package io.fhirnotary.interceptors.identity;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The five interactions SMART v2 permission letters stand for, in the order the letters must
 * appear in a scope ({@code c r u d s}).
 */
public enum Interaction {
	CREATE('c'),
	READ('r'),
	UPDATE('u'),
	DELETE('d'),
	SEARCH('s');

	/** What a v1 {@code .read} scope grants, as the SMART v2 specification maps it. */
	static final Set<Interaction> V1_READ = Collections.unmodifiableSet(EnumSet.of(READ, SEARCH));
	/** What a v1 {@code .write} scope grants. */
	static final Set<Interaction> V1_WRITE = Collections.unmodifiableSet(EnumSet.of(CREATE, UPDATE, DELETE));

	private final char letter;

	Interaction(char letter) {
		this.letter = letter;
	}

	/** The SMART v2 permission letter. */
	public char letter() {
		return letter;
	}

	/** True for the interactions that change data. */
	public boolean isWrite() {
		return this == CREATE || this == UPDATE || this == DELETE;
	}

	static Optional<Interaction> fromLetter(char letter) {
		for (Interaction interaction : values()) {
			if (interaction.letter == letter) {
				return Optional.of(interaction);
			}
		}
		return Optional.empty();
	}
}
