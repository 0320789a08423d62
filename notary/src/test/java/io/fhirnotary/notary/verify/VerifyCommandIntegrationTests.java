package io.fhirnotary.notary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.merkle.MerkleTree;
import io.fhirnotary.notary.receipt.NotaryReceipt;
import io.fhirnotary.notary.receipt.ReceiptJson;
import io.fhirnotary.notary.support.AnchoredBatch;
import io.fhirnotary.notary.support.AnvilNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier CLI's entry point, in process, against a real Anvil node. */
class VerifyCommandIntegrationTests {

	private static NotaryContractClient notary;
	private static AnchoredBatch batch;

	@TempDir
	Path dir;

	@BeforeAll
	static void anchorABatch() {
		notary = AnchoredBatch.freshContract();
		batch = AnchoredBatch.anchor(notary, 5);
	}

	@Test
	void validCopyAndReceiptVerify() throws IOException {
		Outcome outcome = verify(batch.resources.get(0), batch.receipts.get(0));
		assertThat(outcome.exit).isEqualTo(VerifyCommand.VALID);
		assertThat(outcome.out).startsWith("VALID: MedicationRequest/").contains("leaf 0 of 8")
				.contains("chain 31337").contains(batch.transaction.hash());
	}

	@Test
	void everyVersionOfTheBatchVerifiesIncludingTheDeletion() throws IOException {
		for (int i = 0; i < batch.receipts.size(); i++) {
			assertThat(verify(batch.resources.get(i), batch.receipts.get(i)).exit).as("leaf %d", i).isEqualTo(VerifyCommand.VALID);
		}
	}

	@Test
	void aModifiedResourceIsRejectedWithTheHashMismatch() throws IOException {
		String modified = batch.resources.get(0).replace("2.50", "5.00");
		Outcome outcome = verify(modified, batch.receipts.get(0));
		assertThat(outcome.exit).isEqualTo(VerifyCommand.INVALID);
		assertThat(outcome.out).startsWith("INVALID: content hash mismatch").doesNotContain("5.00");
	}

	@Test
	void aReformattedCopyWithTheSameValuesStillVerifies() throws IOException {
		String reformatted = batch.resources.get(0).replace("2.50", "2.5").replace("\n", " ").replace("  ", " ");
		assertThat(verify(reformatted, batch.receipts.get(0)).exit).isEqualTo(VerifyCommand.VALID);
	}

	@Test
	void aCopySavedWithAByteOrderMarkStillVerifies() throws IOException {
		assertThat(verify("\uFEFF" + batch.resources.get(1), batch.receipts.get(1)).exit).isEqualTo(VerifyCommand.VALID);
	}

	@Test
	void anotherVersionsCopyIsRejectedByName() throws IOException {
		Outcome outcome = verify(batch.resources.get(1), batch.receipts.get(0));
		assertThat(outcome.exit).isEqualTo(VerifyCommand.INVALID);
		assertThat(outcome.out).contains("/_history/2 but the receipt is for").contains("/_history/1");
	}

	@Test
	void flippingAnyBitOfTheAuditPathIsRejected() throws IOException {
		NotaryReceipt receipt = batch.receipts.get(4);
		for (int entry = 0; entry < receipt.auditPath().size(); entry++) {
			for (int bit : new int[] {0, 7, 100, 255}) {
				List<byte[]> path = new ArrayList<>(receipt.auditPath());
				byte[] flipped = path.get(entry).clone();
				flipped[bit / 8] ^= (byte) (1 << (bit % 8));
				path.set(entry, flipped);
				Outcome outcome = verify(batch.resources.get(4), withPath(receipt, path));
				assertThat(outcome.exit).as("entry %d bit %d", entry, bit).isEqualTo(VerifyCommand.INVALID);
				assertThat(outcome.out).startsWith("INVALID: inclusion proof fails");
			}
		}
	}

