package io.fhirnotary.interceptors.validation;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Validates resources of the configured types before they are stored: FHIR structure,
 * cardinality, invariants and bindings (HAPI's instance validator), then this project's own
 * checks per type (known medication codes, references that resolve, prescription rules).
 * Resources of other types pass untouched.
 */
public final class WriteValidator {

	private final FhirValidator instanceValidator;
	private final Set<String> validatedTypes;
	private final Map<String, List<ResourceCheck>> checksByType;

	public WriteValidator(
			FhirValidator instanceValidator, Set<String> validatedTypes, Map<String, List<ResourceCheck>> checksByType) {
		this.instanceValidator = instanceValidator;
		this.validatedTypes = Set.copyOf(validatedTypes);
		this.checksByType = Map.copyOf(checksByType);
	}

	public boolean validates(String resourceType) {
		return validatedTypes.contains(resourceType);
	}

	public Set<String> validatedTypes() {
		return validatedTypes;
	}

	/** Every issue found; callers reject the write when {@link ValidationIssues#hasErrors()}. */
	public ValidationIssues validate(Resource resource, WriteContext context) {
		ValidationIssues issues = new ValidationIssues();
		String type = resource.fhirType();
		if (!validates(type)) {
			return issues;
		}
		ValidationResult result = instanceValidator.validateWithResult(resource);
		for (SingleValidationMessage message : result.getMessages()) {
			IssueSeverity severity = severity(message.getSeverity());
			if (severity == IssueSeverity.ERROR || severity == IssueSeverity.FATAL || severity == IssueSeverity.WARNING) {
				issues.add(new ValidationIssues.Issue(
						severity, IssueType.PROCESSING, message.getLocationString(), message.getMessage()));
			}
		}
		for (ResourceCheck check : checksByType.getOrDefault(type, List.of())) {
			check.check(resource, context, issues);
		}
		return issues;
	}

	private static IssueSeverity severity(ResultSeverityEnum severity) {
		if (severity == null) {
			return IssueSeverity.INFORMATION;
		}
		return switch (severity) {
			case FATAL -> IssueSeverity.FATAL;
			case ERROR -> IssueSeverity.ERROR;
			case WARNING -> IssueSeverity.WARNING;
			case INFORMATION -> IssueSeverity.INFORMATION;
		};
	}
}
