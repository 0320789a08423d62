package io.fhirnotary.server.consent;

import static io.fhirnotary.server.consent.ConsentMatrixIntegrationTests.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.RawHttp;
import java.net.http.HttpRequest;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * Surfaces that are not filtered resource by resource are not there at all: GraphQL and bulk
 * export are not registered (for anyone), and operations and search features whose answers would
 * include hidden resources are refused to everyone but a custodian who sees everything.
 */
class DisabledSurfacesIntegrationTests extends ConsentIntegrationTest {

	@Test
	void graphQlAndBulkExportAreNotRegistered() {
		for (RawHttp caller : List.of(http, as(Row.PHARMACY_WITH_CONSENT), as(Row.PATIENT_A))) {
			for (String path : List.of("$graphql?query=%7BPatientList%7Bid%7D%7D", world.ref("A") + "/$graphql?query=%7Bid%7D",
					"$export", "Patient/$export", "Group/" + world.prefix + "-g/$export")) {
				RawHttp.Response response = caller.send(HttpRequest.newBuilder(caller.uri(path))
						.header("Prefer", "respond-async").GET());
				assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
				assertThat(parse(OperationOutcome.class, response).getIssue()).as(path).isNotEmpty();
			}
			RawHttp.Response post = caller.send("POST", "$graphql", "application/json", "{\"query\":\"{PatientList{id}}\"}");
			assertThat(post.status()).isEqualTo(400);
			assertThat(parse(OperationOutcome.class, post).getIssue()).isNotEmpty();
		}
	}

	@Test
	void operationsThatWouldCountOrCollectHiddenResourcesAreForCustodiansOnly() {
		assertThat(http.get("$get-resource-counts").status()).isEqualTo(200);
		for (Row row : List.of(Row.PATIENT_A, Row.PHARMACY_WITH_CONSENT, Row.AUDITOR, Row.EMERGENCY)) {
			for (String path : List.of("$get-resource-counts", "$meta", "Patient/$meta", "Patient/$everything",
					"Observation/$lastn", "Composition/" + world.prefix + "-x/$document",
					"Encounter/" + world.prefix + "-x/$everything")) {
				assertRefused(as(row).get(path), 403, row + " " + path);
			}
		}
	}

	@Test
	void searchFeaturesThatCannotBeLimitedToVisibleResourcesAreRefused() {
		String a = world.ref("A");
		for (String path : List.of("MedicationRequest?_list=" + world.prefix + "-list",
				"MedicationRequest?_filter=status%20eq%20active", "Observation?_content=heart",
				"Observation?_text=heart", "MedicationRequest?_query=mine", "MedicationRequest?_contained=true",
				"Observation?based-on:below=" + world.ref("a1"))) {
			assertRefused(as(Row.PHARMACY_WITH_CONSENT).get(path), 400, path);
		}
		RawHttp.Response uncached = as(Row.PHARMACY_WITH_CONSENT).send(HttpRequest.newBuilder(
						http.uri("MedicationRequest?subject=" + a))
				.header("Cache-Control", "no-store").GET());
		assertRefused(uncached, 400, "Cache-Control: no-store");
		RawHttp.Response custodian = http.send(HttpRequest.newBuilder(http.uri("MedicationRequest?subject=" + a))
				.header("Cache-Control", "no-store").GET());
		assertThat(custodian.status()).isEqualTo(200);
	}
}
