package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

class CachedPatientConsentsTests {

	private final ResourceRef alice = new ResourceRef("Patient", "alice");
	private final ResourceRef bob = new ResourceRef("Patient", "bob");
	private final Map<ResourceRef, List<Consent>> stored = new HashMap<>();
	private final List<ResourceRef> loads = new ArrayList<>();
	private final CachedPatientConsents cache = new CachedPatientConsents(patient -> {
		loads.add(patient);
		return stored.getOrDefault(patient, List.of());
	}, 100);

	@Test
	void aPatientsConsentsAreLoadedOncePerGeneration() {
		stored.put(alice, List.of(consent("c1", Consent.ConsentState.ACTIVE)));

		cache.consentsOf(alice, "7");
		cache.consentsOf(alice, "7");
		cache.consentsOf(bob, "7");

		assertThat(loads).containsExactly(alice, bob);
	}

	@Test
	void aNewGenerationLoadsAfreshAndSeesTheWrite() {
		stored.put(alice, List.of(consent("c1", Consent.ConsentState.ACTIVE)));
		assertThat(cache.consentsOf(alice, "7")).extracting(c -> c.getStatus()).containsExactly(Consent.ConsentState.ACTIVE);

		stored.put(alice, List.of(consent("c1", Consent.ConsentState.INACTIVE))); // the revocation, generation 8
		assertThat(cache.consentsOf(alice, "7")).as("a request still under generation 7")
				.extracting(c -> c.getStatus()).containsExactly(Consent.ConsentState.ACTIVE);
		assertThat(cache.consentsOf(alice, "8")).extracting(c -> c.getStatus()).containsExactly(Consent.ConsentState.INACTIVE);
		assertThat(loads).containsExactly(alice, alice);
	}

	@Test
	void everyCallerGetsItsOwnCopies() {
		stored.put(alice, List.of(consent("c1", Consent.ConsentState.ACTIVE)));

		List<Consent> first = cache.consentsOf(alice, "1");
		first.get(0).setStatus(Consent.ConsentState.REJECTED);
		first.get(0).getProvision().addActor(); // what a HAPI getter may do while deciding

		Consent second = cache.consentsOf(alice, "1").get(0);
		assertThat(second).isNotSameAs(first.get(0));
		assertThat(second.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
		assertThat(second.hasProvision()).isFalse();
		assertThat(second.getIdElement().getIdPart()).isEqualTo("c1");
	}

	@Test
	void whatTheLoaderReturnsLaterDoesNotChangeWhatWasCached() {
		List<Consent> mutable = new ArrayList<>(List.of(consent("c1", Consent.ConsentState.ACTIVE)));
		stored.put(alice, mutable);
		cache.consentsOf(alice, "3");

		mutable.clear();

		assertThat(cache.consentsOf(alice, "3")).hasSize(1);
	}

	private static Consent consent(String id, Consent.ConsentState state) {
		Consent consent = new Consent();
		consent.setId(id);
		consent.setStatus(state);
		return consent;
	}
}
