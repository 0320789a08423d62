package io.fhirnotary.notary.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** The hand-written encoding agrees with the ABI that solc wrote for the committed contract. */
class FhirNotaryAbiTests {

	private final Map<String, String> signatures = signaturesFromCompiledAbi();

	@Test
	void functionSelectorsMatchTheCompiledAbi() {
		byte[] root = new byte[32];
		String someone = "0x00000000000000000000000000000000000000aa";
		assertThat(FhirNotaryAbi.anchor(root, 3)).startsWith(selector("function anchor"));
		assertThat(FhirNotaryAbi.getAnchor(root)).startsWith(selector("function getAnchor"));
		assertThat(FhirNotaryAbi.addNotary(someone)).startsWith(selector("function addNotary"));
		assertThat(FhirNotaryAbi.removeNotary(someone)).startsWith(selector("function removeNotary"));
		assertThat(FhirNotaryAbi.isNotary(someone)).startsWith(selector("function isNotary"));
		assertThat(FhirNotaryAbi.owner()).startsWith(selector("function owner"));
	}

	@Test
	void anchoredEventAndErrorsMatchTheCompiledAbi() {
		assertThat(signatures.get("event Anchored")).isEqualTo("Anchored(bytes32,uint64,uint64,address)");
		assertThat(EventEncoder.encode(FhirNotaryAbi.ANCHORED))
				.isEqualTo(Numeric.toHexString(Hash.sha3(signatures.get("event Anchored").getBytes(StandardCharsets.US_ASCII))));
		for (String error : List.of("NotOwner", "NotNotary", "EmptyTree", "ZeroAddress", "LeafCountMismatch")) {
			String revertData = FhirNotaryAbi.errorSelector(signatures.get("error " + error)) + "00".repeat(32);
			assertThat(FhirNotaryAbi.describeRevert(revertData)).contains(error);
		}
	}

	/** The values docs/NOTARY.md §7 gives to independent verifiers. */
	@Test
	void selectorsAndTopicAreThoseDocumented() {
		assertThat(FhirNotaryAbi.anchor(new byte[32], 1)).startsWith("0xdb2c4aca");
		assertThat(FhirNotaryAbi.getAnchor(new byte[32])).startsWith("0x7feb51d9");
		assertThat(FhirNotaryAbi.isNotary("0x" + "00".repeat(20))).startsWith("0xf13eed97");
		assertThat(FhirNotaryAbi.owner()).isEqualTo("0x8da5cb5b");
		assertThat(FhirNotaryAbi.addNotary("0x" + "00".repeat(20))).startsWith("0x0588565f");
		assertThat(FhirNotaryAbi.removeNotary("0x" + "00".repeat(20))).startsWith("0x86785a6f");
		assertThat(EventEncoder.encode(FhirNotaryAbi.ANCHORED))
				.isEqualTo("0xd544f0fdf055021034cd7d508af2f239d8bfef694832258eafe43a50501a2fbd");
		assertThat(FhirNotaryAbi.errorSelector("NotNotary(address)")).isEqualTo("0x174c519c");
		assertThat(FhirNotaryAbi.errorSelector("LeafCountMismatch(bytes32,uint64,uint64)")).isEqualTo("0x55526e9f");
	}

	@Test
	void anchorCallDataIsSelectorRootAndLeafCount() {
		byte[] root = new byte[32];
		root[0] = (byte) 0xab;
		String data = FhirNotaryAbi.anchor(root, 10_000);
		assertThat(data).hasSize(2 + 8 + 64 + 64);
		assertThat(data.substring(10, 74)).isEqualTo("ab" + "00".repeat(31));
		assertThat(data.substring(74)).isEqualTo("0".repeat(60) + "2710");
	}

	@Test
	void deploymentBytecodeIsTheCommittedArtifact() {
		assertThat(FhirNotaryAbi.deploymentBytecode()).startsWith("0x6080").matches("0x[0-9a-f]+");
	}

	private String selector(String key) {
		String signature = signatures.get(key);
		assertThat(signature).as(key).isNotNull();
		return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII))).substring(0, 10);
	}

	private static Map<String, String> signaturesFromCompiledAbi() {
		try {
			JsonNode abi = new ObjectMapper().readTree(FhirNotaryAbi.resource(FhirNotaryAbi.ABI_RESOURCE));
			Map<String, String> result = new HashMap<>();
			for (JsonNode entry : abi) {
				if (!entry.has("name")) {
					continue;
				}
				List<String> types = new ArrayList<>();
				entry.get("inputs").forEach(input -> types.add(input.get("type").asText()));
				result.put(entry.get("type").asText() + " " + entry.get("name").asText(),
						entry.get("name").asText() + "(" + String.join(",", types) + ")");
			}
			return result;
		} catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}
}
