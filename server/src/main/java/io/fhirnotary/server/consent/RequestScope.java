package io.fhirnotary.server.consent;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import io.fhirnotary.interceptors.consent.ConsentDecision;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Consent;

/**
 * What the consent adapter remembers for the length of one HTTP request, and never longer: the
 * Consents and related-resource lookups it already made (a search decides many resources of the
 * same patient), how many resources it hid, and the decisions it took, until they are handed to
 * the audit trail. A revocation therefore takes effect on the very next request, including the
 * next page of an open search.
 *
 * <p>Kept in HAPI's request user data, which batch and transaction entries share with their
 * bundle, and which HAPI's search threads read concurrently with the request thread; hence the
 * concurrent maps.
 */
final class RequestScope {

	private static final String USER_DATA_KEY = RequestScope.class.getName();

	private final Map<ResourceRef, List<Consent>> consentsByPatient = new ConcurrentHashMap<>();
	private final Map<ResourceRef, Optional<Set<ResourceRef>>> referencesByResource = new ConcurrentHashMap<>();
	private final AtomicInteger hidden = new AtomicInteger();
	private final ConcurrentLinkedQueue<Decided> decisions = new ConcurrentLinkedQueue<>();
	private String consentGeneration;

	/** One decision about one resource version, for the audit trail. */
	record Decided(ResourceRef resource, String version, ResourceRef patient, ConsentDecision decision) {}

	/** The scope of this request, created on first use. */
	static RequestScope of(RequestDetails request) {
		Map<Object, Object> userData = request.getUserData();
		// HAPI's user data map is concurrent but its putIfAbsent is not atomic; a lost scope would
		// only lose cached lookups, but the hidden count must survive, so create it once.
		synchronized (userData) {
			Object existing = userData.get(USER_DATA_KEY);
			if (existing instanceof RequestScope scope) {
				return scope;
			}
			RequestScope scope = new RequestScope();
			userData.put(USER_DATA_KEY, scope);
			return scope;
		}
	}

	/** The scope of this request if the adapter has used it, without creating one. */
	static Optional<RequestScope> existing(RequestDetails request) {
		return request.getUserData().get(USER_DATA_KEY) instanceof RequestScope scope ? Optional.of(scope) : Optional.empty();
	}

	/**
	 * The {@link ConsentGeneration} this request works under, read once: the search it files and
	 * the Consents it decides with must agree on it. Not remembered when read inside a transaction
	 * that advanced it itself: that value is uncommitted and may roll back, and a later Consent
	 * write would then reach it with other Consents.
	 */
	synchronized String consentGeneration(Supplier<String> read) {
		if (ConsentGeneration.advancedInThisTransaction()) {
			return read.get();
		}
		if (consentGeneration == null) {
			consentGeneration = read.get();
		}
		return consentGeneration;
	}

	List<Consent> consentsOf(ResourceRef patient, Function<ResourceRef, List<Consent>> load) {
		return consentsByPatient.computeIfAbsent(patient, load);
	}

	Optional<Set<ResourceRef>> referencesOf(ResourceRef resource, Function<ResourceRef, Optional<Set<ResourceRef>>> load) {
		return referencesByResource.computeIfAbsent(resource, load);
	}

	void countHidden() {
		hidden.incrementAndGet();
	}

	void record(Decided decision) {
		decisions.add(decision);
	}

	/** Hands over, oldest first, the decisions recorded since the last call. */
	void drainDecisions(Consumer<Decided> into) {
		for (Decided next = decisions.poll(); next != null; next = decisions.poll()) {
			into.accept(next);
		}
	}

	/** Whether this request has hidden at least one resource from the caller so far. */
	boolean hidSomething() {
		return hidden.get() > 0;
	}
}
