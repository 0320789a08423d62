package io.fhirnotary.notary.chain;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The ABI of {@code notary/contract/FhirNotary.sol}, encoded by hand with web3j's ABI coder: call
 * data for each function, decoding of results, events and custom errors, and the committed
 * deployment bytecode. Pure: no I/O except reading the bytecode resource.
 */
public final class FhirNotaryAbi {

	static final String BYTECODE_RESOURCE = "/io/fhirnotary/notary/contract/FhirNotary.bin";
	static final String ABI_RESOURCE = "/io/fhirnotary/notary/contract/FhirNotary.abi";

	/** {@code Anchored(bytes32 indexed root, uint64 leafCount, uint64 timestamp, address indexed notary)} */
	public static final Event ANCHORED = new Event("Anchored", List.of(new TypeReference<Bytes32>(true) {
	}, new TypeReference<Uint64>() {
	}, new TypeReference<Uint64>() {
	}, new TypeReference<Address>(true) {
	}));

	private FhirNotaryAbi() {
	}

	/** An {@code Anchored} event as found in a transaction receipt. */
	public record AnchoredEvent(byte[] root, long leafCount, long timestamp, String notary) {
	}

	public static String anchor(byte[] root, long leafCount) {
		return FunctionEncoder.encode(new Function("anchor", List.of(new Bytes32(root32(root)), new Uint64(leafCount)),
				List.of(new TypeReference<Bool>() {
				})));
	}

	public static String getAnchor(byte[] root) {
		return FunctionEncoder.encode(getAnchorFunction(root));
	}

	/** @return timestamp and leaf count; both 0 when the root was never anchored */
	public static long[] decodeGetAnchor(String returned) {
		List<Type> values = FunctionReturnDecoder.decode(returned, getAnchorFunction(new byte[32]).getOutputParameters());
		if (values.size() != 2) {
			throw new IllegalStateException("getAnchor returned " + values.size() + " values, not 2: is this a FhirNotary contract?");
		}
		return new long[] {((BigInteger) values.get(0).getValue()).longValueExact(),
				((BigInteger) values.get(1).getValue()).longValueExact()};
	}

	public static String addNotary(String address) {
		return FunctionEncoder.encode(new Function("addNotary", List.of(new Address(address)), List.of()));
	}

	public static String removeNotary(String address) {
		return FunctionEncoder.encode(new Function("removeNotary", List.of(new Address(address)), List.of()));
	}

	public static String isNotary(String address) {
		return FunctionEncoder.encode(isNotaryFunction(address));
	}

	public static boolean decodeBool(String returned) {
		List<Type> values = FunctionReturnDecoder.decode(returned, isNotaryFunction(Address.DEFAULT.getValue()).getOutputParameters());
		if (values.isEmpty()) {
			throw new IllegalStateException("expected a bool, got '" + returned + "'");
		}
		return (Boolean) values.get(0).getValue();
	}

	public static String owner() {
		return FunctionEncoder.encode(ownerFunction());
	}

	public static String decodeAddress(String returned) {
		List<Type> values = FunctionReturnDecoder.decode(returned, ownerFunction().getOutputParameters());
		if (values.isEmpty()) {
			throw new IllegalStateException("expected an address, got '" + returned + "'");
		}
		return ((Address) values.get(0)).getValue();
	}

	/** The {@code Anchored} events among a receipt's logs that the given contract emitted. */
	public static List<AnchoredEvent> anchoredEvents(List<Log> logs, String contractAddress) {
		String topic = EventEncoder.encode(ANCHORED);
		return logs.stream()
				.filter(log -> log.getAddress() != null && log.getAddress().equalsIgnoreCase(contractAddress))
				.filter(log -> !log.getTopics().isEmpty() && log.getTopics().get(0).equalsIgnoreCase(topic))
				.map(FhirNotaryAbi::decodeAnchored)
				.toList();
	}

	private static AnchoredEvent decodeAnchored(Log log) {
		List<Type> data = FunctionReturnDecoder.decode(log.getData(), ANCHORED.getNonIndexedParameters());
		byte[] root = Numeric.hexStringToByteArray(log.getTopics().get(1));
		String notary = (String) FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(2), new TypeReference<Address>() {
		}).getValue();
		return new AnchoredEvent(root, ((BigInteger) data.get(0).getValue()).longValueExact(),
				((BigInteger) data.get(1).getValue()).longValueExact(), notary);
	}

	/**
	 * Names the contract's custom error in revert data ({@code NotNotary(address)} and so on), or
	 * the raw data when it is none of them.
	 */
	public static Optional<String> describeRevert(String revertData) {
		if (revertData == null || revertData.length() < 10) {
			return Optional.empty();
		}
		String selector = revertData.substring(0, 10).toLowerCase();
		for (String error : List.of("NotOwner(address)", "NotNotary(address)", "EmptyTree()", "ZeroAddress()",
				"LeafCountMismatch(bytes32,uint64,uint64)")) {
			if (selector.equals(errorSelector(error))) {
				return Optional.of(error.substring(0, error.indexOf('(')));
			}
		}
		return Optional.of(revertData);
	}

	static String errorSelector(String signature) {
		return Numeric.toHexString(Arrays.copyOf(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)), 4));
	}

	/** The committed init code ({@code FhirNotary.bin}) as 0x-hex. */
	public static String deploymentBytecode() {
		return "0x" + resource(BYTECODE_RESOURCE).strip();
	}

	static String resource(String name) {
		try (InputStream in = FhirNotaryAbi.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name + " is missing from the classpath (built from notary/contract)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new IllegalStateException("cannot read " + name, e);
		}
	}

	private static Function getAnchorFunction(byte[] root) {
		return new Function("getAnchor", List.of(new Bytes32(root32(root))), List.of(new TypeReference<Uint64>() {
		}, new TypeReference<Uint64>() {
		}));
	}

	private static Function isNotaryFunction(String address) {
		return new Function("isNotary", List.of(new Address(address)), List.of(new TypeReference<Bool>() {
		}));
	}

	private static Function ownerFunction() {
		return new Function("owner", List.of(), List.of(new TypeReference<Address>() {
		}));
	}

	private static byte[] root32(byte[] root) {
		if (root == null || root.length != 32) {
			throw new IllegalArgumentException("a root is 32 bytes");
		}
		return root;
	}
}
