package io.fhirnotary.notary.anchor;

import io.fhirnotary.notary.chain.EthereumRpc;
import io.fhirnotary.notary.chain.NotaryContractClient;
import io.fhirnotary.notary.chain.SigningKeys;
import java.time.Clock;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A separate JVM for the crash test: ticks an anchorer once and dies abruptly (Runtime.halt, like
 * SIGKILL: no finally blocks, no shutdown hooks) right after broadcasting, before it can record it.
 * Arguments: jdbc-url user rpc-url contract-address private-key node-id.
 */
public final class AnchorerProcess {

	public static void main(String[] args) throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(args[0]);
		dataSource.setUser(args[1]);
		EthereumRpc rpc = EthereumRpc.connect(args[2]);
		NotaryContractClient chain = new NotaryContractClient(rpc, rpc.chainId(), SigningKeys.fromPrivateKey(args[4]), args[3]);
		Anchorer anchorer = new Anchorer(dataSource, chain, AnchorerFixture.settings(chain, args[2], args[4], 100, 1),
				new LeaderLease(dataSource, args[5], 5_000), Clock.systemUTC(), transaction -> {
					chain.broadcast(transaction);
					Runtime.getRuntime().halt(137);
				});
		anchorer.tick();
		System.exit(3); // not reached when a batch was broadcast
	}
}