	@Test
	void aRootThatWasNeverAnchoredIsRejected() throws IOException {
		// a self-consistent receipt for a tree nobody anchored: the proof holds, the chain does not
		NotaryReceipt receipt = batch.receipts.get(0);
		MerkleTree unanchored = MerkleTree.ofLeaves(List.of(receipt.leaf(), new byte[] {1, 2, 3}));
		NotaryReceipt forged = new NotaryReceipt(receipt.resourceType(), receipt.logicalId(), receipt.versionId(),
				receipt.operation(), receipt.canonicalization(), receipt.leafFormat(), receipt.salt(), receipt.contentHash(),
				receipt.leaf(), 0, 2, unanchored.inclusionProof(0).auditPath(), unanchored.root(), receipt.anchor());
		Outcome outcome = verify(batch.resources.get(0), forged);
		assertThat(outcome.exit).isEqualTo(VerifyCommand.INVALID);
		assertThat(outcome.out).contains("is not anchored at contract");
	}

	@Test
	void theWrongContractIsRejected() throws IOException {
		NotaryContractClient elsewhere = AnchoredBatch.freshContract();
		NotaryReceipt receipt = batch.receipts.get(0);
		NotaryReceipt.ChainAnchor anchor = receipt.anchor();
		Outcome outcome = verify(batch.resources.get(0), withAnchor(receipt, new NotaryReceipt.ChainAnchor(anchor.chainId(),
				elsewhere.contractAddress(), anchor.transactionHash(), anchor.blockNumber(), anchor.blockHash())));
		assertThat(outcome.exit).isEqualTo(VerifyCommand.INVALID);
		assertThat(outcome.out).contains("is not anchored at contract " + elsewhere.contractAddress());

		Outcome noContract = verify(batch.resources.get(0), withAnchor(receipt, new NotaryReceipt.ChainAnchor(anchor.chainId(),
				"0x00000000000000000000000000000000000000cc", anchor.transactionHash(), anchor.blockNumber(), anchor.blockHash())));
		assertThat(noContract.out).contains("there is no contract at 0x00000000000000000000000000000000000000cc");
	}

	@Test
	void theWrongChainBlockOrTransactionIsRejected() throws IOException {
		NotaryReceipt receipt = batch.receipts.get(0);
		NotaryReceipt.ChainAnchor a = receipt.anchor();
		assertThat(verify(batch.resources.get(0), withAnchor(receipt,
				new NotaryReceipt.ChainAnchor(1, a.contract(), a.transactionHash(), a.blockNumber(), a.blockHash()))).out)
				.contains("serves chain 31337, the receipt names chain 1");
		assertThat(verify(batch.resources.get(0), withAnchor(receipt,
				new NotaryReceipt.ChainAnchor(a.chainId(), a.contract(), a.transactionHash(), a.blockNumber() + 1, a.blockHash()))).out)
				.contains("the receipt says block " + (a.blockNumber() + 1));
		String unknownTx = "0x" + "ab".repeat(32);
		assertThat(verify(batch.resources.get(0), withAnchor(receipt,
				new NotaryReceipt.ChainAnchor(a.chainId(), a.contract(), unknownTx, a.blockNumber(), a.blockHash()))).out)
				.contains("transaction " + unknownTx + " is not on chain");
	}

	@Test
	void aTreeSizeOtherThanTheAnchoredLeafCountIsRejected() throws IOException {
		// leaf 0 of 8 has the same path shape in a tree of 5..8, so only the anchored leaf count catches it
		NotaryReceipt receipt = batch.receipts.get(0);
		NotaryReceipt lying = new NotaryReceipt(receipt.resourceType(), receipt.logicalId(), receipt.versionId(),
				receipt.operation(), receipt.canonicalization(), receipt.leafFormat(), receipt.salt(), receipt.contentHash(),
				receipt.leaf(), receipt.leafIndex(), 7, receipt.auditPath(), receipt.root(), receipt.anchor());
		Outcome outcome = verify(batch.resources.get(0), lying);
		assertThat(outcome.exit).isEqualTo(VerifyCommand.INVALID);
		assertThat(outcome.out).contains("anchored with 8 leaves, the receipt claims a tree of 7");
	}

