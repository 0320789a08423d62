package io.fhirnotary.interceptors.blindindex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchParameterRewriterTests {

	/** A few R4 parameters as the server registers them in protected mode. */
	private static final SearchParameterCatalog R4 = new SearchParameterCatalog() {
		private final Map<String, SearchParamKind> kinds = Map.ofEntries(
				Map.entry("Patient.identifier", SearchParamKind.TOKEN),
				Map.entry("Patient.name-blind", SearchParamKind.TOKEN),
				Map.entry("Patient.birthdate-blind", SearchParamKind.TOKEN),
				Map.entry("Patient.telecom", SearchParamKind.TOKEN),
				Map.entry("Patient.phonetic", SearchParamKind.STRING),
				Map.entry("Patient.organization", SearchParamKind.REFERENCE),
				Map.entry("Group.identifier", SearchParamKind.TOKEN),
				Map.entry("Organization.identifier", SearchParamKind.TOKEN),
				Map.entry("Organization.name-blind", SearchParamKind.TOKEN),
				Map.entry("Organization.alias", SearchParamKind.STRING),
				Map.entry("MedicationRequest.code", SearchParamKind.TOKEN),
				Map.entry("MedicationRequest.status", SearchParamKind.TOKEN),
				Map.entry("MedicationRequest.authoredon", SearchParamKind.DATE),
				Map.entry("MedicationRequest.patient", SearchParamKind.REFERENCE),
				Map.entry("MedicationRequest.subject", SearchParamKind.REFERENCE),
				Map.entry("MedicationRequest.requester", SearchParamKind.REFERENCE),
				Map.entry("Observation.code", SearchParamKind.TOKEN),
				Map.entry("Observation.patient", SearchParamKind.REFERENCE),
				Map.entry("Observation.code-value-quantity", SearchParamKind.COMPOSITE),
				Map.entry("Provenance.target", SearchParamKind.REFERENCE),
				Map.entry("AuditEvent.entity-type", SearchParamKind.TOKEN),
				Map.entry("AuditEvent.subtype", SearchParamKind.TOKEN),
				Map.entry("null._id", SearchParamKind.TOKEN),
				Map.entry("null._lastUpdated", SearchParamKind.DATE));

		@Override
		public Optional<SearchParamKind> kindOf(String resourceType, String paramName) {
			return Optional.ofNullable(kinds.get(resourceType + "." + paramName))
					.or(() -> Optional.ofNullable(kinds.get("null." + paramName)));
		}

		@Override
		public Set<String> referenceTargets(String resourceType, String paramName) {
			return switch (resourceType + "." + paramName) {
				case "MedicationRequest.patient" -> Set.of("Patient");
				case "MedicationRequest.subject" -> Set.of("Patient", "Group");
				case "MedicationRequest.requester" -> Set.of("Practitioner", "Organization", "Patient");
				case "Patient.organization" -> Set.of("Organization");
				default -> Set.of();
			};
		}
	};

	private final BlindTokens tokens = new BlindTokens(TestIndexKeys.randomKey());
	private final SearchParameterRewriter rewriter = new SearchParameterRewriter(new BlindIndexPolicy(), tokens, R4);

	private String blind(String value, Normaliser normaliser) {
		return tokens.blind(value, normaliser);
	}

	private Map<String, List<String>> rewrite(String type, String name, String value) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		parameters.put(name, List.of(value));
		return rewriter.rewrite(type, parameters);
	}

	@Test
	void tokenValuesAreBlindedWhileTheirSystemStaysClear() {
		String ssn = "http://hl7.org/fhir/sid/us-ssn";

		assertThat(rewrite("Patient", "identifier", ssn + "|999-12-3456"))
				.containsExactly(Map.entry("identifier", List.of(ssn + "|" + blind("999-12-3456", Normaliser.EXACT))));
		assertThat(rewrite("Patient", "identifier", "|999-12-3456").get("identifier"))
				.containsExactly("|" + blind("999-12-3456", Normaliser.EXACT));
		assertThat(rewrite("Patient", "identifier", "999-12-3456").get("identifier"))
				.containsExactly(blind("999-12-3456", Normaliser.EXACT));
		assertThat(rewrite("Patient", "identifier", ssn + "|").get("identifier")).containsExactly(ssn + "|");
	}

	@Test
	void alternativesEscapesAndNotAreHandled() {
		assertThat(rewrite("MedicationRequest", "code:not", "a|1,b|2\\,3").get("code:not"))
				.containsExactly("a|" + blind("1", Normaliser.EXACT) + ",b|" + blind("2,3", Normaliser.EXACT));
	}

	@Test
	void clearParametersPassUnchanged() {
		assertThat(rewrite("MedicationRequest", "status", "active").get("status")).containsExactly("active");
		assertThat(rewrite("MedicationRequest", "authoredon", "ge2020-01-01").get("authoredon")).containsExactly("ge2020-01-01");
		assertThat(rewrite("MedicationRequest", "patient", "Patient/123").get("patient")).containsExactly("Patient/123");
		assertThat(rewrite("MedicationRequest", "_count", "10").get("_count")).containsExactly("10");
	}

	@Test
	void namesTelecomAndBirthDatesUseTheirNormalisers() {
		assertThat(rewrite("Patient", "name", "josé").get("name-blind")).containsExactly(blind("JOSE", Normaliser.EXACT));
		assertThat(rewrite("Patient", "name:exact", "José").get("name-blind")).containsExactly(blind("JOSE", Normaliser.EXACT));
		assertThat(rewrite("Patient", "name-blind", "José").get("name-blind")).containsExactly(blind("JOSE", Normaliser.EXACT));
		assertThat(rewrite("Organization", "name", "Hallmark").get("name-blind")).containsExactly(blind("HALLMARK", Normaliser.EXACT));
		assertThat(rewrite("Patient", "telecom", "(555) 123-4567").get("telecom")).containsExactly(blind("5551234567", Normaliser.EXACT));
		assertThat(rewrite("Patient", "birthdate", "1980-04-02").get("birthdate-blind")).containsExactly(blind("1980-04-02", Normaliser.EXACT));
	}

	@Test
	void rewritingIsIdempotent() {
		Map<String, List<String>> once = rewrite("Patient", "identifier", "sys|123");

		assertThat(rewriter.rewrite("Patient", once)).isEqualTo(once);
	}

	@ParameterizedTest
	@ValueSource(strings = {"code:text", "code:above", "code:below", "code:in", "code:not-in", "code:of-type", "code:code-text"})
	void modifiersThatNeedClearValuesAreRefused(String name) {
		assertThatThrownBy(() -> rewrite("MedicationRequest", name, "x"))
				.isInstanceOf(UnsupportedBlindSearchException.class)
				.hasMessageContaining(name.substring(name.indexOf(':')));
	}

	@Test
	void auditEventParametersTheAuditTrailIsNotIndexedByAreRefusedAndSaySo() {
		assertThatThrownBy(() -> rewrite("AuditEvent", "entity-type", "http://terminology.hl7.org/CodeSystem/audit-entity-type|2"))
				.isInstanceOf(UnsupportedBlindSearchException.class)
				.hasMessageContaining("entity-type")
				.hasMessageContaining("audit trail is indexed by");
		assertThat(rewrite("AuditEvent", "subtype", "search-type").get("subtype"))
				.containsExactly(blind("search-type", Normaliser.EXACT));
	}

	@Test
	void refusalsNameTheParameterButNeverTheValue() {
		assertThatThrownBy(() -> rewrite("Patient", "phonetic", "Smith"))
				.isInstanceOf(UnsupportedBlindSearchException.class)
				.hasMessageContaining("phonetic")
				.hasMessageNotContaining("Smith");
		assertThatThrownBy(() -> rewrite("Patient", "birthdate", "ge1980-01-01"))
				.isInstanceOf(UnsupportedBlindSearchException.class)
				.hasMessageNotContaining("1980-01-01");
		assertThatThrownBy(() -> rewrite("Patient", "name:contains", "Smi"))
				.isInstanceOf(UnsupportedBlindSearchException.class)
				.hasMessageNotContaining("Smi\"");
		assertThatThrownBy(() -> rewrite("Observation", "code-value-quantity", "http://loinc.org|1234-5$gt5"))
				.isInstanceOf(UnsupportedBlindSearchException.class);
	}

	@Test
	void sortingByABlindedParameterIsRefusedButClearOnesSort() {
		assertThatThrownBy(() -> rewrite("Patient", "_sort", "-birthdate"))
				.isInstanceOf(UnsupportedBlindSearchException.class)
				.hasMessageContaining("birthdate");
		assertThat(rewrite("MedicationRequest", "_sort", "-authoredon,status").get("_sort")).containsExactly("-authoredon,status");
	}

	@Test
	void chainsAreFollowedToTheParameterTheyEndIn() {
		assertThat(rewrite("MedicationRequest", "patient.identifier", "sys|123"))
				.containsExactly(Map.entry("patient.identifier", List.of("sys|" + blind("123", Normaliser.EXACT))));
		assertThat(rewrite("MedicationRequest", "requester:Organization.identifier", "sys|123").get("requester:Organization.identifier"))
				.containsExactly("sys|" + blind("123", Normaliser.EXACT));
		// subject reaches Patient and Group; both blind identifier the same way
		assertThat(rewrite("MedicationRequest", "subject.identifier", "sys|123").get("subject.identifier"))
				.containsExactly("sys|" + blind("123", Normaliser.EXACT));
		assertThat(rewrite("MedicationRequest", "patient.organization.identifier", "sys|9").get("patient.organization.identifier"))
				.containsExactly("sys|" + blind("9", Normaliser.EXACT));
	}

	@Test
	void chainsThatReachTypesIndexingDifferentlyOrAnywhereAreRefused() {
		// requester reaches Patient (identifier: blind token) and Organization (alias: disabled string),
		// the fake Patient has no alias: one outcome each for identifier, none differs; name is renamed on all
		assertThat(rewrite("MedicationRequest", "requester.name", "x").get("requester.name-blind"))
				.containsExactly(blind("X", Normaliser.EXACT));
		assertThatThrownBy(() -> rewrite("MedicationRequest", "requester.alias", "x"))
				.isInstanceOf(UnsupportedBlindSearchException.class)
				.hasMessageContaining("alias");
		assertThatThrownBy(() -> rewrite("Provenance", "target.identifier", "x"))
				.isInstanceOf(UnsupportedBlindSearchException.class);
	}

	@Test
	void reverseChainsAreRewrittenOnTheirOwnType() {
		assertThat(rewrite("Patient", "_has:MedicationRequest:patient:code", "rx|197361"))
				.containsExactly(Map.entry("_has:MedicationRequest:patient:code", List.of("rx|" + blind("197361", Normaliser.EXACT))));
	}

	@Test
	void matchUrlsAreRewrittenAndOnlyWhenNeeded() {
		String url = "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi%7C9999959";

		String rewritten = rewriter.rewriteUrl("Patient?identifier=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Fus-ssn%7C999-12-3456&_count=1");

		assertThat(rewritten).startsWith("Patient?identifier=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Fus-ssn%7C"
				+ java.net.URLEncoder.encode(blind("999-12-3456", Normaliser.EXACT), java.nio.charset.StandardCharsets.UTF_8))
				.endsWith("&_count=1")
				.doesNotContain("999-12-3456");
		assertThat(rewriter.rewriteUrl(rewritten)).isEqualTo(rewritten);
		assertThat(rewriter.rewriteUrl("MedicationRequest?status=active")).isEqualTo("MedicationRequest?status=active");
		assertThat(rewriter.rewriteUrl("Patient/123")).isEqualTo("Patient/123");
		assertThat(rewriter.rewriteUrl("http://example.org/fhir/Organization?identifier=x"))
				.startsWith("http://example.org/fhir/Organization?identifier=hmac%3A");
		assertThat(url).isNotNull();
	}
}
