package io.fhirnotary.server.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Consent;

/**
 * Each patient's Consents, kept across requests for as long as the {@link ConsentGeneration} the
 * request read is the one they were loaded under. Reading a patient's Consents is a search (and a
 * decryption per Consent) that every pharmacy pull made for every patient it touched; the
 * generation makes skipping it exact, because any Consent write anywhere advances it.
 *
 * <p>A list is tagged with the generation its reader had read before loading it, so it holds at
 * least every Consent write up to that generation; a request that read a later generation loads
 * afresh. Callers get their own copies: HAPI model getters create missing children on first use,
 * so shared objects would be written by the threads deciding with them.
 */
final class CachedPatientConsents {

	private record Loaded(String generation, List<Consent> consents) {}

	private final Function<ResourceRef, List<Consent>> load;
	private final Cache<ResourceRef, Loaded> loaded;

	/**
	 * @param load     a patient's Consents in every status, read as the server
	 * @param patients how many patients' Consents to keep
	 */
	CachedPatientConsents(Function<ResourceRef, List<Consent>> load, int patients) {
		this.load = load;
		this.loaded = Caffeine.newBuilder().maximumSize(patients).build();
	}

	List<Consent> consentsOf(ResourceRef patient, String generation) {
		Loaded known = loaded.getIfPresent(patient);
		if (known == null || !known.generation().equals(generation)) {
			known = new Loaded(generation, copies(load.apply(patient)));
			loaded.put(patient, known);
		}
		return copies(known.consents());
	}

	private static List<Consent> copies(List<Consent> consents) {
		List<Consent> copies = new ArrayList<>(consents.size());
		for (Consent consent : consents) {
			copies.add(consent.copy());
		}
		return List.copyOf(copies);
	}
}
