package io.fhirnotary.server.notary;

import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.fhirnotary.notary.anchor.AnchorBatch;
import io.fhirnotary.notary.anchor.AnchoredProof;
import io.fhirnotary.notary.anchor.NotaryStatus;
import io.fhirnotary.notary.chain.ChainException;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import io.fhirnotary.notary.receipt.ReceiptJson;
import io.fhirnotary.notary.verify.VersionVerifier;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditor interfaces of DESIGN §6, as HAPI operations on every resource type:
 * <ul>
 *   <li>{@code GET [base]/[type]/[id]/_history/[vid]/$verify} and {@code GET [base]/[type]/[id]/$verify}
 *       (current version): {@code Parameters} with {@code result} (valid, tampered, pending, unknown),
 *       {@code reason}, the leaf hash, its proof, the root and where it is anchored;</li>
 *   <li>{@code GET …/$notary-receipt}: the self-contained JSON receipt of docs/NOTARY.md §8, which
 *       {@code notary-verify.jar} checks without the server;</li>
 *   <li>{@code GET [base]/$notary-status}: backlog, last anchor, chain head, anchorer leader;</li>
 *   <li>{@code POST [base]/$notary-reverify}: one re-verification of every version now.</li>
 * </ul>
 * Chain ids, block numbers, indexes and counts are {@code valueDecimal} integers (they can exceed a
 * FHIR {@code integer}); hashes are lower-case hex, chain values 0x-hex as in the receipt.
 */
public final class NotaryOperationProvider {

	private static final HexFormat HEX = HexFormat.of();

	private final NotaryAccess access;
	private final StoredVersionLeaves leaves;
	private final NotaryVerification verification;
	private final NotaryChain chain;
	private final NotaryNodeLifecycle node;
	private final JdbcTemplate jdbc;
	private final ReverificationJob reverification;

	NotaryOperationProvider(NotaryAccess access, StoredVersionLeaves leaves, NotaryVerification verification,
			NotaryChain chain, NotaryNodeLifecycle node, JdbcTemplate jdbc, ReverificationJob reverification) {
		this.access = access;
		this.leaves = leaves;
		this.verification = verification;
		this.chain = chain;
		this.node = node;
		this.jdbc = jdbc;
		this.reverification = reverification;
	}

	@Operation(name = NotaryOperationNames.VERIFY, idempotent = true, global = true)
	public Parameters verify(@IdParam IIdType id, RequestDetails request) {
		NotaryVerification.Outcome outcome = outcomeFor(id, request);
		return VerificationParameters.of(outcome, chain.head());
	}

