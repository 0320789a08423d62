package io.fhirnotary.interceptors.audit;

import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the AuditEvents of one request are built from. Holds references and names only: no resource
 * content, no query values, no token.
 *
 * @param action              what the request did
 * @param resourceType        the resource type the request addressed, or null (system level)
 * @param operation           the operation name for {@link AuditAction#OPERATION}
 *                            ({@code $everything}), else null
 * @param caller              who asked
 * @param outcome             how it ended
 * @param recorded            when (stored in UTC)
 * @param resources           the resources it touched, each with its patient and consent decision
 * @param patients            patients the request concerned besides those of {@code resources}
 *                            (a search by {@code patient=} that found nothing)
 * @param queryParameterNames the query's parameter names (see {@link QueryParameterNames}); values
 *                            are never part of a record
 * @param requestId           the server's id of the request, linking the request's events; or null
 */
public record AuditRecord(
		AuditAction action,
		String resourceType,
		String operation,
		Caller caller,
		AuditOutcome outcome,
		Instant recorded,
		List<AuditedResource> resources,
		Set<ResourceRef> patients,
		SortedSet<String> queryParameterNames,
		String requestId) {

	private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
	private static final Pattern OPERATION = Pattern.compile("\\$[A-Za-z][A-Za-z0-9\\-_.]{0,63}");
	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9\\-_.:]{1,128}");

	public AuditRecord {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(caller, "caller");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(recorded, "recorded");
		check(resourceType, RESOURCE_TYPE, "resource type");
		check(operation, OPERATION, "operation name");
		check(requestId, REQUEST_ID, "request id");
		if (operation != null && action != AuditAction.OPERATION) {
			throw new IllegalArgumentException("an operation name needs action OPERATION, not " + action);
		}
		resources = resources == null ? List.of() : List.copyOf(resources);
		patients = patients == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(patients));
		for (ResourceRef patient : patients) {
			if (!patient.isA("Patient")) {
				throw new IllegalArgumentException("not a Patient: " + patient);
			}
		}
		queryParameterNames = QueryParameterNames.of(queryParameterNames);
	}

	public static Builder builder(AuditAction action, Caller caller, AuditOutcome outcome, Instant recorded) {
		return new Builder(action, caller, outcome, recorded);
	}

	private static void check(String value, Pattern pattern, String what) {
		if (value != null && !pattern.matcher(value).matches()) {
			throw new IllegalArgumentException("not a " + what + ": " + value);
		}
	}

	/** Assembles an {@link AuditRecord}; unset lists are empty, unset strings null. */
	public static final class Builder {
		private final AuditAction action;
		private final Caller caller;
		private final AuditOutcome outcome;
		private final Instant recorded;
		private String resourceType;
		private String operation;
		private final List<AuditedResource> resources = new ArrayList<>();
		private final Set<ResourceRef> patients = new LinkedHashSet<>();
		private final SortedSet<String> queryParameterNames = new TreeSet<>();
		private String requestId;

		private Builder(AuditAction action, Caller caller, AuditOutcome outcome, Instant recorded) {
			this.action = action;
			this.caller = caller;
			this.outcome = outcome;
			this.recorded = recorded;
		}

		public Builder resourceType(String resourceType) {
			this.resourceType = resourceType;
			return this;
		}

		public Builder operation(String operation) {
			this.operation = operation;
			return this;
		}

		public Builder resource(AuditedResource resource) {
			this.resources.add(Objects.requireNonNull(resource, "resource"));
			return this;
		}

		public Builder resources(Collection<AuditedResource> resources) {
			resources.forEach(this::resource);
			return this;
		}

		public Builder patient(ResourceRef patient) {
			this.patients.add(Objects.requireNonNull(patient, "patient"));
			return this;
		}

		/** Keeps the names of a raw query string and forgets its values. */
		public Builder queryString(String rawQuery) {
			this.queryParameterNames.addAll(QueryParameterNames.fromQueryString(rawQuery));
			return this;
		}

		/** Keeps the acceptable names among already decoded parameter names. */
		public Builder queryParameterNames(Collection<String> names) {
			this.queryParameterNames.addAll(QueryParameterNames.of(names));
			return this;
		}

		public Builder requestId(String requestId) {
			this.requestId = requestId;
			return this;
		}

		public AuditRecord build() {
			return new AuditRecord(action, resourceType, operation, caller, outcome, recorded, resources, patients,
					queryParameterNames, requestId);
		}
	}
}
