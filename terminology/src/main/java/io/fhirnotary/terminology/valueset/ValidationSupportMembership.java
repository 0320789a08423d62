package io.fhirnotary.terminology.valueset;

import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.Objects;

/**
 * Membership asked of a HAPI {@link IValidationSupport}: the coding is in the value set when
 * {@code validateCode} with that value set says it is valid.
 *
 * <p>Use it over whatever holds the value sets at run time, e.g. the server's validation chain
 * (stored terminology in front of the bundled content), so rules see loaded releases and
 * value sets too. Each call is one terminology validation; HAPI's chain caches the results.
 */
public final class ValidationSupportMembership implements ValueSetMembership {

	private final IValidationSupport support;
	private final ConceptValidationOptions options = new ConceptValidationOptions().setInferSystem(false);

	public ValidationSupportMembership(IValidationSupport support) {
		this.support = Objects.requireNonNull(support, "support");
	}

	@Override
	public boolean contains(String valueSetUrl, String system, String code) {
		if (valueSetUrl == null || system == null || code == null) {
			return false;
		}
		CodeValidationResult result =
				support.validateCode(new ValidationSupportContext(support), options, system, code, null, valueSetUrl);
		return result != null && result.isOk();
	}
}
