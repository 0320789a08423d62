package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.IParser;
import io.fhirnotary.server.support.PostgresIntegrationTest;
import io.fhirnotary.server.support.RawHttp;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the consent integration tests: one {@link ConsentTestWorld} per test class, stored by the
 * custodian, and a token for every caller row of the matrix in {@code docs/CONSENT.md} §8.
 * Adds no Spring configuration, so all test classes share the one application context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsentIntegrationTest extends PostgresIntegrationTest {

	/** The caller rows of the matrix (opt-out is tested at unit level, see ResourceVisibilityTests). */
	enum Row {
		PATIENT_A,
		PATIENT_B,
		PRESCRIBER,
		PHARMACY_WITH_CONSENT,
		PHARMACY_WITHOUT_CONSENT,
		PHARMACY_ONE_PRESCRIPTION,
		PHARMACY_ONE_DISPENSE,
		EXPIRED_CONSENT,
		REVOKED_CONSENT,
		DENY_PROVISION,
		EMERGENCY,
		AUDITOR,
		CUSTODIAN,
		ACCESS_REQUESTER
	}

	protected ConsentTestWorld world;
	private final Map<Row, String> tokens = new EnumMap<>(Row.class);

	@BeforeAll
	void storeWorld() {
		String custodian = token(t -> t.clientId(CUSTODIAN_CLIENT).scope("system/*.cruds"));
		world = new ConsentTestWorld().store(clientAs(custodian));
		String pharmacyScopes = "user/*.rs user/MedicationDispense.c user/Consent.c";
		tokens.put(Row.PATIENT_A, patientToken("A"));
		tokens.put(Row.PATIENT_B, patientToken("B"));
		tokens.put(Row.PRESCRIBER, token(t -> t.clientId("ehr-app").fhirUser(world.ref("doc1"))
				.scope("user/*.rs user/MedicationRequest.cu")));
		tokens.put(Row.PHARMACY_WITH_CONSENT, userToken("pharm1", pharmacyScopes));
		tokens.put(Row.PHARMACY_WITHOUT_CONSENT, userToken("pharm2", pharmacyScopes));
		tokens.put(Row.PHARMACY_ONE_PRESCRIPTION, userToken("pharm3", pharmacyScopes));
		tokens.put(Row.EXPIRED_CONSENT, userToken("pharm4", pharmacyScopes));
		tokens.put(Row.REVOKED_CONSENT, userToken("pharm5", pharmacyScopes));
		tokens.put(Row.DENY_PROVISION, userToken("pharm6", pharmacyScopes));
		tokens.put(Row.ACCESS_REQUESTER, userToken("pharm7", pharmacyScopes));
		tokens.put(Row.PHARMACY_ONE_DISPENSE, userToken("pharm8", pharmacyScopes));
		tokens.put(Row.EMERGENCY, token(t -> t.clientId("er-app").fhirUser(world.ref("doc3"))
				.scope("user/*.rs").purposeOfUse("ETREAT")));
		tokens.put(Row.AUDITOR, token(t -> t.clientId(AUDITOR_CLIENT).scope("system/*.rs")));
		tokens.put(Row.CUSTODIAN, custodian);
	}

	private String patientToken(String key) {
		return token(t -> t.clientId("patient-app").fhirUser(world.ref(key)).scope("patient/*.rs patient/Consent.cud"));
	}

	private String userToken(String key, String scopes) {
		return token(t -> t.clientId("pharmacy-app").fhirUser(world.ref(key)).scope(scopes));
	}

	protected String tokenOf(Row row) {
		return tokens.get(row);
	}

	protected RawHttp as(Row row) {
		return httpAs(tokenOf(row));
	}

	protected static IParser json() {
		return fhirContext().newJsonParser();
	}

	protected static <T extends IBaseResource> T parse(Class<T> type, RawHttp.Response response) {
		return json().parseResource(type, response.body());
	}

	protected static String encode(Resource resource) {
		return json().encodeResourceToString(resource);
	}

	/** The world keys of the resources in a bundle (entries of any mode), ignoring everything else. */
	protected Set<String> keysIn(Bundle bundle) {
		Set<String> keys = new LinkedHashSet<>();
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			if (entry.getResource() != null) {
				String key = world.keyOf(entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart());
				if (key != null) {
					keys.add(key);
				}
			}
		}
		return keys;
	}

	/** Same as {@link #keysIn(Bundle)}, limited to entries of one search mode. */
	protected Set<String> keysIn(Bundle bundle, Bundle.SearchEntryMode mode) {
		Bundle only = new Bundle();
		bundle.getEntry().stream().filter(entry -> entry.getSearch().getMode() == mode).forEach(only::addEntry);
		return keysIn(only);
	}

	/**
	 * Asserts the response is exactly what the same caller gets for an id of the same type that was
	 * never stored (the path with the id replaced): 404, same body once the id is swapped.
	 */
	protected void assertLikeNonexistent(RawHttp caller, String path, String type, String id, RawHttp.Response actual) {
		assertLikeNonexistent(caller, "GET", path, null, null, type, id, actual);
	}

	/** Same as {@link #assertLikeNonexistent(RawHttp, String, String, String, RawHttp.Response)} for any method. */
	protected void assertLikeNonexistent(
			RawHttp caller, String method, String path, String contentType, String body, String type, String id,
			RawHttp.Response actual) {
		String ghostId = "ghost-" + world.prefix + "-x";
		RawHttp.Response ghost = caller.send(method, path.replace(type + "/" + id, type + "/" + ghostId), contentType, body);
		assertThat(actual.status()).as(method + " " + path + " " + actual.body()).isEqualTo(404).isEqualTo(ghost.status());
		assertThat(actual.body()).as("body of " + method + " " + path).isEqualTo(ghost.body().replace(ghostId, id));
		assertThat(actual.contentType()).isEqualTo(ghost.contentType());
		assertThat(parse(OperationOutcome.class, actual).getIssue()).hasSize(1);
	}
}
