package io.fhirnotary.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.term.api.ITermReadSvc;
import io.fhirnotary.terminology.bundled.BundledTerminology;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The terminology shipped in the {@code terminology} module, stored once the server is up. */
@Configuration
public class TerminologyConfig {

	@Bean
	BundledTerminology bundledTerminology(FhirContext fhirContext) {
		return BundledTerminology.load(fhirContext);
	}

	@Bean
	BundledTerminologySeeder bundledTerminologySeeder(DaoRegistry daos, BundledTerminology content) {
		return new BundledTerminologySeeder(daos, content);
	}

	/**
	 * Seeds before readiness is reported (ApplicationReadyEvent listeners run before the
	 * readiness state turns ACCEPTING_TRAFFIC), so validation never races a missing code system.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void seedBundledTerminology(ApplicationReadyEvent ready) {
		ready.getApplicationContext().getBean(BundledTerminologySeeder.class).seed();
		// HAPI pages $expand (offset/count) only over pre-expanded value sets; its own job would
		// pre-expand the seeded ones within ten minutes, we do it before traffic arrives.
		ready.getApplicationContext().getBean(ITermReadSvc.class).preExpandDeferredValueSetsToTerminologyTables();
	}
}
