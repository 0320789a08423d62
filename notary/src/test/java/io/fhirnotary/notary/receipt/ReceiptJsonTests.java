package io.fhirnotary.notary.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fhirnotary.notary.leaf.NotaryLeaf;
import io.fhirnotary.notary.leaf.Operation;
import io.fhirnotary.notary.merkle.MerkleTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptJsonTests {

	private static final NotaryReceipt.ChainAnchor ANCHOR = new NotaryReceipt.ChainAnchor(31337,
			"0x5fbdb2315678afecb367f032d93f642f64180aa3", "0x" + "11".repeat(32), 7, "0x" + "22".repeat(32));

	@Test
	void roundTripKeepsEveryField() {
		NotaryLeaf leaf = new NotaryLeaf(new byte[32], "Patient", "p-1", "2", Operation.UPDATE, new byte[32]);
		MerkleTree tree = MerkleTree.ofLeaves(List.of(leaf.encode(), new byte[] {1}, new byte[] {2}));
		NotaryReceipt receipt = NotaryReceipt.of(leaf, tree.inclusionProof(0), tree.root(), ANCHOR);
		String json = ReceiptJson.write(receipt);
		NotaryReceipt back = ReceiptJson.read(json);
		assertThat(ReceiptJson.write(back)).isEqualTo(json);
		assertThat(back.resourceReference()).isEqualTo("Patient/p-1/_history/2");
		assertThat(back.auditPath()).hasSize(2);
		assertThat(back.anchor()).isEqualTo(ANCHOR);
		assertThat(json).contains("\"type\" : \"fhir-notary-receipt\"", "\"canonicalization\" : \"RFC8785-SHA256\"",
				"\"operation\" : \"update\"", "\"treeSize\" : 3");
	}

	@Test
	void malformedReceiptsNameTheMemberAtFault() {
		NotaryLeaf leaf = new NotaryLeaf(new byte[32], "Patient", "p-1", "2", Operation.UPDATE, new byte[32]);
		MerkleTree tree = MerkleTree.ofLeaves(List.of(leaf.encode()));
		String json = ReceiptJson.write(NotaryReceipt.of(leaf, tree.inclusionProof(0), tree.root(), ANCHOR));
		assertThatThrownBy(() -> ReceiptJson.read(json.replace("\"salt\" : \"00", "\"salt\" : \"zz")))
				.hasMessageContaining("'salt'");
		assertThatThrownBy(() -> ReceiptJson.read(json.replace("\"receiptVersion\" : 1", "\"receiptVersion\" : 9")))
				.hasMessageContaining("receipt version 9");
		assertThatThrownBy(() -> ReceiptJson.read(json.replace("0x5fbdb2315678afecb367f032d93f642f64180aa3", "nope")))
				.hasMessageContaining("'contract'");
		assertThatThrownBy(() -> ReceiptJson.read("[]")).hasMessageContaining("not a JSON object");
	}
}