	@Test
	void aMalformedReceiptOrUnreachableChainIsReported() throws IOException {
		Path resource = write("resource.json", batch.resources.get(0));
		Path receipt = write("receipt.json", "{\"type\":\"fhir-notary-receipt\",\"receiptVersion\":1}");
		Outcome malformed = run("--resource", resource.toString(), "--receipt", receipt.toString(), "--rpc", AnvilNode.shared().rpcUrl());
		assertThat(malformed.exit).isEqualTo(VerifyCommand.INVALID);
		assertThat(malformed.out).startsWith("INVALID: receipt member");

		Path good = write("good.json", ReceiptJson.write(batch.receipts.get(0)));
		Outcome down = run("--resource", resource.toString(), "--receipt", good.toString(), "--rpc", "http://127.0.0.1:1");
		assertThat(down.exit).isEqualTo(VerifyCommand.CHAIN_UNAVAILABLE);
		assertThat(down.err).startsWith("CANNOT CHECK");

		assertThat(run("--receipt", good.toString()).exit).isEqualTo(VerifyCommand.USAGE);
		Outcome notAUrl = run("--resource", resource.toString(), "--receipt", good.toString(), "--rpc", "localhost:8545");
		assertThat(notAUrl.exit).isEqualTo(VerifyCommand.USAGE);
		assertThat(notAUrl.err).contains("--rpc must be an http");
		assertThat(run("--resource", dir.resolve("missing.json").toString(), "--receipt", good.toString(), "--rpc",
				AnvilNode.shared().rpcUrl()).exit).isEqualTo(VerifyCommand.USAGE);
	}

	@Test
	void measuresReceiptsPerSecond() throws IOException {
		AnchoredBatch large = AnchoredBatch.anchor(notary, 197);
		List<Path[]> files = new ArrayList<>();
		for (int i = 3; i < large.receipts.size(); i++) {
			files.add(new Path[] {write("r" + i + ".json", large.resources.get(i)), write("q" + i + ".json", ReceiptJson.write(large.receipts.get(i)))});
		}
		long start = System.nanoTime();
		for (Path[] pair : files) {
			assertThat(run("--resource", pair[0].toString(), "--receipt", pair[1].toString(), "--rpc", AnvilNode.shared().rpcUrl()).exit)
					.isEqualTo(VerifyCommand.VALID);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("verifier: %d receipts (tree of %d) in %.2f s = %.0f receipts/s in process against Anvil%n",
				files.size(), large.receipts.size(), seconds, files.size() / seconds);

		long offlineStart = System.nanoTime();
		int checks = 0;
		for (int round = 0; round < 20; round++) {
			for (int i = 3; i < large.receipts.size(); i++) {
				assertThat(ProofCheck.check(large.resources.get(i), large.receipts.get(i)).valid()).isTrue();
				checks++;
			}
		}
		double offlineSeconds = (System.nanoTime() - offlineStart) / 1e9;
		System.out.printf("verifier offline part (steps 1-5): %d checks in %.2f s = %.0f receipts/s%n", checks, offlineSeconds,
				checks / offlineSeconds);
	}

	private Outcome verify(String resource, NotaryReceipt receipt) throws IOException {
		Path receiptFile = write("receipt-" + System.nanoTime() + ".json", ReceiptJson.write(receipt));
		if (resource == null) {
			return run("--receipt", receiptFile.toString(), "--rpc", AnvilNode.shared().rpcUrl());
		}
		Path resourceFile = write("resource-" + System.nanoTime() + ".json", resource);
		return run("--resource", resourceFile.toString(), "--receipt", receiptFile.toString(), "--rpc", AnvilNode.shared().rpcUrl());
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
	}

	static Outcome run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Outcome(int exit, String out, String err) {
	}

	static NotaryReceipt withPath(NotaryReceipt r, List<byte[]> path) {
		return new NotaryReceipt(r.resourceType(), r.logicalId(), r.versionId(), r.operation(), r.canonicalization(),
				r.leafFormat(), r.salt(), r.contentHash(), r.leaf(), r.leafIndex(), r.treeSize(), path, r.root(), r.anchor());
	}

	static NotaryReceipt withAnchor(NotaryReceipt r, NotaryReceipt.ChainAnchor anchor) {
		return new NotaryReceipt(r.resourceType(), r.logicalId(), r.versionId(), r.operation(), r.canonicalization(),
				r.leafFormat(), r.salt(), r.contentHash(), r.leaf(), r.leafIndex(), r.treeSize(), r.auditPath(), r.root(), anchor);
	}
}
