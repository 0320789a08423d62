package io.fhirnotary.notary.chain;

import java.math.BigInteger;
import java.util.Optional;

/**
 * What a transaction offers to pay: EIP-1559 fees where the chain has a base fee, a legacy gas
 * price where it has none (some permissioned chains).
 */
public record TransactionFees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, BigInteger legacyGasPrice) {

	private static final BigInteger FALLBACK_PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);

	public boolean eip1559() {
		return legacyGasPrice == null;
	}

	/**
	 * Fees that stay includable while the base fee doubles: {@code maxFee = 2 * baseFee + tip}.
	 * A transaction is signed before it is broadcast and may wait; headroom saves a replacement.
	 */
	public static TransactionFees current(EthereumRpc rpc) {
		Optional<BigInteger> baseFee = rpc.latestBaseFee();
		if (baseFee.isEmpty()) {
			return new TransactionFees(null, null, rpc.gasPrice());
		}
		BigInteger tip;
		try {
			tip = rpc.maxPriorityFeePerGas();
		} catch (ChainException e) {
			if (e.unreachable()) {
				throw e;
			}
			tip = FALLBACK_PRIORITY_FEE; // the node lacks eth_maxPriorityFeePerGas
		}
		return new TransactionFees(baseFee.get().shiftLeft(1).add(tip), tip, null);
	}
}
