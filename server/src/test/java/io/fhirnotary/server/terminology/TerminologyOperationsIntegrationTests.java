package io.fhirnotary.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * {@code $lookup}, {@code $validate-code} and {@code $expand} answer from the terminology the
 * server holds: the bundled RxNorm subset and DEA schedule value sets, FHIR's own code systems
 * (consent, purpose of use) and UCUM; unknown systems and value sets get a 4xx OperationOutcome.
 */
class TerminologyOperationsIntegrationTests extends PostgresIntegrationTest {

	private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
	private static final String SCHEDULE_II = "https://fhirnotary.io/fhir/ValueSet/dea-schedule-ii";
	private static final String CONTROLLED = "https://fhirnotary.io/fhir/ValueSet/controlled-substances";

	@Test
	void lookupGivesTheDisplayOfABundledMedicationCode() {
		Parameters result = parameters(http.get("CodeSystem/$lookup?system=" + RXNORM + "&code=314076"));

		assertThat(result.getParameter("display").getValue().primitiveValue()).isEqualTo("lisinopril 10 MG Oral Tablet");
	}

	@Test
	void lookupOfAnUnknownCodeOrSystemIsAClientError() {
		assertClientError(http.get("CodeSystem/$lookup?system=" + RXNORM + "&code=999999999"));
		assertClientError(http.get("CodeSystem/$lookup?system=http://example.org/no-such-system&code=x"));
	}

	@Test
	void validateCodeSaysWhetherACodeExists() {
		assertThat(result(http.get("CodeSystem/$validate-code?url=" + RXNORM + "&code=314076"))).isTrue();
		assertThat(result(http.get("CodeSystem/$validate-code?url=" + RXNORM + "&code=999999999"))).isFalse();
	}

	@Test
	void validateCodeKnowsFhirConsentAndPurposeOfUseVocabulariesAndUcum() {
		assertThat(result(http.get("CodeSystem/$validate-code?url=http://terminology.hl7.org/CodeSystem/consentscope&code=patient-privacy")))
				.isTrue();
		assertThat(result(http.get("CodeSystem/$validate-code?url=http://terminology.hl7.org/CodeSystem/v3-ActReason&code=ETREAT")))
				.isTrue();
		assertThat(result(http.get("CodeSystem/$validate-code?url=http://unitsofmeasure.org&code=mg"))).isTrue();
		assertThat(result(http.get("CodeSystem/$validate-code?url=http://unitsofmeasure.org&code=mgg"))).isFalse();
	}

	@Test
	void valueSetValidateCodeTellsScheduleTwoSubstancesApart() {
		String oxycodone = "1049221";
		String lisinopril = "314076";

		assertThat(result(http.get("ValueSet/$validate-code?url=" + SCHEDULE_II + "&system=" + RXNORM + "&code=" + oxycodone)))
				.isTrue();
		assertThat(result(http.get("ValueSet/$validate-code?url=" + SCHEDULE_II + "&system=" + RXNORM + "&code=" + lisinopril)))
				.isFalse();
	}

	@Test
	void expandFiltersAndPages() {
		ValueSet all = expansion(http.get("ValueSet/$expand?url=" + CONTROLLED));
		ValueSet filtered = expansion(http.get("ValueSet/$expand?url=" + CONTROLLED + "&filter=oxycodone"));
		ValueSet firstPage = expansion(http.get("ValueSet/$expand?url=" + CONTROLLED + "&offset=0&count=5"));
		ValueSet secondPage = expansion(http.get("ValueSet/$expand?url=" + CONTROLLED + "&offset=5&count=5"));

		assertThat(all.getExpansion().getContains()).hasSizeGreaterThan(10);
		assertThat(filtered.getExpansion().getContains()).isNotEmpty()
				.allSatisfy(c -> assertThat(c.getDisplay()).containsIgnoringCase("oxycodone"));
		assertThat(filtered.getExpansion().getContains().size()).isLessThan(all.getExpansion().getContains().size());
		assertThat(firstPage.getExpansion().getContains()).hasSize(5);
		assertThat(secondPage.getExpansion().getContains()).hasSize(5);
		Set<String> codes = new HashSet<>();
		firstPage.getExpansion().getContains().forEach(c -> codes.add(c.getCode()));
		secondPage.getExpansion().getContains().forEach(c -> codes.add(c.getCode()));
		assertThat(codes).hasSize(10);
	}

	@Test
	void pagingAValueSetNotYetPreExpandedIsAClientErrorNotAServerFault() {
		ValueSet fresh = new ValueSet().setUrl("https://example.org/fhir/ValueSet/fresh-" + java.util.UUID.randomUUID())
				.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
		ValueSet.ConceptSetComponent include = fresh.getCompose().addInclude().setSystem(RXNORM);
		for (String code : List.of("314076", "197361", "1049221", "308047", "206819")) {
			include.addConcept().setCode(code);
		}
		client.create().resource(fresh).execute();

		Response paged = http.get("ValueSet/$expand?url=" + fresh.getUrl() + "&count=2");

		assertThat(paged.status()).as(paged.body()).isEqualTo(400);
		assertThat(paged.body()).contains("too-costly").doesNotContain("incident");
	}

	@Test
	void expandingAnUnknownValueSetIsAClientError() {
		assertClientError(http.get("ValueSet/$expand?url=https://fhirnotary.io/fhir/ValueSet/no-such-value-set"));
	}

	private static void assertClientError(Response response) {
		assertThat(response.status()).as(response.body()).isBetween(400, 499);
		assertThat(response.body()).contains("OperationOutcome");
	}

	private static Parameters parameters(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return fhirContext().newJsonParser().parseResource(Parameters.class, response.body());
	}

	private static boolean result(Response response) {
		return ((org.hl7.fhir.r4.model.BooleanType) parameters(response).getParameter("result").getValue()).booleanValue();
	}

	private static ValueSet expansion(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return fhirContext().newJsonParser().parseResource(ValueSet.class, response.body());
	}

}
