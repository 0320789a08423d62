package io.fhirnotary.server.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.interceptors.consent.ResourceReferences;
import io.fhirnotary.interceptors.identity.ResourceRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class IncludeReachabilityTests {

	/** Search-parameter links of the test resources: resource → parameter → targets. */
	private final Map<ResourceRef, Map<String, Set<ResourceRef>>> table = new HashMap<>();

	private final IncludeReachability.Links links = (source, parameter) -> {
		Map<String, Set<ResourceRef>> byParameter = table.getOrDefault(ResourceReferences.identity(source).orElseThrow(), Map.of());
		if (parameter.equals("*")) {
			return byParameter.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toSet());
		}
		return byParameter.getOrDefault(parameter, Set.of());
	};

	private final Patient patient = (Patient) new Patient().setId("Patient/p");
	private final Practitioner doc1 = (Practitioner) new Practitioner().setId("Practitioner/doc1");
	private final Practitioner doc2 = (Practitioner) new Practitioner().setId("Practitioner/doc2");
	private final Organization pharmacy = (Organization) new Organization().setId("Organization/ph");
	private final MedicationRequest a1 = prescription("a1", "doc1");
	private final MedicationRequest a2 = prescription("a2", "doc2");
	private final MedicationDispense d1 = dispense("d1", "a1");
	private final MedicationDispense d2 = dispense("d2", "a2");

	private static IncludeReachability.Step step(String value, boolean reverse, boolean iterate) {
		return IncludeReachability.Step.parse(value, reverse, iterate).orElseThrow();
	}

	@Test
	void anIncludeReachedOnlyFromAHiddenMatchGoes() {
		// a2 was a match but consent took it out; HAPI had already included its requester doc2
		List<Resource> unreachable = IncludeReachability.unreachable(
				List.of(a1), List.of(doc1, doc2), List.of(step("MedicationRequest:requester", false, false)), links);
		assertThat(unreachable).containsExactly(doc2);
	}

	@Test
	void iterateStepsDoNotPassThroughHiddenResources() {
		List<IncludeReachability.Step> steps = List.of(
				step("MedicationDispense:prescription", false, true), step("MedicationRequest:requester", false, true));
		assertThat(IncludeReachability.unreachable(List.of(d1), List.of(doc1), steps, links))
				.as("a1 hidden: doc1 reached only through it").containsExactly(doc1);
		assertThat(IncludeReachability.unreachable(List.of(d1), List.of(a1, doc1), steps, links))
				.as("a1 visible").isEmpty();
	}

	@Test
	void nonIterateIncludesStartAtMatchesAndRevincludesOnly() {
		List<IncludeReachability.Step> steps = List.of(
				step("MedicationDispense:prescription", false, false), step("MedicationRequest:requester", false, false));
		assertThat(IncludeReachability.unreachable(List.of(d1), List.of(a1, doc1), steps, links)).containsExactly(doc1);

		List<IncludeReachability.Step> fromRevincluded = List.of(
				step("MedicationRequest:subject", true, false), step("MedicationRequest:requester", false, false));
		assertThat(IncludeReachability.unreachable(List.of(patient), List.of(a1, doc1), fromRevincluded, links)).isEmpty();
	}

	@Test
	void revincludesMustReferToAVisibleMatch() {
		List<Resource> unreachable = IncludeReachability.unreachable(
				List.of(a1), List.of(d1, d2), List.of(step("MedicationDispense:prescription", true, false)), links);
		assertThat(unreachable).containsExactly(d2);
	}

	@Test
	void wildcardsAndTargetTypes() {
		assertThat(IncludeReachability.unreachable(List.of(d1), List.of(a1, pharmacy), List.of(step("*", false, false)), links))
				.isEmpty();
		assertThat(IncludeReachability.unreachable(List.of(d1), List.of(pharmacy),
						List.of(step("MedicationDispense:performer:Practitioner", false, false)), links))
				.containsExactly(pharmacy);
		assertThat(IncludeReachability.unreachable(List.of(d1), List.of(pharmacy),
						List.of(step("MedicationDispense:*", false, false)), links))
				.isEmpty();
	}

	@Test
	void withoutStepsNoIncludeIsReachable() {
		assertThat(IncludeReachability.unreachable(List.of(a1), List.of(doc1), List.of(), links)).containsExactly(doc1);
	}

	@Test
	void stepsParseLikeHapiIncludes() {
		assertThat(IncludeReachability.Step.parse("MedicationRequest:requester:Practitioner", false, true)).contains(
				new IncludeReachability.Step("MedicationRequest", "requester", "Practitioner", false, true));
		assertThat(IncludeReachability.Step.parse("*", true, false))
				.contains(new IncludeReachability.Step("*", "*", null, true, false));
		assertThat(IncludeReachability.Step.parse("MedicationRequest", false, false)).isEmpty();
		assertThat(IncludeReachability.Step.parse("", false, false)).isEmpty();
	}

	@Test
	void everythingKeepsOnlyWhatVisibleCompartmentResourcesReferTo() {
		Observation observation = (Observation) new Observation().addPerformer(new Reference("Practitioner/doc1"))
				.setId("Observation/o1");
		Organization parent = (Organization) new Organization().setId("Organization/parent");
		Organization child = (Organization) new Organization().setPartOf(new Reference("Organization/parent"))
				.setId("Organization/child");
		Practitioner withOrganization = (Practitioner) new Practitioner().setId("Practitioner/doc1");
		observation.addPerformer(new Reference("Organization/child"));
		List<Resource> unreferenced = IncludeReachability.unreferencedFrom(
				List.of(observation), List.of(withOrganization, doc2, parent, child));
		assertThat(unreferenced).containsExactly(doc2);
	}

	private MedicationRequest prescription(String id, String requester) {
		MedicationRequest prescription = (MedicationRequest) new MedicationRequest().setId("MedicationRequest/" + id);
		link(prescription, "requester", "Practitioner/" + requester);
		link(prescription, "subject", "Patient/p");
		return prescription;
	}

	private MedicationDispense dispense(String id, String prescription) {
		MedicationDispense dispense = (MedicationDispense) new MedicationDispense().setId("MedicationDispense/" + id);
		link(dispense, "prescription", "MedicationRequest/" + prescription);
		link(dispense, "performer", "Organization/ph");
		return dispense;
	}

	private void link(Resource source, String parameter, String target) {
		table.computeIfAbsent(ResourceReferences.identity(source).orElseThrow(), ignored -> new HashMap<>())
				.computeIfAbsent(parameter, ignored -> new java.util.LinkedHashSet<>())
				.add(ResourceRef.parse(target).orElseThrow());
	}
}
