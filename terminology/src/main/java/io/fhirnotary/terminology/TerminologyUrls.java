package io.fhirnotary.terminology;

/**
 * Canonical URLs this module publishes or relies on.
 *
 * <p>RxNorm's URL is the one HL7 assigns (terminology.hl7.org); ours live under
 * {@code https://fhirnotary.io/fhir/}, which we control, so they never collide with anyone
 * else's definitions of the same idea.
 */
public final class TerminologyUrls {

	/** RxNorm, as named by HL7's terminology registry. */
	public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

	/** UCUM, for dose quantities. */
	public static final String UCUM = "http://unitsofmeasure.org";

	/** Our code system for the US DEA controlled-substance schedules II to V. */
	public static final String DEA_SCHEDULE_CODE_SYSTEM = "https://fhirnotary.io/fhir/CodeSystem/dea-schedule";

	/** Prefix of our value sets; each schedule's set appends its own name. */
	public static final String VALUE_SET_BASE = "https://fhirnotary.io/fhir/ValueSet/";

	/** Every code of the bundled RxNorm subset that falls under any DEA schedule. */
	public static final String CONTROLLED_SUBSTANCES_VALUE_SET = VALUE_SET_BASE + "controlled-substances";

	private TerminologyUrls() {}
}
