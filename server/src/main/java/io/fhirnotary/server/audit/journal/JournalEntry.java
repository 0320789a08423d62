package io.fhirnotary.server.audit.journal;

import io.fhirnotary.interceptors.identity.ResourceRef;
import io.fhirnotary.server.consent.PatientOfResource;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the journal keeps beside an AuditEvent's encrypted body: the values it is searched by.
 * References are unversioned {@code Type/id} (opaque ids, the reference graph HAPI's own link rows
 * hold for every resource); codes are {@code system|blind code}, blinded as HAPI's search index
 * blinds them (issue 4: the same keyed MAC the search request's values are rewritten with), so the
 * journal holds no code in clear either. Multi-valued columns are written
 * {@link #column(Collection) space-delimited, with a space at each end}, so that one value matches
 * as {@code LIKE '% value %'} and never as part of another.
 *
 * @param patients the patients whose compartment the event is in (whom it is about)
 */
record JournalEntry(
		String id,
		long recordedMillis,
		Set<String> patients,
		String type,
		Set<String> subtypes,
		String action,
		String outcome,
		Set<String> security,
		Set<String> agents,
		Set<String> entities) {

	private static final String NONE = "";

	/** The entry of an event that already carries its journal id and {@code recorded}. */
	static JournalEntry of(AuditEvent event, PatientOfResource patientOf, UnaryOperator<String> blindCode) {
		Set<String> patients = patientOf.of(event).patients().stream()
				.map(ref -> ref.type() + "/" + ref.id()).collect(Collectors.toCollection(LinkedHashSet::new));
		Set<String> agents = new LinkedHashSet<>();
		for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
			reference(agent.getWho()).ifPresent(agents::add);
		}
		Set<String> entities = new LinkedHashSet<>();
		for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
			reference(entity.getWhat()).ifPresent(entities::add);
		}
		// security labels stay clear, as in HAPI's _security index: they say emergency access, not who
		Set<String> security = event.getMeta().getSecurity().stream().map(coding -> token(coding, code -> code))
				.collect(Collectors.toCollection(LinkedHashSet::new));
		Set<String> subtypes = event.getSubtype().stream().map(coding -> token(coding, blindCode))
				.collect(Collectors.toCollection(LinkedHashSet::new));
		return new JournalEntry(
				event.getIdElement().getIdPart(),
				event.getRecorded().getTime(),
				patients,
				token(event.getType(), blindCode),
				subtypes,
				event.hasAction() ? token("", event.getAction().toCode(), blindCode) : NONE,
				event.hasOutcome() ? token("", event.getOutcome().toCode(), blindCode) : NONE,
				security,
				agents,
				entities);
	}

	/** {@code system|blind code}; none without a code, or with white space (it could not be searched for). */
	static String token(Coding coding, UnaryOperator<String> blindCode) {
		return token(coding.hasSystem() ? coding.getSystem() : "", coding.getCode(), blindCode);
	}

	private static String token(String system, String code, UnaryOperator<String> blindCode) {
		if (code == null || code.isEmpty() || hasSpace(system)) {
			return NONE;
		}
		return system + "|" + blindCode.apply(code);
	}

	private static java.util.Optional<String> reference(Reference reference) {
		if (reference == null || !reference.hasReference()) {
			return java.util.Optional.empty();
		}
		return ResourceRef.parse(reference.getReference()).map(ref -> ref.type() + "/" + ref.id());
	}

	/** {@code " a b c "}: each value between spaces, so {@code "% a %"} finds exactly it. */
	static String column(Collection<String> values) {
		List<String> kept = values.stream().filter(value -> !value.isEmpty() && !hasSpace(value)).toList();
		return kept.isEmpty() ? " " : " " + String.join(" ", kept) + " ";
	}

	private static boolean hasSpace(String value) {
		return value.chars().anyMatch(Character::isWhitespace);
	}
}
