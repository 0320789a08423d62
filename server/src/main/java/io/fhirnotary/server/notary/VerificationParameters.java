package io.fhirnotary.server.notary;

import io.fhirnotary.notary.anchor.AnchoredProof;
import io.fhirnotary.notary.chain.AnchorRecord;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import io.fhirnotary.notary.verify.VersionVerifier;
import java.util.Date;
import java.util.Locale;
import java.util.OptionalLong;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The {@code Parameters} answer of {@code $verify}: {@code result}, {@code reason}, {@code resource},
 * then what is known so far — {@code operation}, {@code state}, {@code leaf} (the RFC 9162 leaf hash),
 * {@code leafIndex}, {@code treeSize}, {@code proof} (audit path, bottom-up, one part per hash),
 * {@code root}, {@code chainId}, {@code contract}, {@code transactionHash}, {@code blockNumber},
 * {@code blockHash}, {@code anchoredAt}, {@code confirmations}. Never resource content.
 */
final class VerificationParameters {

	private VerificationParameters() {
	}

	static Parameters of(NotaryVerification.Outcome outcome, OptionalLong chainHead) {
		VersionVerifier.Verification verification = outcome.verification();
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("result")
				.setValue(new CodeType(verification.result().name().toLowerCase(Locale.ROOT)));
		parameters.addParameter().setName("reason").setValue(new StringType(verification.reason()));
		parameters.addParameter().setName("resource").setValue(new StringType(outcome.reference()));
		AnchoredProof proof = verification.proof();
		if (proof == null) {
			return parameters;
		}
		parameters.addParameter().setName("operation").setValue(new CodeType(proof.operation().wireName()));
		parameters.addParameter().setName("state").setValue(new CodeType(proof.state()));
		parameters.addParameter().setName("leaf").setValue(new StringType(NotaryOperationProvider.hex(proof.leafHash())));
		if (proof.leafIndex() != null) {
			parameters.addParameter().setName("leafIndex").setValue(NotaryOperationProvider.number(proof.leafIndex()));
			parameters.addParameter().setName("treeSize").setValue(NotaryOperationProvider.number(proof.treeSize()));
			proof.auditPath().forEach(hash ->
					parameters.addParameter().setName("proof").setValue(new StringType(NotaryOperationProvider.hex(hash))));
			parameters.addParameter().setName("root").setValue(new StringType(NotaryOperationProvider.hex(proof.root())));
		}
		NotaryReceipt.ChainAnchor anchor = proof.anchor();
		if (anchor != null) {
			parameters.addParameter().setName("chainId").setValue(NotaryOperationProvider.number(anchor.chainId()));
			parameters.addParameter().setName("contract").setValue(new StringType(anchor.contract()));
			parameters.addParameter().setName("transactionHash").setValue(new StringType(anchor.transactionHash()));
			parameters.addParameter().setName("blockNumber").setValue(NotaryOperationProvider.number(anchor.blockNumber()));
			parameters.addParameter().setName("blockHash").setValue(new StringType(anchor.blockHash()));
			chainHead.ifPresent(head -> parameters.addParameter().setName("confirmations")
					.setValue(NotaryOperationProvider.number(Math.max(0, head - anchor.blockNumber() + 1))));
		}
		AnchorRecord onChain = verification.anchor();
		if (onChain != null) {
			parameters.addParameter().setName("anchoredAt").setValue(new InstantType(new Date(onChain.timestamp() * 1000)));
		}
		return parameters;
	}
}
