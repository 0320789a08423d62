package io.fhirnotary.interceptors.blindindex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlindIndexPolicyTests {

	private final BlindIndexPolicy policy = new BlindIndexPolicy();

	@ParameterizedTest(name = "{0}.{1} ({2}) -> {3} {4}")
	@CsvSource(nullValues = "null", value = {
		"Patient,            identifier,   TOKEN,     BLIND,    EXACT",
		"MedicationRequest,  code,         TOKEN,     BLIND,    EXACT",
		"Patient,            telecom,      TOKEN,     BLIND,    TELECOM",
		"Practitioner,       phone,        TOKEN,     BLIND,    TELECOM",
		"Patient,            email,        TOKEN,     BLIND,    TELECOM",
		"Patient,            gender,       TOKEN,     BLIND,    EXACT",
		"Patient,            name-blind,   TOKEN,     BLIND,    TEXT",
		"Patient,            name,         TOKEN,     DISABLED, null",
		"Patient,            address-city-blind, TOKEN, BLIND,  TEXT",
		"Organization,       address-blind, TOKEN,    BLIND,    TEXT",
		"Patient,            birthdate-blind, TOKEN,  BLIND,    DATE",
		"MedicationRequest,  status,       TOKEN,     CLEAR,    null",
		"MedicationRequest,  intent,       TOKEN,     CLEAR,    null",
		"Patient,            _id,          TOKEN,     CLEAR,    null",
		"null,               _tag,         TOKEN,     CLEAR,    null",
		"CodeSystem,         code,         TOKEN,     CLEAR,    null",
		"ValueSet,           name,         STRING,    CLEAR,    null",
		"Organization,       name,         STRING,    DISABLED, null",
		"Organization,       name-blind,   TOKEN,     BLIND,    TEXT",
		"Patient,            name,         STRING,    DISABLED, null",
		"Patient,            phonetic,     STRING,    DISABLED, null",
		"Observation,        value-string, STRING,    DISABLED, null",
		"Patient,            birthdate,    DATE,      DISABLED, null",
		"Patient,            death-date,   DATE,      DISABLED, null",
		"MedicationRequest,  authoredon,   DATE,      CLEAR,    null",
		"Encounter,          date,         DATE,      CLEAR,    null",
		"MedicationRequest,  patient,      REFERENCE, CLEAR,    null",
		"Observation,        code-value-quantity, COMPOSITE, DISABLED, null",
		"Observation,        value-quantity, OTHER,   CLEAR,    null",
		"AuditEvent,         patient,      REFERENCE, CLEAR,    null",
		"AuditEvent,         entity,       REFERENCE, CLEAR,    null",
		"AuditEvent,         agent,        REFERENCE, CLEAR,    null",
		"AuditEvent,         date,         DATE,      CLEAR,    null",
		"AuditEvent,         subtype,      TOKEN,     BLIND,    EXACT",
		"AuditEvent,         outcome,      TOKEN,     BLIND,    EXACT",
		"AuditEvent,         _security,    TOKEN,     CLEAR,    null",
		"AuditEvent,         entity-type,  TOKEN,     DISABLED, null",
		"AuditEvent,         entity-role,  TOKEN,     DISABLED, null",
		"AuditEvent,         agent-role,   TOKEN,     DISABLED, null",
		"AuditEvent,         site,         TOKEN,     DISABLED, null",
		"AuditEvent,         policy,       OTHER,     DISABLED, null",
	})
	void decidesPerParameter(String type, String param, SearchParamKind kind, Treatment.Kind expected, Normaliser normaliser) {
		Treatment treatment = policy.treatmentOf(type, param, kind);

		assertThat(treatment.kind()).isEqualTo(expected);
		assertThat(treatment.normaliser()).isEqualTo(normaliser);
	}

	@Test
	void everyReplacementIsABlindTokenAndNeverAClearStringOrDate() {
		for (BlindTokenParameters.Replacement replacement : BlindTokenParameters.replacements()) {
			assertThat(policy.treatmentOf(replacement.base(), replacement.indexCode(), SearchParamKind.TOKEN).isBlind()).isTrue();
			assertThat(policy.treatmentOf(replacement.base(), replacement.code(), SearchParamKind.STRING).isDisabled()).isTrue();
			assertThat(policy.treatmentOf(replacement.base(), replacement.code(), SearchParamKind.DATE).isDisabled()).isTrue();
		}
	}

	@Test
	void replacementsCoverPatientNamesAddressesAndBirthDate() {
		assertThat(BlindTokenParameters.replacements())
				.filteredOn(r -> r.base().equals("Patient"))
				.extracting(BlindTokenParameters.Replacement::code)
				.containsExactlyInAnyOrder("name", "family", "given", "birthdate", "address", "address-city",
						"address-state", "address-postalcode", "address-country");
		assertThat(BlindTokenParameters.replacements()).extracting(BlindTokenParameters.Replacement::url).doesNotHaveDuplicates();
		assertThat(BlindTokenParameters.replacements()).extracting(BlindTokenParameters.Replacement::id)
				.allSatisfy(id -> assertThat(id).matches("[a-z0-9-]{1,64}"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({
		"family-blind,                         family",
		"subject:Patient.family-blind:exact,   subject:Patient.family:exact",
		"_has:Observation:patient:code,        _has:Observation:patient:code",
		"address-city-blind,                   address-city",
		"color-blindness,                      color-blindness",
	})
	void clientFacingNamesDropTheIndexSuffix(String name, String expected) {
		assertThat(BlindTokenParameters.clientFacingName(name)).isEqualTo(expected);
	}
}
