package io.fhirnotary.server.consent;

import static io.fhirnotary.server.consent.ConsentTestWorld.A_COMPARTMENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fhirnotary.server.support.RawHttp;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTTP matrix of {@code docs/CONSENT.md} §8: one parameterised test per column, run for every
 * caller row, against the expectations of {@link #visibleTo(Row)} (the "sees" of each row). Hidden
 * resources must give zero resources and zero existence signals: the same 404 as an id that never
 * existed, absence from bundles, no totals, refused count/chain features.
 *
 * <p>Paging after revocation has its own class ({@link PagingAfterRevocationIntegrationTests}),
 * as it changes the world; the opt-out row is tested at unit level ({@link ResourceVisibilityTests}).
 */
class ConsentMatrixIntegrationTests extends ConsentIntegrationTest {

	/** Every patient resource of the world: A's compartment and B's two. */
	private static final List<String> PATIENT_DATA = concat(A_COMPARTMENT, List.of("B", "b1"));

	/** The "sees" column of the matrix: which of {@link #PATIENT_DATA} each caller may see. */
	static Set<String> visibleTo(Row row) {
		return switch (row) {
			case PATIENT_A -> Set.copyOf(A_COMPARTMENT);
			case PATIENT_B -> Set.of("B", "b1");
			case PRESCRIBER -> Set.of("a1", "b1");
			case PHARMACY_WITH_CONSENT -> Set.of("A", "a1", "a2", "d1", "c1");
			case PHARMACY_WITHOUT_CONSENT -> Set.of();
			case PHARMACY_ONE_PRESCRIPTION -> Set.of("a1", "c3");
			case PHARMACY_ONE_DISPENSE -> Set.of("d1", "c8");
			case EXPIRED_CONSENT -> Set.of("c4");
			// before the revocation; PagingAfterRevocationIntegrationTests revokes it
			case REVOKED_CONSENT -> Set.of("A", "a1", "a2", "d1", "c5");
			case DENY_PROVISION -> without(A_COMPARTMENT, "ae1", "o1");
			case EMERGENCY -> Set.copyOf(concat(without(A_COMPARTMENT, "ae1"), List.of("B", "b1")));
			case AUDITOR -> Set.of("ae1");
			case CUSTODIAN -> Set.copyOf(PATIENT_DATA);
			case ACCESS_REQUESTER -> Set.of("c7");
		};
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void read(Row row) {
		RawHttp caller = as(row);
		SoftAssertions soft = new SoftAssertions();
		for (String key : PATIENT_DATA) {
			String path = world.ref(key);
			expectVisibleOrNonexistent(soft, row, caller, key, path);
		}
		soft.assertAll();
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void vread(Row row) {
		RawHttp caller = as(row);
		SoftAssertions soft = new SoftAssertions();
		for (String key : PATIENT_DATA) {
			expectVisibleOrNonexistent(soft, row, caller, key, world.ref(key) + "/_history/1");
		}
		soft.assertAll();
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void instanceHistory(Row row) {
		RawHttp caller = as(row);
		SoftAssertions soft = new SoftAssertions();
		for (String key : PATIENT_DATA) {
			String path = world.ref(key) + "/_history";
			RawHttp.Response response = expectVisibleOrNonexistent(soft, row, caller, key, path);
			if (response.status() == 200) {
				soft.assertThat(keysIn(parse(Bundle.class, response))).as(path).containsExactly(key);
			}
		}
		soft.assertAll();
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void typeAndSystemHistoryAreForCustodiansOnly(Row row) {
		for (String path : List.of("MedicationRequest/_history", "_history")) {
			RawHttp.Response response = as(row).get(path + "?_count=5");
			if (row == Row.CUSTODIAN) {
				assertThat(response.status()).as(path).isEqualTo(200);
			} else {
				assertRefused(response, 400, path);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void searchGetAndPost(Row row) {
		RawHttp caller = as(row);
		SoftAssertions soft = new SoftAssertions();
		Map<String, List<String>> byType = new LinkedHashMap<>();
		PATIENT_DATA.forEach(key -> byType.computeIfAbsent(world.type(key), type -> new ArrayList<>()).add(key));
		byType.forEach((type, keys) -> {
			String ids = keys.stream().map(world::id).collect(Collectors.joining(","));
			Set<String> expected = intersect(visibleTo(row), keys);
			Bundle viaGet = searchBundle(caller, type + "?_id=" + ids);
			soft.assertThat(keysIn(viaGet)).as(row + " GET " + type).containsExactlyInAnyOrderElementsOf(expected);
			RawHttp.Response post = caller.send(
					"POST", type + "/_search", "application/x-www-form-urlencoded", "_id=" + ids);
			soft.assertThat(post.status()).as(row + " POST " + type).isEqualTo(200);
			Bundle viaPost = parse(Bundle.class, post);
			soft.assertThat(keysIn(viaPost)).as(row + " POST " + type).containsExactlyInAnyOrderElementsOf(expected);
			expectNoCountSignals(soft, row, viaGet);
			expectNoCountSignals(soft, row, viaPost);
		});
		Bundle bySubject = searchBundle(caller, "MedicationRequest?subject=" + world.ref("A"));
		soft.assertThat(keysIn(bySubject)).as(row + " by subject")
				.containsExactlyInAnyOrderElementsOf(intersect(visibleTo(row), List.of("a1", "a2")));
		soft.assertAll();
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void includeAndRevinclude(Row row) {
		Set<String> visible = visibleTo(row);
		Bundle bundle = searchBundle(as(row), "MedicationRequest?subject=" + world.ref("A")
				+ "&_include=MedicationRequest:subject&_include=MedicationRequest:requester"
				+ "&_revinclude=MedicationDispense:prescription");
		Set<String> matches = intersect(visible, List.of("a1", "a2"));
		Set<String> included = new LinkedHashSet<>();
		if (!matches.isEmpty() && visible.contains("A")) {
			included.add("A");
		}
		if (matches.contains("a1") && row != Row.AUDITOR) {
			included.add("doc1");
		}
		if (matches.contains("a2") && row != Row.AUDITOR) {
			included.add("doc2");
		}
		if (matches.contains("a1") && visible.contains("d1")) {
			included.add("d1");
		}
		assertThat(keysIn(bundle, SearchEntryMode.MATCH)).as("matches").containsExactlyInAnyOrderElementsOf(matches);
		assertThat(keysIn(bundle, SearchEntryMode.INCLUDE)).as("included").containsExactlyInAnyOrderElementsOf(included);
	}

	/** {@code :iterate} must not pass through hidden resources: pharmacy 8 sees d1 but not a1 or a1's requester link. */
	@ParameterizedTest
	@EnumSource(Row.class)
	void iterateOnlyThroughVisibleResources(Row row) {
		Set<String> visible = visibleTo(row);
		Bundle forward = searchBundle(as(row), "MedicationDispense?subject=" + world.ref("A")
				+ "&_include:iterate=MedicationDispense:prescription&_include:iterate=MedicationRequest:requester");
		Set<String> matches = intersect(visible, List.of("d1"));
		Set<String> included = new LinkedHashSet<>();
		if (matches.contains("d1") && visible.contains("a1")) {
			included.add("a1");
			included.add("doc1");
		}
		assertThat(keysIn(forward, SearchEntryMode.MATCH)).as("matches").containsExactlyInAnyOrderElementsOf(matches);
		assertThat(keysIn(forward, SearchEntryMode.INCLUDE)).as("included").containsExactlyInAnyOrderElementsOf(included);

		Bundle reverse = searchBundle(as(row), "Patient?_id=" + world.id("A")
				+ "&_revinclude:iterate=MedicationRequest:subject&_revinclude:iterate=MedicationDispense:prescription");
		Set<String> patient = intersect(visible, List.of("A"));
		Set<String> revincluded = new LinkedHashSet<>();
		if (!patient.isEmpty()) {
			revincluded.addAll(intersect(visible, List.of("a1", "a2")));
			if (revincluded.contains("a1") && visible.contains("d1")) {
				revincluded.add("d1");
			}
		}
		assertThat(keysIn(reverse, SearchEntryMode.MATCH)).as("matches").containsExactlyInAnyOrderElementsOf(patient);
		assertThat(keysIn(reverse, SearchEntryMode.INCLUDE)).as("revincluded").containsExactlyInAnyOrderElementsOf(revincluded);
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void chainsAndHasAreForCustodiansOnly(Row row) {
		String chain = "MedicationRequest?subject.family=" + "Patient%20A";
		String has = "Patient?_id=" + world.id("A") + "&_has:MedicationRequest:subject:requester=" + world.ref("doc2");
		String sortOnChain = "MedicationRequest?subject=" + world.ref("A") + "&_sort=subject.family";
		if (row == Row.CUSTODIAN) {
			assertThat(keysIn(searchBundle(as(row), has))).containsExactly("A");
			assertThat(keysIn(searchBundle(as(row), chain + "&_id=" + world.id("a1")))).containsExactly("a1");
			return;
		}
		assertRefused(as(row).get(chain), 400, chain);
		assertRefused(as(row).get(has), 400, has);
		assertRefused(as(row).get(sortOnChain), 400, sortOnChain);
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void countsAndTotalsAreForCustodiansOnly(Row row) {
		String base = "MedicationRequest?subject=" + world.ref("A");
		for (String ask : List.of("&_summary=count", "&_total=accurate", "&_total=estimate", "&_offset=1")) {
			RawHttp.Response response = as(row).get(base + ask);
			if (row == Row.CUSTODIAN) {
				assertThat(response.status()).as(ask).isEqualTo(200);
				if (!ask.equals("&_offset=1")) {
					assertThat(parse(Bundle.class, response).getTotal()).as(ask).isEqualTo(2);
				}
			} else {
				assertRefused(response, 400, ask);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void batchAndTransactionGetEntries(Row row) {
		for (Bundle.BundleType type : List.of(Bundle.BundleType.BATCH, Bundle.BundleType.TRANSACTION)) {
			Bundle request = new Bundle().setType(type);
			String ghost = "ghost-" + world.prefix + "-entry";
			for (String key : PATIENT_DATA) {
				request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(world.ref(key));
				request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(world.type(key) + "/" + ghost);
			}
			request.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
					.setUrl("MedicationRequest?subject=" + world.ref("A"));
			RawHttp.Response response = as(row).send("POST", "", "application/fhir+json", encode(request));
			assertThat(response.status()).as(type + " " + response.body()).isEqualTo(200);
			List<Bundle.BundleEntryComponent> entries = parse(Bundle.class, response).getEntry();
			SoftAssertions soft = new SoftAssertions();
			for (int i = 0; i < PATIENT_DATA.size(); i++) {
				String key = PATIENT_DATA.get(i);
				Bundle.BundleEntryComponent entry = entries.get(2 * i);
				Bundle.BundleEntryComponent nonexistent = entries.get(2 * i + 1);
				if (visibleTo(row).contains(key)) {
					soft.assertThat(entry.getResponse().getStatus()).as(type + " " + key).startsWith("200");
				} else {
					soft.assertThat(entry.getResponse().getStatus()).as(type + " " + key)
							.isEqualTo(nonexistent.getResponse().getStatus()).startsWith("404");
					soft.assertThat(encode(entry.getResponse().getOutcome())).as(type + " " + key)
							.isEqualTo(encode(nonexistent.getResponse().getOutcome()).replace(ghost, world.id(key)));
					soft.assertThat(entry.getResource()).as(type + " " + key).isNull();
				}
			}
			Bundle search = (Bundle) entries.get(2 * PATIENT_DATA.size()).getResource();
			soft.assertThat(keysIn(search)).as(type + " search entry")
					.containsExactlyInAnyOrderElementsOf(intersect(visibleTo(row), List.of("a1", "a2")));
			expectNoCountSignals(soft, row, search);
			soft.assertAll();
		}
	}

	@ParameterizedTest
	@EnumSource(Row.class)
	void patientEverything(Row row) {
		RawHttp caller = as(row);
		String path = world.ref("A") + "/$everything";
		RawHttp.Response response = caller.get(path + "?_count=100");
		if (!visibleTo(row).contains("A")) {
			assertLikeNonexistent(caller, path + "?_count=100", "Patient", world.id("A"), response);
			return;
		}
		Set<String> shown = new LinkedHashSet<>();
		for (int pages = 0; response != null; pages++) {
			assertThat(pages).as("pages").isLessThan(50);
			assertThat(response.status()).isEqualTo(200);
			Bundle page = parse(Bundle.class, response);
			shown.addAll(keysIn(page));
			SoftAssertions soft = new SoftAssertions();
			expectNoCountSignals(soft, row, page);
			soft.assertAll();
			response = page.getLink("next") == null ? null : caller.get(page.getLink("next").getUrl());
		}
		assertThat(intersect(shown, A_COMPARTMENT)).containsExactlyInAnyOrderElementsOf(
				intersect(visibleTo(row), A_COMPARTMENT));
		if (row != Row.CUSTODIAN) {
			// nothing of A's refers to B's data: it must not come along, even where the caller sees it
			assertThat(shown).doesNotContain("B", "b1");
		}
		// docObs is referred to by o1 only: never shown where o1 is hidden.
		if (!visibleTo(row).contains("o1")) {
			assertThat(shown).doesNotContain("docObs");
		}
	}

	/**
	 * Later {@code $everything} pages ({@code _getpages}) are cleaned like the first: the emergency
	 * practitioner, from whom A's AuditEvents are hidden, never gets B's prescription that only an
	 * AuditEvent about A refers to.
	 */
	@Test
	void laterEverythingPagesKeepWhatOnlyHiddenResourcesReferToOut() {
		RawHttp emergency = as(Row.EMERGENCY);
		Set<String> shown = new LinkedHashSet<>();
		RawHttp.Response response = emergency.get(world.ref("A") + "/$everything?_count=2");
		for (int pages = 0; response != null; pages++) {
			assertThat(pages).as("pages").isLessThan(200);
			assertThat(response.status()).isEqualTo(200);
			Bundle page = parse(Bundle.class, response);
			shown.addAll(keysIn(page));
			response = page.getLink("next") == null ? null : emergency.get(page.getLink("next").getUrl());
		}
		assertThat(shown).doesNotContain("B", "b1", "ae1");
		assertThat(intersect(shown, A_COMPARTMENT))
				.containsExactlyInAnyOrderElementsOf(intersect(visibleTo(Row.EMERGENCY), A_COMPARTMENT));
	}

	/**
	 * Conditional create, update and delete, and {@code ifNoneExist} in a transaction: normal
	 * semantics for the custodian; refused (400) for everyone else, before anything is matched — or
	 * 403 from the scope check when the token cannot write the type at all. Nothing is stored.
	 */
	@ParameterizedTest
	@EnumSource(Row.class)
	void conditionalWritesAreForCustodiansOnly(Row row) {
		Resource body = writableBy(row);
		String type = body.fhirType();
		String match = "_id=" + world.id(switch (type) {
			case "Consent" -> "c1";
			case "MedicationDispense" -> "d1";
			default -> "a1";
		});
		boolean mayCreate = row != Row.EMERGENCY && row != Row.AUDITOR;
		boolean mayUpdate = row == Row.PATIENT_A || row == Row.PATIENT_B || row == Row.PRESCRIBER;
		boolean mayDelete = row == Row.PATIENT_A || row == Row.PATIENT_B;
		StoredCounts before = storedCounts();
		RawHttp.Response create = as(row).send(HttpRequest.newBuilder(http.uri(type))
				.header("Content-Type", "application/fhir+json")
				.header("If-None-Exist", match)
				.POST(HttpRequest.BodyPublishers.ofString(encode(body))));
		RawHttp.Response update = as(row).send("PUT", type + "?" + match, "application/fhir+json", encode(body));
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		transaction.addEntry().setResource(body).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl(type).setIfNoneExist(match);
		RawHttp.Response inBundle = as(row).send("POST", "", "application/fhir+json", encode(transaction));
		if (row == Row.CUSTODIAN) {
			// normal conditional semantics: the match exists, no new resource is stored
			assertThat(create.status()).isEqualTo(200);
			assertThat(update.status()).isEqualTo(200);
			assertThat(inBundle.status()).isEqualTo(200);
			assertThat(storedCounts().resources()).isEqualTo(before.resources());
			return;
		}
		RawHttp.Response delete = as(row).send("DELETE", type + "?" + match, null, (String) null);
		assertRefused(create, mayCreate ? 400 : 403, "If-None-Exist");
		assertRefused(update, mayUpdate ? 400 : 403, "conditional update");
		assertRefused(delete, mayDelete ? 400 : 403, "conditional delete");
		assertRefused(inBundle, 400, "ifNoneExist in a transaction");
		assertThat(storedCounts()).isEqualTo(before);
	}

	/** A resource of a type the row's token may create (a prescription for those who may create none). */
	private Resource writableBy(Row row) {
		return switch (row) {
			case PATIENT_A, PATIENT_B -> world.consent(Consent.ConsentState.ACTIVE, "pharm2");
			case PHARMACY_WITH_CONSENT, PHARMACY_WITHOUT_CONSENT, PHARMACY_ONE_PRESCRIPTION, PHARMACY_ONE_DISPENSE,
					EXPIRED_CONSENT, REVOKED_CONSENT, DENY_PROVISION, ACCESS_REQUESTER -> world.dispense("A", "a1", "pharm1");
			default -> world.prescription("A", "doc1");
		};
	}

	private RawHttp.Response expectVisibleOrNonexistent(SoftAssertions soft, Row row, RawHttp caller, String key, String path) {
		RawHttp.Response response = caller.get(path);
		if (visibleTo(row).contains(key)) {
			soft.assertThat(response.status()).as(row + " " + path).isEqualTo(200);
		} else {
			soft.check(() -> assertLikeNonexistent(caller, path, world.type(key), world.id(key), response));
		}
		return response;
	}

	private Bundle searchBundle(RawHttp caller, String path) {
		RawHttp.Response response = caller.get(path);
		assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
		return parse(Bundle.class, response);
	}

	private static void expectNoCountSignals(SoftAssertions soft, Row row, Bundle bundle) {
		if (row == Row.CUSTODIAN) {
			return;
		}
		soft.assertThat(bundle.hasTotal()).as(row + " total").isFalse();
		soft.assertThat(bundle.getLink("last")).as(row + " last link").isNull();
	}

	static void assertRefused(RawHttp.Response response, int status, String what) {
		assertThat(response.status()).as(what + " " + response.body()).isEqualTo(status);
		OperationOutcome outcome = parse(OperationOutcome.class, response);
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	/** The keys of {@code keys} that are in {@code visible}, in the order of {@code keys}. */
	private static Set<String> intersect(Set<String> visible, Collection<String> keys) {
		Set<String> both = new LinkedHashSet<>(keys);
		both.retainAll(visible);
		return both;
	}

	private static Set<String> without(List<String> keys, String... removed) {
		Set<String> rest = new LinkedHashSet<>(keys);
		List.of(removed).forEach(rest::remove);
		return rest;
	}

	private static List<String> concat(Collection<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return List.copyOf(all);
	}
}
