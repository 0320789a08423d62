package io.fhirnotary.interceptors.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmartScopesTests {

	@ParameterizedTest(name = "''{0}'' allows {2} on {1}/{3}: {4}")
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
		# scope claim                                             | level   | interaction | type               | allowed
		# --- SMART v2: each letter grants exactly its interaction
		user/Observation.c                                        | USER    | CREATE      | Observation        | true
		user/Observation.c                                        | USER    | READ        | Observation        | false
		user/Observation.r                                        | USER    | READ        | Observation        | true
		user/Observation.r                                        | USER    | SEARCH      | Observation        | false
		user/Observation.u                                        | USER    | UPDATE      | Observation        | true
		user/Observation.u                                        | USER    | CREATE      | Observation        | false
		user/Observation.d                                        | USER    | DELETE      | Observation        | true
		user/Observation.d                                        | USER    | UPDATE      | Observation        | false
		user/Observation.s                                        | USER    | SEARCH      | Observation        | true
		user/Observation.s                                        | USER    | READ        | Observation        | false
		patient/MedicationRequest.rs                              | PATIENT | READ        | MedicationRequest  | true
		patient/MedicationRequest.rs                              | PATIENT | SEARCH      | MedicationRequest  | true
		patient/MedicationRequest.rs                              | PATIENT | CREATE      | MedicationRequest  | false
		patient/MedicationRequest.rs                              | PATIENT | UPDATE      | MedicationRequest  | false
		patient/MedicationRequest.rs                              | PATIENT | DELETE      | MedicationRequest  | false
		patient/MedicationRequest.cud                             | PATIENT | UPDATE      | MedicationRequest  | true
		patient/MedicationRequest.cud                             | PATIENT | READ        | MedicationRequest  | false
		# --- the type must match, the wildcard matches every type
		patient/MedicationRequest.rs                              | PATIENT | READ        | Observation        | false
		user/*.cruds                                              | USER    | CREATE      | Consent            | true
		user/*.cruds                                              | USER    | READ        | Patient            | true
		user/*.cruds                                              | USER    | UPDATE      | MedicationRequest  | true
		user/*.cruds                                              | USER    | DELETE      | AuditEvent         | true
		user/*.cruds                                              | USER    | SEARCH      | Organization       | true
		user/*.rs                                                 | USER    | READ        | null               | false
		# --- the context level must match
		patient/MedicationRequest.rs                              | USER    | READ        | MedicationRequest  | false
		patient/MedicationRequest.rs                              | SYSTEM  | READ        | MedicationRequest  | false
		user/*.cruds                                              | SYSTEM  | READ        | Patient            | false
		user/*.cruds                                              | PATIENT | READ        | Patient            | false
		system/*.rs                                               | SYSTEM  | READ        | Patient            | true
		system/*.rs                                               | SYSTEM  | CREATE      | Patient            | false
		system/*.rs                                               | USER    | READ        | Patient            | false
		# --- SMART v1: read = rs, write = cud, * = cruds
		patient/*.read                                            | PATIENT | READ        | Observation        | true
		patient/*.read                                            | PATIENT | SEARCH      | Observation        | true
		patient/*.read                                            | PATIENT | CREATE      | Observation        | false
		user/Observation.write                                    | USER    | CREATE      | Observation        | true
		user/Observation.write                                    | USER    | UPDATE      | Observation        | true
		user/Observation.write                                    | USER    | DELETE      | Observation        | true
		user/Observation.write                                    | USER    | READ        | Observation        | false
		user/Observation.write                                    | USER    | SEARCH      | Observation        | false
		user/Observation.*                                        | USER    | READ        | Observation        | true
		user/Observation.*                                        | USER    | DELETE      | Observation        | true
		system/*.*                                                | SYSTEM  | UPDATE      | Consent            | true
		# --- several tokens: the union, non-resource scopes ignored
		openid fhirUser launch/patient offline_access patient/MedicationRequest.r | PATIENT | READ | MedicationRequest | true
		openid fhirUser launch/patient offline_access patient/MedicationRequest.r | PATIENT | SEARCH | MedicationRequest | false
		'  patient/Observation.r   patient/Observation.s  '       | PATIENT | SEARCH      | Observation        | true
		openid fhirUser                                           | PATIENT | READ        | Patient            | false
		# --- malformed tokens grant nothing
		patient/MedicationRequest.sr                              | PATIENT | READ        | MedicationRequest  | false
		patient/MedicationRequest.rr                              | PATIENT | READ        | MedicationRequest  | false
		patient/MedicationRequest.x                               | PATIENT | READ        | MedicationRequest  | false
		patient/MedicationRequest.RS                              | PATIENT | READ        | MedicationRequest  | false
		patient/MedicationRequest.                                | PATIENT | READ        | MedicationRequest  | false
		patient/MedicationRequest                                 | PATIENT | READ        | MedicationRequest  | false
		patient/medicationRequest.rs                              | PATIENT | READ        | medicationRequest  | false
		patient/.rs                                               | PATIENT | READ        | MedicationRequest  | false
		patient/*.read?status=active                              | PATIENT | READ        | MedicationRequest  | false
		Patient/*.rs                                              | PATIENT | READ        | MedicationRequest  | false
		admin/*.rs                                                | PATIENT | READ        | MedicationRequest  | false
		patient/*.rs?                                             | PATIENT | READ        | MedicationRequest  | false
		patient/*.rs?=x                                           | PATIENT | READ        | MedicationRequest  | false
		# --- restricted v2 scopes grant nothing on their own (their queries are not evaluated)
		patient/Observation.rs?category=laboratory                | PATIENT | READ        | Observation        | false
		patient/Observation.rs?category=laboratory patient/Observation.rs | PATIENT | READ | Observation       | true
		# --- no claim at all
		null                                                      | PATIENT | READ        | Patient            | false
		''                                                        | PATIENT | READ        | Patient            | false
		""")
	void allows(String claim, ContextLevel level, Interaction interaction, String type, boolean allowed) {
		assertThat(SmartScopes.parse(claim).allows(level, type, interaction)).isEqualTo(allowed);
	}

	@ParameterizedTest(name = "''{0}'' is {1}")
	@CsvSource(delimiter = '|', textBlock = """
		patient/MedicationRequest.rs               | RESOURCE
		user/*.cruds                               | RESOURCE
		system/*.rs                                | RESOURCE
		patient/*.read                             | RESOURCE
		user/Observation.write                     | RESOURCE
		user/Observation.*                         | RESOURCE
		patient/Observation.rs?category=laboratory | RESOURCE
		openid                                     | OTHER
		fhirUser                                   | OTHER
		launch/patient                             | OTHER
		launch                                     | OTHER
		offline_access                             | OTHER
		online_access                              | OTHER
		profile                                    | OTHER
		Patient/*.rs                               | OTHER
		patient/MedicationRequest.sr               | REJECTED
		patient/MedicationRequest                  | REJECTED
		patient/*.read?x=y                         | REJECTED
		user/                                      | REJECTED
		system/*.xyz                               | REJECTED
		""")
	void sortsEachTokenIntoOneKind(String token, String kind) {
		SmartScopes scopes = SmartScopes.parse(token);
		assertThat(scopes.resourceScopes().isEmpty()).isEqualTo(!kind.equals("RESOURCE"));
		assertThat(scopes.otherScopes().contains(token)).isEqualTo(kind.equals("OTHER"));
		assertThat(scopes.rejected().contains(token)).isEqualTo(kind.equals("REJECTED"));
	}

	@ParameterizedTest(name = "''{0}'' has levels {1}")
	@CsvSource(delimiter = '|', textBlock = """
		openid fhirUser                                | ''
		patient/*.rs                                   | PATIENT
		patient/*.rs user/Practitioner.r               | PATIENT USER
		system/*.rs user/*.rs patient/Observation.rs?category=laboratory | PATIENT USER SYSTEM
		patient/*.sr                                   | ''
		""")
	void reportsTheContextLevelsPresent(String claim, String levels) {
		String present = String.join(" ", SmartScopes.parse(claim).contextLevels().stream().map(Enum::name).toList());
		assertThat(present).isEqualTo(levels);
	}

	@Test
	void keepsRejectedTokensInOrderForTheLog() {
		SmartScopes scopes = SmartScopes.parse("patient/*.rs patient/*.x openid user/Observation.rr");
		assertThat(scopes.rejected()).containsExactly("patient/*.x", "user/Observation.rr");
		assertThat(scopes.otherScopes()).containsExactly("openid");
		assertThat(scopes.resourceScopes()).extracting(ResourceScope::token).containsExactly("patient/*.rs");
	}

	@Test
	void keepsTheQueryOfARestrictedScopeAsWritten() {
		ResourceScope scope = SmartScopes
				.parse("patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory&status=final&status=amended")
				.resourceScopes().get(0);
		assertThat(scope.level()).isEqualTo(ContextLevel.PATIENT);
		assertThat(scope.resourceType()).isEqualTo("Observation");
		assertThat(scope.isRestricted()).isTrue();
		assertThat(scope.restrictions()).isEqualTo(Map.of(
				"category", List.of("http://terminology.hl7.org/CodeSystem/observation-category|laboratory"),
				"status", List.of("final", "amended")));
	}

	@Test
	void v1ScopesMapToTheirV2Letters() {
		assertThat(SmartScopes.parse("user/*.read").resourceScopes().get(0).interactions())
				.containsExactlyInAnyOrder(Interaction.READ, Interaction.SEARCH);
		assertThat(SmartScopes.parse("user/*.write").resourceScopes().get(0).interactions())
				.containsExactlyInAnyOrder(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);
		assertThat(SmartScopes.parse("user/*.*").resourceScopes().get(0).interactions())
				.containsExactlyInAnyOrder(Interaction.values());
	}

	@Test
	void acceptsScopesAlreadySplitIntoAnArray() {
		SmartScopes scopes = SmartScopes.of(List.of("openid", " patient/*.rs ", ""));
		assertThat(scopes.allows(ContextLevel.PATIENT, "Observation", Interaction.READ)).isTrue();
		assertThat(scopes.hasOtherScope("openid")).isTrue();
	}

	@Test
	void seeingMeansReadOrSearch() {
		assertThat(SmartScopes.parse("user/Patient.s").allowsSeeing(ContextLevel.USER, "Patient")).isTrue();
		assertThat(SmartScopes.parse("user/Patient.r").allowsSeeing(ContextLevel.USER, "Patient")).isTrue();
		assertThat(SmartScopes.parse("user/Patient.cud").allowsSeeing(ContextLevel.USER, "Patient")).isFalse();
	}
}
