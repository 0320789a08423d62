package io.fhirnotary.server.consent;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import io.fhirnotary.interceptors.consent.WriteDecision;
import io.fhirnotary.interceptors.consent.WriteRequest;
import io.fhirnotary.interceptors.consent.WriteRules;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Feeds every create, update and delete to {@link WriteRules} and refuses with 403 and an
 * OperationOutcome what they refuse. Registered on HAPI's JPA interceptor service, so REST writes,
 * every entry of a batch or transaction (a refusal fails the whole transaction) and patches pass
 * here; internal writes (no caller) are the server's own and pass.
 *
 * <p>Runs before every other storage hook (validation included): validation resolves references,
 * and "422: reference not found" against "403" would tell a writer whether a resource it cannot
 * see exists. For the same reason a MedicationDispense's prescriptions are judged by visibility
 * alone: a prescription that does not exist and one the caller may not see are both "not shared".
 *
 * <p>Also refuses conditional references in the written resource for callers who do not see
 * everything (see {@link ConditionalReferences}): HAPI resolves them after this hook.
 */
@Interceptor(order = WriteRulesInterceptor.ORDER)
final class WriteRulesInterceptor {

	/** Before validation and every later storage hook (encryption, notary), which use default orders. */
	static final int ORDER = -1000;

	private static final String PRESCRIPTION = "MedicationRequest";

	private final RequestCallers callers;
	private final ResourceVisibility visibility;
	private final SystemReads reads;
	private final ConditionalReferences conditionalReferences;

	WriteRulesInterceptor(
			RequestCallers callers,
			ResourceVisibility visibility,
			SystemReads reads,
			ConditionalReferences conditionalReferences) {
		this.callers = callers;
		this.visibility = visibility;
		this.reads = reads;
		this.conditionalReferences = conditionalReferences;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = ORDER)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		callers.of(request).ifPresent(caller -> enforce(caller, request, resource, WriteRequest.create((Resource) resource)));
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = ORDER)
	public void beforeUpdate(IBaseResource existing, IBaseResource updated, RequestDetails request) {
		callers.of(request).ifPresent(caller ->
				enforce(caller, request, updated, WriteRequest.update((Resource) existing, (Resource) updated)));
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = ORDER)
	public void beforeDelete(IBaseResource existing, RequestDetails request) {
		callers.of(request).ifPresent(caller -> enforce(caller, request, null, WriteRequest.delete((Resource) existing)));
	}

	private void enforce(Caller caller, RequestDetails request, IBaseResource written, WriteRequest write) {
		if (!RequestCallers.seesEverything(caller) && conditionalReferences.presentIn(written)) {
			throw SearchSurfaceGuard.invalid("conditional references are not available to this caller");
		}
		if (write.proposed() instanceof MedicationDispense dispense) {
			write = write.withAuthorizingPrescriptionVisible(prescriptionsVisible(caller, dispense, request));
		}
		WriteDecision decision = WriteRules.decide(caller, write);
		if (!decision.allowed()) {
			throw refused(decision);
		}
	}

	/** Every named prescription is a stored MedicationRequest the caller may see (none named: false). */
	private boolean prescriptionsVisible(Caller caller, MedicationDispense dispense, RequestDetails request) {
		if (!dispense.hasAuthorizingPrescription()) {
			return false;
		}
		RequestScope scope = RequestScope.of(request);
		for (Reference reference : dispense.getAuthorizingPrescription()) {
			Optional<Resource> prescription = ResourceRef.parse(reference.getReference())
					.filter(ref -> ref.isA(PRESCRIPTION))
					.flatMap(reads::current);
			if (prescription.isEmpty() || !visibility.visible(caller, prescription.get(), scope)) {
				return false;
			}
		}
		return true;
	}

	private static ForbiddenOperationException refused(WriteDecision decision) {
		String message = "This write is not permitted (" + decision.reason() + ")";
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(OperationOutcome.IssueType.FORBIDDEN)
				.setDiagnostics(message);
		return new ForbiddenOperationException(message, outcome);
	}
}
