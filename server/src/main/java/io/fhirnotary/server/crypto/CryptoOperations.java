package io.fhirnotary.server.crypto;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import io.fhirnotary.interceptors.identity.Caller;
import io.fhirnotary.server.security.CurrentCaller;
import java.io.IOException;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The key-management operations, for custodian clients only (403 for anyone else):
 * <ul>
 *   <li>{@code POST [base]/Patient/[id]/$crypto-shred}: erase one patient (destroy their data key).</li>
 *   <li>{@code POST [base]/$rotate-kek}: add a new primary KEK and re-wrap every data key, online;
 *       {@code addKek=false} only finishes an interrupted re-wrap.</li>
 *   <li>{@code POST [base]/$retire-kek?kek=kek-<n>}: remove a KEK that no data key needs any more.</li>
 * </ul>
 * Each is audited like every REST request (one AuditEvent of type "operation").
 */
final class CryptoOperations {

	private final CurrentCaller currentCaller;
	private final CryptoShredding shredding;
	private final KekRotation rotation;

	CryptoOperations(CurrentCaller currentCaller, CryptoShredding shredding, KekRotation rotation) {
		this.currentCaller = currentCaller;
		this.shredding = shredding;
		this.rotation = rotation;
	}

	@Operation(name = "$crypto-shred", typeName = "Patient", idempotent = false)
	public Parameters cryptoShred(@IdParam IIdType patientId, RequestDetails request) {
		requireCustodian(request);
		try {
			CryptoShredding.Result result = shredding.shred(patientId.getIdPart());
			Parameters out = new Parameters();
			out.addParameter().setName("patient").setValue(new Reference("Patient/" + patientId.getIdPart()));
			out.addParameter().setName("dataKey").setValue(new StringType(result.dataKeyId()));
			out.addParameter().setName("resourcesDeleted").setValue(new IntegerType(result.resourcesDeleted()));
			out.addParameter().setName("keyDestroyed").setValue(new BooleanType(true));
			return out;
		} catch (CryptoShredding.ShredRefused refused) {
			throw refusal(refused.status, refused.getMessage());
		}
	}

	@Operation(name = "$rotate-kek", idempotent = false)
	public Parameters rotateKek(@OperationParam(name = "addKek", max = 1) BooleanType addKek, RequestDetails request) {
		requireCustodian(request);
		try {
			KekRotation.Result result = rotation.rotate(addKek == null || addKek.booleanValue());
			Parameters out = new Parameters();
			out.addParameter().setName("primaryKek").setValue(new StringType(result.primaryKek()));
			out.addParameter().setName("rewrapped").setValue(new IntegerType(Math.toIntExact(result.rewrapped())));
			out.addParameter().setName("failed").setValue(new IntegerType(Math.toIntExact(result.failed())));
			for (Map.Entry<String, Long> perKek : result.keysPerKek().entrySet()) {
				Parameters.ParametersParameterComponent kek = out.addParameter().setName("dataKeysPerKek");
				kek.addPart().setName("kek").setValue(new StringType(perKek.getKey()));
				kek.addPart().setName("count").setValue(new IntegerType(Math.toIntExact(perKek.getValue())));
			}
			return out;
		} catch (KekRotation.RotationRefused refused) {
			throw refusal(409, refused.getMessage());
		} catch (IOException e) {
			throw new InternalErrorException("The keystore could not be updated", e);
		}
	}

	@Operation(name = "$retire-kek", idempotent = false)
	public Parameters retireKek(@OperationParam(name = "kek", min = 1, max = 1) StringType kek, RequestDetails request) {
		requireCustodian(request);
		if (kek == null || kek.isEmpty()) {
			throw refusal(400, "Parameter 'kek' names the key-encryption key to retire");
		}
		try {
			rotation.retire(kek.getValue());
			Parameters out = new Parameters();
			out.addParameter().setName("retired").setValue(new StringType(kek.getValue()));
			return out;
		} catch (KekRotation.RotationRefused refused) {
			throw refusal(409, refused.getMessage());
		} catch (IOException e) {
			throw new InternalErrorException("The keystore could not be updated", e);
		}
	}

	private void requireCustodian(RequestDetails request) {
		Caller caller = currentCaller.of(request).orElse(null);
		if (caller == null || !caller.custodian() || caller.auditor()) {
			throw refusal(403, "Only a custodian client may manage encryption keys");
		}
	}

	private static BaseServerResponseException refusal(int status, String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(switch (status) {
					case 403 -> OperationOutcome.IssueType.FORBIDDEN;
					case 404 -> OperationOutcome.IssueType.NOTFOUND;
					case 409 -> OperationOutcome.IssueType.CONFLICT;
					case 410 -> OperationOutcome.IssueType.DELETED;
					default -> OperationOutcome.IssueType.INVALID;
				})
				.setDiagnostics(message);
		return switch (status) {
			case 403 -> new ForbiddenOperationException(message, outcome);
			case 404 -> new ResourceNotFoundException(message, outcome);
			case 409 -> new ResourceVersionConflictException(message, outcome);
			case 410 -> new ResourceGoneException(message, outcome);
			case 400 -> new InvalidRequestException(message, outcome);
			default -> new UnclassifiedServerFailureException(status, message, outcome);
		};
	}
}