	@Operation(name = NotaryOperationNames.RECEIPT, idempotent = true, manualResponse = true, global = true)
	public void receipt(@IdParam IIdType id, RequestDetails request, HttpServletResponse response) throws IOException {
		NotaryVerification.Outcome outcome = outcomeFor(id, request);
		VersionVerifier.Verification checked = outcome.verification();
		if (outcome.erased()) {
			// like a vread of it: the version is gone, and so is what would link it to its leaf
			throw new ResourceGoneException(Msg.code(2001) + outcome.reference() + " was erased; it has no receipt");
		}
		if (checked.result() != VersionVerifier.Result.VALID) {
			throw new NoReceipt(outcome.reference() + " has no receipt: " + checked.result().name().toLowerCase(java.util.Locale.ROOT)
					+ " (" + checked.reason() + ")");
		}
		NotaryReceipt receipt = NotaryVerification.receipt(outcome);
		byte[] body = ReceiptJson.write(receipt).getBytes(StandardCharsets.UTF_8);
		response.setStatus(200);
		response.setContentType("application/json");
		response.setCharacterEncoding("UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.getOutputStream().flush();
	}

	@Operation(name = NotaryOperationNames.STATUS, idempotent = true)
	public Parameters status(RequestDetails request) {
		access.checkMayReadStatus(request);
		NotaryStatus status = jdbc.execute((ConnectionCallback<NotaryStatus>) NotaryStatus::read);
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("backlog").setValue(number(status.backlog()));
		Parameters.ParametersParameterComponent byState = parameters.addParameter().setName("versionsByState");
		new TreeMap<>(status.versionsByState()).forEach((state, count) ->
				byState.addPart().setName(state).setValue(number(count)));
		parameters.addParameter().setName("anchoring").setValue(new BooleanType(node.running()));
		node.contractAddress().ifPresent(address -> parameters.addParameter().setName("contract").setValue(new StringType(address)));
		chain.settings().ifPresent(settings -> parameters.addParameter().setName("chainId").setValue(number(settings.chainId())));
		OptionalLong head = chain.head();
		parameters.addParameter().setName("chainReachable").setValue(new BooleanType(head.isPresent()));
		head.ifPresent(block -> parameters.addParameter().setName("chainHead").setValue(number(block)));
		if (status.leader() != null) {
			parameters.addParameter().setName("leader").setValue(new StringType(status.leader()));
			parameters.addParameter().setName("leaderLeaseUntil").setValue(new InstantType(new Date(status.leaseUntilMillis())));
		}
		AnchorBatch last = status.lastAnchor();
		if (last != null) {
			Parameters.ParametersParameterComponent anchor = parameters.addParameter().setName("lastAnchor");
			anchor.addPart().setName("root").setValue(new StringType(last.root().trim()));
			anchor.addPart().setName("leafCount").setValue(number(last.leafCount()));
			anchor.addPart().setName("state").setValue(new CodeType(last.state().name()));
			anchor.addPart().setName("chainId").setValue(number(last.chainId()));
			anchor.addPart().setName("contract").setValue(new StringType(last.contractAddress()));
			anchor.addPart().setName("transactionHash").setValue(new StringType(last.transactionHash()));
			if (last.blockNumber() != null) {
				anchor.addPart().setName("blockNumber").setValue(number(last.blockNumber()));
			}
			anchor.addPart().setName("updated").setValue(new InstantType(new Date(last.updatedAtMillis())));
		}
		return parameters;
	}

	/**
	 * {@code POST [base]/$notary-reverify}: one re-verification of every notarised version now, as
	 * the scheduled job does it (auditors and custodians only). Answers with the counts and the
	 * references (type/id/version) of tampered and missing versions; 409 while a run is under way.
	 */
	@Operation(name = NotaryOperationNames.REVERIFY, idempotent = false)
	public Parameters reverify(RequestDetails request) throws java.sql.SQLException {
		access.checkMayReadStatus(request);
		Optional<ReverificationJob.Run> run;
		try {
			run = reverification.runOnce();
		} catch (ReverificationJob.AlreadyRunning e) {
			throw new ResourceVersionConflictException(e.getMessage());
		} catch (ChainException e) {
			throw new ChainUnavailable("the chain could not be asked about the anchors; the run was abandoned");
		}
		if (run.isEmpty()) {
			throw new ChainUnavailable("no chain is configured (fhirnotary.notary.rpc-url): nothing anchored can be checked");
		}
		return ReverificationParameters.of(run.get());
	}

	private NotaryVerification.Outcome outcomeFor(IIdType id, RequestDetails request) {
		access.checkMayAskAboutResources(request);
		if (id == null || !id.hasIdPart() || request.getResourceName() == null) {
			throw new InvalidRequestException("give a resource: [type]/[id]/$verify or [type]/[id]/_history/[vid]/$verify");
		}
		String type = request.getResourceName();
		String logicalId = id.getIdPart();
		String versionId = id.hasVersionIdPart() ? id.getVersionIdPart()
				: leaves.currentVersion(type, logicalId).orElseThrow(() -> notFound(type, logicalId));
		Optional<StoredVersionLeaves.StoredVersion> stored = leaves.read(type, logicalId, versionId);
		Optional<AnchoredProof> recorded = verification.recorded(type, logicalId, versionId);
		if (stored.isEmpty() && recorded.isEmpty()) {
			throw notFound(type, logicalId);
		}
		access.checkMayAskAbout(request, type, logicalId, ownerOf(type, logicalId, versionId, stored));
		try {
			return verification.verify(type, logicalId, versionId);
		} catch (ChainException e) {
			throw new ChainUnavailable("the chain could not be asked about the anchor; nothing was decided");
		}
	}

	/** The version a patient's access is judged by: the one asked about, or the one before a deletion. */
	private org.hl7.fhir.instance.model.api.IBaseResource ownerOf(String type, String logicalId, String versionId,
			Optional<StoredVersionLeaves.StoredVersion> stored) {
		if (stored.isPresent() && stored.get().resource() != null) {
			return stored.get().resource();
		}
		try {
			long version = Long.parseLong(versionId);
			for (long earlier = version - 1; earlier >= 1 && earlier > version - 20; earlier--) {
				Optional<StoredVersionLeaves.StoredVersion> before = leaves.read(type, logicalId, Long.toString(earlier));
				if (before.isPresent() && before.get().resource() != null) {
					return before.get().resource();
				}
			}
		} catch (NumberFormatException e) {
			// not a version HAPI gave out: nothing to judge by
		}
		return null;
	}

	private static ResourceNotFoundException notFound(String type, String logicalId) {
		return new ResourceNotFoundException(Msg.code(2001) + "Resource " + type + "/" + logicalId + " is not known");
	}

	static DecimalType number(long value) {
		return new DecimalType(BigDecimal.valueOf(value));
	}

	static String hex(byte[] bytes) {
		return HEX.formatHex(bytes);
	}

	/** 409: the version has no receipt (not anchored yet, or not what was notarised). */
	static final class NoReceipt extends BaseServerResponseException {
		private static final long serialVersionUID = 1L;

		NoReceipt(String message) {
			super(409, message, outcome(OperationOutcome.IssueType.CONFLICT, message));
		}
	}

	/** 503: the chain did not answer, so nothing could be decided. */
	static final class ChainUnavailable extends BaseServerResponseException {
		private static final long serialVersionUID = 1L;

		ChainUnavailable(String message) {
			super(503, message, outcome(OperationOutcome.IssueType.TRANSIENT, message));
		}
	}

	private static OperationOutcome outcome(OperationOutcome.IssueType code, String message) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(code).setDiagnostics(message);
		return outcome;
	}
}
