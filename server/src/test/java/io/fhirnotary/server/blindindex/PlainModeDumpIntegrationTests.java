package io.fhirnotary.server.blindindex;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dump test in plain mode (HAPI as it comes) must find the corpus's PHI, or the protected
 * test ({@link DumpHoldsNoPhiIntegrationTests}) would prove nothing. Runs on the plain-mode server
 * the suite already starts (same configuration as {@code EmbeddedDefaultsIntegrationTests}, so
 * Spring reuses that context instead of starting another), with H2's {@code SCRIPT} as the dump.
 */
@SpringBootTest(
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = {"fhirnotary.data-dir=./target/embedded-defaults-test", "fhirnotary.mode=plain"})
class PlainModeDumpIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theSameScanFindsEveryKindOfPhiInAPlainServersDump() {
		FhirContext fhir = FhirContext.forR4Cached();
		fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		fhir.getRestfulClientFactory().setSocketTimeout(300_000);
		IGenericClient client = fhir.newRestfulGenericClient("http://localhost:" + port + "/fhir");
		List<Bundle> bundles = SyntheaCorpus.parsedPatientBundles(fhir);
		CorpusPhi phi = CorpusPhi.of(bundles);
		if (!loaded(client, bundles)) {
			SyntheaCorpus.load(client); // once per data folder: it outlives the test run
		}

		DumpScan scan = new DumpScan(phi.byCategory(), CorpusPhi.PREFIX_CATEGORIES);
		jdbc.query("SCRIPT NOPASSWORDS NOSETTINGS", rs -> {
			scan.text(rs.getString(1));
		});

		assertThat(scan.isClean()).isFalse();
		for (String category : phi.byCategory().keySet()) {
			assertThat(scan.hits().values()).as("plain dump has %s", category)
					.anySatisfy(byCategory -> assertThat(byCategory).containsKey(category));
		}
	}

	private static boolean loaded(IGenericClient client, List<Bundle> bundles) {
		for (Bundle bundle : bundles) {
			Identifier first = ((Patient) bundle.getEntryFirstRep().getResource()).getIdentifierFirstRep();
			Bundle found = client.search().forResource(Patient.class)
					.where(Patient.IDENTIFIER.exactly().systemAndIdentifier(first.getSystem(), first.getValue()))
					.returnBundle(Bundle.class).execute();
			if (found.getEntry().isEmpty()) {
				return false;
			}
		}
		return true;
	}
}
