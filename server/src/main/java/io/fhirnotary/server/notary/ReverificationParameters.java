package io.fhirnotary.server.notary;

import io.fhirnotary.notary.verify.VersionVerifier;
import java.util.Locale;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The {@code Parameters} answer of {@code $notary-reverify}: {@code checked}, one count per result
 * ({@code valid}, {@code tampered}, {@code pending}, {@code unknown}), {@code missing},
 * {@code erased}, {@code durationMs}, then a {@code tamperedVersion} and a {@code missingVersion}
 * per affected version (references only: type/id/_history/version, never content).
 */
final class ReverificationParameters {

	private ReverificationParameters() {
	}

	static Parameters of(ReverificationJob.Run run) {
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("checked").setValue(NotaryOperationProvider.number(run.checked()));
		for (VersionVerifier.Result result : VersionVerifier.Result.values()) {
			parameters.addParameter().setName(result.name().toLowerCase(Locale.ROOT))
					.setValue(NotaryOperationProvider.number(run.counts().getOrDefault(result, 0)));
		}
		parameters.addParameter().setName("missing").setValue(NotaryOperationProvider.number(run.missing().size()));
		parameters.addParameter().setName("erased").setValue(NotaryOperationProvider.number(run.erased()));
		parameters.addParameter().setName("durationMs").setValue(NotaryOperationProvider.number(run.durationMillis()));
		run.tampered().forEach(reference -> parameters.addParameter().setName("tamperedVersion").setValue(new StringType(reference)));
		run.missing().forEach(reference -> parameters.addParameter().setName("missingVersion").setValue(new StringType(reference)));
		return parameters;
	}
}
