package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.identity.ResourceRef;
import org.junit.jupiter.api.Test;

class ResponseBundleGuardTests {

	@Test
	void theEverythingPatientComesFromTheSelfLink() {
		assertThat(ResponseBundleGuard.everythingPatient("http://x/fhir/Patient/p-1/$everything?_count=10"))
				.contains(new ResourceRef("Patient", "p-1"));
		assertThat(ResponseBundleGuard.everythingPatient("http://x/fhir/Encounter/e/$everything")).isEmpty();
		assertThat(ResponseBundleGuard.everythingPatient("http://x/fhir/Patient?_id=p")).isEmpty();
	}
}
