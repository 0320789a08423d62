package io.fhirnotary.interceptors.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Medication codes from a terminology the server holds (RxNorm: the bundled subset or a loaded
 * release) must exist in it: a pharmacy acts on the code, so a mistyped one is a wrong drug.
 * Codings from systems the server does not hold are left to the instance validator.
 */
public final class KnownCodesCheck implements ResourceCheck {

	private final IValidationSupport terminology;
	private final ca.uhn.fhir.fhirpath.IFhirPath fhirPath;
	private final Set<String> checkedSystems;
	private final List<String> paths;

	/**
	 * @param checkedSystems code systems whose codes must be known
	 * @param paths          FHIRPath expressions of the CodeableConcepts to check
	 */
	public KnownCodesCheck(
			IValidationSupport terminology, ca.uhn.fhir.fhirpath.IFhirPath fhirPath, Set<String> checkedSystems, List<String> paths) {
		this.terminology = terminology;
		this.fhirPath = fhirPath;
		this.checkedSystems = Set.copyOf(checkedSystems);
		this.paths = List.copyOf(paths);
	}

	@Override
	public void check(Resource resource, WriteContext context, ValidationIssues issues) {
		for (String path : paths) {
			if (!path.startsWith(resource.fhirType() + ".")) {
				continue;
			}
			List<Base> codings = fhirPath.evaluate(resource, path + ".coding", Base.class);
			for (int i = 0; i < codings.size(); i++) {
				if (codings.get(i) instanceof Coding coding && checkedSystems.contains(coding.getSystem())) {
					checkOne(coding, path + ".coding[" + i + "]", issues);
				}
			}
		}
	}

	private void checkOne(Coding coding, String location, ValidationIssues issues) {
		if (!coding.hasCode()) {
			issues.error(IssueType.REQUIRED, location, "Coding from " + coding.getSystem() + " has no code");
			return;
		}
		var result = terminology.lookupCode(
				new ValidationSupportContext(terminology), new LookupCodeRequest(coding.getSystem(), coding.getCode()));
		if (result == null || !result.isFound()) {
			issues.error(IssueType.CODEINVALID, location,
					"Code '" + coding.getCode() + "' is not known in " + coding.getSystem());
		}
	}
}
