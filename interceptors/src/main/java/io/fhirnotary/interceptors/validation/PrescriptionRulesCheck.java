package io.fhirnotary.interceptors.validation;

import io.fhirnotary.terminology.rules.PrescriptionRules;
import io.fhirnotary.terminology.rules.RuleSeverity;
import io.fhirnotary.terminology.rules.RuleViolation;
import io.fhirnotary.terminology.valueset.ValueSetMembership;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/**
 * The domain's prescription rules (e.g. no refills for schedule II), read from data by
 * {@link PrescriptionRules}; this check only turns their violations into validation issues.
 */
public final class PrescriptionRulesCheck implements ResourceCheck {

	private final PrescriptionRules rules;
	private final ValueSetMembership membership;

	public PrescriptionRulesCheck(PrescriptionRules rules, ValueSetMembership membership) {
		this.rules = rules;
		this.membership = membership;
	}

	@Override
	public void check(Resource resource, WriteContext context, ValidationIssues issues) {
		if (!(resource instanceof MedicationRequest prescription)) {
			return;
		}
		for (RuleViolation violation : rules.evaluate(prescription, membership)) {
			String message = violation.message() + " (rule " + violation.ruleId() + ")";
			if (violation.severity() == RuleSeverity.WARNING) {
				issues.warning(IssueType.BUSINESSRULE, violation.location(), message);
			} else {
				issues.error(IssueType.BUSINESSRULE, violation.location(), message);
			}
		}
	}
}
