package io.fhirnotary.terminology.valueset;

/**
 * Answers whether a coding belongs to a value set.
 *
 * <p>The one question prescription rules ask of terminology. Implementations decide where the
 * answer comes from: {@link EnumeratedValueSetMembership} reads value sets that list their codes
 * (the bundled DEA sets), {@link ValidationSupportMembership} asks any HAPI
 * {@code IValidationSupport}, such as the server's chain over stored terminology.
 */
@FunctionalInterface
public interface ValueSetMembership {

	/**
	 * @param valueSetUrl the value set's canonical URL (no version)
	 * @param system the coding's system
	 * @param code the coding's code
	 * @return true only if the value set is known and contains the coding; an unknown value set
	 *     contains nothing
	 */
	boolean contains(String valueSetUrl, String system, String code);
}
