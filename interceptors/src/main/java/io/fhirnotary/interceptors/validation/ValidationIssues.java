package io.fhirnotary.interceptors.validation;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Everything wrong with one resource, collected before answering so the client learns every
 * problem at once (422 with one OperationOutcome issue each, located by FHIRPath).
 */
public final class ValidationIssues {

	/** One problem: how bad, where (a FHIRPath expression), and what. */
	public record Issue(IssueSeverity severity, IssueType type, String location, String message) {}

	private final List<Issue> issues = new ArrayList<>();

	public void error(IssueType type, String location, String message) {
		issues.add(new Issue(IssueSeverity.ERROR, type, location, message));
	}

	public void warning(IssueType type, String location, String message) {
		issues.add(new Issue(IssueSeverity.WARNING, type, location, message));
	}

	public void add(Issue issue) {
		issues.add(issue);
	}

	public boolean hasErrors() {
		return issues.stream()
				.anyMatch(i -> i.severity() == IssueSeverity.ERROR || i.severity() == IssueSeverity.FATAL);
	}

	public List<Issue> all() {
		return List.copyOf(issues);
	}

	public List<Issue> errors() {
		return issues.stream()
				.filter(i -> i.severity() == IssueSeverity.ERROR || i.severity() == IssueSeverity.FATAL)
				.toList();
	}

	/** Errors first, then warnings, each with its location in {@code issue.expression}. */
	public OperationOutcome toOperationOutcome() {
		OperationOutcome outcome = new OperationOutcome();
		List<Issue> ordered = new ArrayList<>(errors());
		issues.stream().filter(i -> !ordered.contains(i)).forEach(ordered::add);
		for (Issue issue : ordered) {
			OperationOutcome.OperationOutcomeIssueComponent component = outcome.addIssue()
					.setSeverity(issue.severity())
					.setCode(issue.type())
					.setDiagnostics(issue.message());
			if (issue.location() != null && !issue.location().isBlank()) {
				component.addExpression(issue.location());
			}
		}
		return outcome;
	}
}
