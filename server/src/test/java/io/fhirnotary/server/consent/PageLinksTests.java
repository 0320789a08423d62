package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class PageLinksTests {

	private static Bundle page(String nextUrl) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(57);
		bundle.addLink().setRelation("self").setUrl("http://x/fhir/MedicationRequest?subject=Patient/a");
		bundle.addLink().setRelation("next").setUrl(nextUrl);
		bundle.addLink().setRelation("last").setUrl("http://x/fhir?_getpages=abc&_getpagesoffset=40&_count=20");
		return bundle;
	}

	@Test
	void aFullPageKeepsItsNextLinkButNeverATotalOrALastLink() {
		Bundle bundle = page("http://x/fhir?_getpages=abc&_getpagesoffset=20&_count=20&_bundletype=searchset");
		PageLinks.hideWhatConsentRemoved(bundle, 20, 50);
		assertThat(bundle.hasTotal()).isFalse();
		assertThat(bundle.getLink("last")).isNull();
		assertThat(bundle.getLink("next")).isNotNull();
		assertThat(bundle.getLink("self")).isNotNull();
	}

	@Test
	void aShortPageLosesItsNextLink() {
		Bundle bundle = page("http://x/fhir?_getpages=abc&_getpagesoffset=20&_count=20");
		PageLinks.hideWhatConsentRemoved(bundle, 19, 50);
		assertThat(bundle.getLink("next")).isNull();
	}

	@Test
	void withoutCountInTheLinkTheDefaultPageSizeCounts() {
		Bundle full = page("http://x/fhir/Patient/a/_history?_offset=20");
		PageLinks.hideWhatConsentRemoved(full, 20, 20);
		assertThat(full.getLink("next")).isNotNull();
		Bundle shortPage = page("http://x/fhir/Patient/a/_history?_offset=20");
		PageLinks.hideWhatConsentRemoved(shortPage, 5, 20);
		assertThat(shortPage.getLink("next")).isNull();
	}

	@Test
	void queryParametersAreDecodedAndRepeatable() {
		assertThat(PageLinks.queryParameters("http://x/fhir/MedicationRequest?_include=MedicationRequest%3Asubject"
						+ "&_include=MedicationRequest:requester&_revinclude:iterate=X:y"))
				.containsEntry("_include", java.util.List.of("MedicationRequest:subject", "MedicationRequest:requester"))
				.containsEntry("_revinclude:iterate", java.util.List.of("X:y"));
		assertThat(PageLinks.queryParameters(null)).isEmpty();
		assertThat(PageLinks.queryParameters("http://x/fhir/Patient")).isEmpty();
	}
}
