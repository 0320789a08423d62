package io.fhirnotary.interceptors.identity;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking, as the decision functions need to know it: built by the adapter from a validated
 * access token and the configuration, then never changed.
 *
 * @param clientId      the OAuth2 client ({@code client_id} or {@code azp}); may be null for tests
 * @param fhirUser      the signed-in user ({@code Patient/…}, {@code Practitioner/…},
 *                      {@code Organization/…}, …) or null when the token names none
 * @param organizations organisations the caller acts for (a pharmacist's pharmacy); may be empty
 * @param scopes        the token's parsed scopes
 * @param purposesOfUse purpose-of-use codes ({@code TREAT}, {@code ETREAT}, …) the token declares
 * @param custodian     whether the client id is one of {@code fhirnotary.security.custodian-clients}
 * @param auditor       whether the client id is one of {@code fhirnotary.security.auditor-clients}
 */
public record Caller(
		String clientId,
		ResourceRef fhirUser,
		Set<ResourceRef> organizations,
		SmartScopes scopes,
		Set<String> purposesOfUse,
		boolean custodian,
		boolean auditor) {

	/** Purpose of use for emergency treatment (HL7 v3 ActReason), the break-the-glass signal. */
	public static final String EMERGENCY_TREATMENT = "ETREAT";

	public Caller {
		organizations = organizations == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(organizations));
		scopes = scopes == null ? SmartScopes.NONE : scopes;
		purposesOfUse = purposesOfUse == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(purposesOfUse));
	}

	public static Builder builder() {
		return new Builder();
	}

	/** True when the signed-in user is a Patient. */
	public boolean isPatient() {
		return fhirUser != null && fhirUser.isA("Patient");
	}

	/** The Patient the user is, when the user is one. */
	public Optional<ResourceRef> patient() {
		return isPatient() ? Optional.of(fhirUser) : Optional.empty();
	}

	/** The logical id of the Patient the user is, when the user is one. */
	public Optional<String> patientId() {
		return patient().map(ResourceRef::id);
	}

	/** True when the signed-in user is a Practitioner. */
	public boolean isPractitioner() {
		return fhirUser != null && fhirUser.isA("Practitioner");
	}

	/** Whether the token declares the purpose-of-use code. */
	public boolean hasPurpose(String code) {
		return purposesOfUse.contains(code);
	}

	/** Break the glass: a practitioner declaring emergency treatment. */
	public boolean isEmergency() {
		return isPractitioner() && hasPurpose(EMERGENCY_TREATMENT);
	}

	/**
	 * Every reference a Consent actor may name to mean this caller: the user and the organisations
	 * it acts for.
	 */
	public Set<ResourceRef> identities() {
		Set<ResourceRef> identities = new LinkedHashSet<>();
		if (fhirUser != null) {
			identities.add(fhirUser);
		}
		identities.addAll(organizations);
		return Collections.unmodifiableSet(identities);
	}

	/** Whether {@code reference} is the caller or one of its organisations. */
	public boolean is(ResourceRef reference) {
		return reference != null && (reference.equals(fhirUser) || organizations.contains(reference));
	}

	/** Assembles a {@link Caller}; unset collections are empty, unset flags false. */
	public static final class Builder {
		private String clientId;
		private ResourceRef fhirUser;
		private final Set<ResourceRef> organizations = new LinkedHashSet<>();
		private SmartScopes scopes = SmartScopes.NONE;
		private final Set<String> purposesOfUse = new LinkedHashSet<>();
		private boolean custodian;
		private boolean auditor;
		private TrustedClients trustedClients;

		private Builder() {}

		public Builder clientId(String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder fhirUser(ResourceRef fhirUser) {
			this.fhirUser = fhirUser;
			return this;
		}

		/** Parses {@code Type/id}; an unparseable value leaves the caller without a user (fail closed). */
		public Builder fhirUser(String reference) {
			this.fhirUser = ResourceRef.parse(reference).orElse(null);
			return this;
		}

		public Builder organization(ResourceRef organization) {
			this.organizations.add(Objects.requireNonNull(organization, "organization"));
			return this;
		}

		/** Parses {@code Organization/id}; an unparseable value is skipped. */
		public Builder organization(String reference) {
			ResourceRef.parse(reference).ifPresent(organizations::add);
			return this;
		}

		public Builder scopes(SmartScopes scopes) {
			this.scopes = Objects.requireNonNull(scopes, "scopes");
			return this;
		}

		/** Parses a space-separated {@code scope} claim. */
		public Builder scopes(String scopeClaim) {
			return scopes(SmartScopes.parse(scopeClaim));
		}

		public Builder purposeOfUse(String code) {
			if (code != null && !code.isBlank()) {
				this.purposesOfUse.add(code.trim());
			}
			return this;
		}

		public Builder custodian(boolean custodian) {
			this.custodian = custodian;
			return this;
		}

		public Builder auditor(boolean auditor) {
			this.auditor = auditor;
			return this;
		}

		/**
		 * Derives the custodian and auditor flags from the configured client lists when the caller
		 * is built, whatever order the client id is set in; overrides {@link #custodian(boolean)}
		 * and {@link #auditor(boolean)}.
		 */
		public Builder trustedClients(TrustedClients trusted) {
			this.trustedClients = Objects.requireNonNull(trusted, "trusted");
			return this;
		}

		public Caller build() {
			boolean isCustodian = trustedClients == null ? custodian : trustedClients.isCustodian(clientId);
			boolean isAuditor = trustedClients == null ? auditor : trustedClients.isAuditor(clientId);
			return new Caller(clientId, fhirUser, organizations, scopes, purposesOfUse, isCustodian, isAuditor);
		}
	}
}
