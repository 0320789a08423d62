package io.fhirnotary.interceptors.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallerTests {

	@ParameterizedTest(name = "{0} with purposes [{1}]: patient={2} practitioner={3} emergency={4} patientId={5}")
	@CsvSource(nullValues = "null", value = {
		"Patient/123,          '',          true,  false, false, 123",
		"Patient/123,          ETREAT,      true,  false, false, 123",
		"Practitioner/abc,     TREAT,       false, true,  false, null",
		"Practitioner/abc,     ETREAT,      false, true,  true,  null",
		"Practitioner/abc,     TREAT ETREAT, false, true, true,  null",
		"Organization/pharm1,  ETREAT,      false, false, false, null",
		"PractitionerRole/r1,  ETREAT,      false, false, false, null",
		"null,                 ETREAT,      false, false, false, null",
		"not a reference,      ETREAT,      false, false, false, null",
	})
	void derivesWhoTheCallerIs(String fhirUser, String purposes, boolean patient, boolean practitioner,
			boolean emergency, String patientId) {
		Caller.Builder builder = Caller.builder().fhirUser(fhirUser);
		for (String purpose : purposes.split(" ")) {
			builder.purposeOfUse(purpose);
		}
		Caller caller = builder.build();
		assertThat(caller.isPatient()).isEqualTo(patient);
		assertThat(caller.isPractitioner()).isEqualTo(practitioner);
		assertThat(caller.isEmergency()).isEqualTo(emergency);
		assertThat(caller.patientId().orElse(null)).isEqualTo(patientId);
	}

	@Test
	void identitiesAreTheUserAndItsOrganisations() {
		Caller pharmacist = Caller.builder().fhirUser("Practitioner/ph1").organization("Organization/pharm1")
				.organization("not a reference").build();
		assertThat(pharmacist.identities()).extracting(ResourceRef::toString)
				.containsExactly("Practitioner/ph1", "Organization/pharm1");
		assertThat(pharmacist.is(ResourceRef.parse("Organization/pharm1").orElseThrow())).isTrue();
		assertThat(pharmacist.is(ResourceRef.parse("Organization/pharm2").orElseThrow())).isFalse();
		assertThat(pharmacist.is(null)).isFalse();
	}

	@Test
	void rolesComeFromTheConfiguredClientListsWhateverTheBuilderOrder() {
		TrustedClients trusted = new TrustedClients(Set.of("hospital-ehr"), Set.of("audit"));
		Caller custodian = Caller.builder().trustedClients(trusted).clientId("hospital-ehr").build();
		Caller auditor = Caller.builder().clientId("audit").trustedClients(trusted).build();
		Caller stranger = Caller.builder().clientId("someone").custodian(true).trustedClients(trusted).build();
		assertThat(custodian.custodian()).isTrue();
		assertThat(custodian.auditor()).isFalse();
		assertThat(auditor.auditor()).isTrue();
		assertThat(stranger.custodian()).isFalse();
	}

	@Test
	void blankClientIdIsNeverTrusted() {
		TrustedClients trusted = new TrustedClients(Set.of(""), Set.of(" "));
		assertThat(trusted.isCustodian("")).isFalse();
		assertThat(trusted.isAuditor(" ")).isFalse();
		assertThat(trusted.isCustodian(null)).isFalse();
	}

	@Test
	void isImmutable() {
		Caller caller = Caller.builder().fhirUser("Patient/1").purposeOfUse("TREAT").build();
		assertThatThrownBy(() -> caller.purposesOfUse().add("ETREAT"))
				.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> caller.organizations().clear())
				.isInstanceOf(UnsupportedOperationException.class);
		assertThat(caller.scopes()).isEqualTo(SmartScopes.NONE);
	}
}
