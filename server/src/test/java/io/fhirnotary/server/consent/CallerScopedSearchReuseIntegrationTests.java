package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.RawHttp;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

/**
 * Consent-filtered searches are reused like plain HAPI's, but only by the caller they were filtered
 * for, and only while no Consent has been written since ({@link CallerScopedConsentInterceptor}).
 * Each test asks a query no other test in this class asks, so HAPI's cache holds only what the
 * test itself put there.
 */
class CallerScopedSearchReuseIntegrationTests extends ConsentIntegrationTest {

	@Test
	void aPharmacyRepeatingItsSearchIsAnsweredFromItsOwnCachedSearch() {
		String query = "MedicationRequest?subject=" + world.ref("A") + "&status=active";
		int before = scopedSearchesStored();

		Bundle first = search(as(Row.PHARMACY_WITH_CONSENT), query);
		Bundle second = search(as(Row.PHARMACY_WITH_CONSENT), query);

		assertThat(keysIn(first)).containsExactlyInAnyOrder("a1", "a2");
		assertThat(keysIn(second)).containsExactlyInAnyOrder("a1", "a2");
		assertThat(scopedSearchesStored() - before).as("searches stored for the two requests").isEqualTo(1);
	}

	@Test
	void callersWithOtherConsentsNeverReceiveAnotherCallersFilteredList() {
		String query = "MedicationRequest?subject=" + world.ref("A") + "&intent=order";

		assertThat(keysIn(search(as(Row.PHARMACY_ONE_PRESCRIPTION), query))).containsExactly("a1");
		assertThat(keysIn(search(as(Row.PHARMACY_WITH_CONSENT), query))).containsExactlyInAnyOrder("a1", "a2");
		assertThat(keysIn(search(as(Row.PHARMACY_WITHOUT_CONSENT), query))).isEmpty();
		assertThat(keysIn(search(as(Row.CUSTODIAN), query))).containsExactlyInAnyOrder("a1", "a2");
		// and each again, now that every one of them has a cached search of its own
		assertThat(keysIn(search(as(Row.PHARMACY_WITHOUT_CONSENT), query))).isEmpty();
		assertThat(keysIn(search(as(Row.PHARMACY_ONE_PRESCRIPTION), query))).containsExactly("a1");
		assertThat(keysIn(search(as(Row.PHARMACY_WITH_CONSENT), query))).containsExactlyInAnyOrder("a1", "a2");
	}

	@Test
	void aCustodianNeverReusesAListFilteredForAPharmacy() {
		String query = "MedicationRequest?subject=" + world.ref("A") + "&_sort=_id";

		assertThat(keysIn(search(as(Row.PHARMACY_ONE_PRESCRIPTION), query))).containsExactly("a1");

		assertThat(keysIn(search(as(Row.CUSTODIAN), query))).containsExactly("a1", "a2");
	}

	@Test
	void aGrantShowsInThePharmacysVeryNextSearch() {
		String query = "MedicationRequest?subject=" + world.ref("A") + "&_sort=-_id";
		RawHttp pharmacy = as(Row.PHARMACY_WITHOUT_CONSENT);
		assertThat(keysIn(search(pharmacy, query))).isEmpty();

		String grant = store(world.consent(Consent.ConsentState.ACTIVE, "pharm2", "MedicationRequest"));
		try {
			assertThat(keysIn(search(pharmacy, query))).containsExactly("a2", "a1");
		} finally {
			Consent withdrawn = world.consent(Consent.ConsentState.INACTIVE, "pharm2", "MedicationRequest");
			withdrawn.setId(grant);
			RawHttp.Response response = as(Row.PATIENT_A).send("PUT", grant, "application/fhir+json", encode(withdrawn));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
		}

		assertThat(keysIn(search(pharmacy, query))).as("after the withdrawal").isEmpty();
	}

	@Test
	void everyCommittedConsentWriteAdvancesTheGenerationAndARolledBackOneDoesNot() {
		long before = generation();

		String grant = store(world.consent(Consent.ConsentState.ACTIVE, "pharm2", "Medication"));
		assertThat(generation()).as("after a create").isEqualTo(before + 1);

		Consent withdrawn = world.consent(Consent.ConsentState.INACTIVE, "pharm2", "Medication");
		withdrawn.setId(grant);
		RawHttp.Response update = as(Row.PATIENT_A).send("PUT", grant, "application/fhir+json", encode(withdrawn));
		assertThat(update.status()).as(update.body()).isEqualTo(200);
		assertThat(generation()).as("after an update").isEqualTo(before + 2);

		// a transaction whose Consent entry is stored, then undone by a failing entry
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(world.consent(Consent.ConsentState.ACTIVE, "pharm2", "Medication"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Consent");
		transaction.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Consent/no-such-consent-anywhere");
		transaction.addEntry().setResource(new org.hl7.fhir.r4.model.Patient().addGeneralPractitioner(
						new org.hl7.fhir.r4.model.Reference("Practitioner/missing-everywhere")))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		RawHttp.Response failed = as(Row.CUSTODIAN).send("POST", "", "application/fhir+json", encode(transaction));
		assertThat(failed.status()).as(failed.body()).isBetween(400, 499);
		assertThat(generation()).as("after a rolled-back transaction").isEqualTo(before + 2);
	}

	private long generation() {
		Long generation = jdbc.queryForObject(ConsentGeneration.READ, Long.class, ConsentGeneration.ROW);
		return generation == null ? -1 : generation;
	}

	private String store(Consent consent) {
		RawHttp.Response response = as(Row.PATIENT_A).send("POST", "Consent", "application/fhir+json", encode(consent));
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		Consent stored = parse(Consent.class, response);
		return "Consent/" + stored.getIdElement().getIdPart();
	}

	private int scopedSearchesStored() {
		Integer count = jdbc.queryForObject(
				"SELECT COUNT(*) FROM HFJ_SEARCH WHERE SEARCH_QUERY_STRING_VC LIKE ?",
				Integer.class,
				"%" + CallerSearchScope.MARK + "%");
		return count == null ? 0 : count;
	}

	private Bundle search(RawHttp caller, String path) {
		RawHttp.Response response = caller.get(path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return parse(Bundle.class, response);
	}
}
