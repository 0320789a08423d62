package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.RawHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.Test;

/**
 * The "revoked consent" row of the matrix: pharmacy 5 pages through A's prescriptions, A revokes
 * Consent {@code c5} between two pages, and the next page shows nothing of A — no match, no
 * include reached through the now hidden prescription, no total, no next link. Every later request
 * answers as if A's data did not exist; only the revoked Consent itself, which names the pharmacy,
 * stays visible to it.
 */
class PagingAfterRevocationIntegrationTests extends ConsentIntegrationTest {


	@Test
	void theNextPageOfAnOpenSearchShowsNothingOnceTheConsentIsRevoked() {
		RawHttp pharmacy = as(Row.REVOKED_CONSENT);
		Bundle first = search(pharmacy, "MedicationRequest?subject=" + world.ref("A") + "&_count=1"
				+ "&_include=MedicationRequest:requester&_sort=_id");
		assertThat(keysIn(first, SearchEntryMode.MATCH)).containsExactly("a1");
		assertThat(keysIn(first, SearchEntryMode.INCLUDE)).containsExactly("doc1");
		assertThat(first.hasTotal()).isFalse();
		String next = first.getLink("next").getUrl();

		revokeC5();

		RawHttp.Response secondPage = pharmacy.get(next);
		assertThat(secondPage.status()).isEqualTo(200);
		Bundle second = parse(Bundle.class, secondPage);
		assertThat(second.getEntry()).as("a2 and its requester doc2").isEmpty();
		assertThat(second.hasTotal()).isFalse();
		assertThat(second.getLink("next")).isNull();
		assertThat(second.getLink("last")).isNull();

		assertLikeNonexistent(pharmacy, world.ref("a1"), "MedicationRequest", world.id("a1"), pharmacy.get(world.ref("a1")));
		assertThat(keysIn(search(pharmacy, "MedicationRequest?subject=" + world.ref("A")))).isEmpty();
		assertThat(pharmacy.get(world.ref("c5")).status()).as("the revoked Consent still names the pharmacy").isEqualTo(200);
		String everything = world.ref("A") + "/$everything";
		assertLikeNonexistent(pharmacy, everything, "Patient", world.id("A"), pharmacy.get(everything));
		Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
		batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(world.ref("a2"));
		Bundle answered = parse(Bundle.class, pharmacy.send("POST", "", "application/fhir+json", encode(batch)));
		assertThat(answered.getEntryFirstRep().getResponse().getStatus()).startsWith("404");
	}

	/** The control: without a revocation the same paging shows both prescriptions. */
	@Test
	void pagingShowsEveryVisiblePrescriptionWhileTheConsentHolds() {
		RawHttp pharmacy = as(Row.PHARMACY_WITH_CONSENT);
		Bundle first = search(pharmacy, "MedicationRequest?subject=" + world.ref("A") + "&_count=1"
				+ "&_include=MedicationRequest:requester&_sort=_id");
		assertThat(keysIn(first, SearchEntryMode.MATCH)).containsExactly("a1");
		Bundle second = parse(Bundle.class, pharmacy.get(first.getLink("next").getUrl()));
		assertThat(keysIn(second, SearchEntryMode.MATCH)).containsExactly("a2");
		assertThat(keysIn(second, SearchEntryMode.INCLUDE)).containsExactly("doc2");
		assertThat(second.hasTotal()).isFalse();
	}

	/**
	 * Hidden resources ahead of the visible ones in sort order neither push the visible ones off the
	 * pages nor show: following next links yields exactly the visible prescriptions, no page carries a
	 * total, and no short page carries a next link.
	 */
	@Test
	void hiddenResourcesAheadInSortOrderDoNotDisplaceVisibleOnes() {
		for (int n = 1; n <= 20; n++) {
			MedicationRequest hidden = world.prescription("B", "doc2");
			hidden.setId("MedicationRequest/" + world.prefix + "-zz" + n);
			client.update().resource(hidden).execute();
		}
		RawHttp pharmacy = as(Row.PHARMACY_WITH_CONSENT);
		List<String> shown = new ArrayList<>();
		String next = "MedicationRequest?subject=" + world.ref("A") + "," + world.ref("B") + "&_sort=-_id&_count=1";
		for (int pages = 0; next != null; pages++) {
			assertThat(pages).as("pages").isLessThan(5);
			Bundle page = search(pharmacy, next);
			Set<String> matches = keysIn(page, SearchEntryMode.MATCH);
			shown.addAll(matches);
			assertThat(page.hasTotal()).isFalse();
			next = page.getLink("next") == null ? null : page.getLink("next").getUrl();
			if (matches.isEmpty()) {
				assertThat(next).as("a short page has no next link").isNull();
			}
		}
		assertThat(shown).containsExactly("a2", "a1");
	}

	/** Patient A withdraws the Consent (status inactive) with its own token: a write the rules allow. */
	private void revokeC5() {
		Consent revoked = world.consent(Consent.ConsentState.INACTIVE, "pharm5",
				"MedicationRequest", "MedicationDispense", "Patient");
		revoked.setId(world.ref("c5"));
		RawHttp.Response response = as(Row.PATIENT_A).send("PUT", world.ref("c5"), "application/fhir+json", encode(revoked));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	private Bundle search(RawHttp caller, String path) {
		RawHttp.Response response = caller.get(path);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return parse(Bundle.class, response);
	}
}
