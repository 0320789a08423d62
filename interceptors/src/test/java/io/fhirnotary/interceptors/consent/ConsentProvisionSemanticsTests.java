package io.fhirnotary.interceptors.consent;

import static io.fhirnotary.interceptors.consent.ConsentWorld.PATIENT_A;
import static io.fhirnotary.interceptors.consent.ConsentWorld.PHARMACY_1;
import static io.fhirnotary.interceptors.consent.ConsentWorld.PHARMACY_2;
import static io.fhirnotary.interceptors.consent.Consents.consent;
import static io.fhirnotary.interceptors.consent.Consents.deny;
import static io.fhirnotary.interceptors.consent.Consents.permit;
import static io.fhirnotary.interceptors.consent.Consents.untyped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fhirnotary.interceptors.identity.Caller;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentDataMeaning;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How each element of a Consent provision is read, one behaviour per test. The caller is pharmacy 1
 * (purpose TREAT) unless a test says otherwise; the default policy is deny, so "not permitted by a
 * Consent" shows as {@link ConsentReason#NO_CONSENT_DEFAULT_DENY}.
 */
class ConsentProvisionSemanticsTests {

	private static final ConsentDecider DECIDER = new ConsentDecider(DefaultConsentPolicy.DENY);
	private static final Caller PHARMACY = ConsentWorld.caller("pharmacy1");

	private static ConsentReason reasonFor(String resource, Consent... consents) {
		return decide(PHARMACY, resource, RelatedResources.UNKNOWN, consents).reason();
	}

	private static ConsentDecision decide(Caller caller, String resource, RelatedResources related, Consent... consents) {
		return DECIDER.decide(caller, ConsentWorld.resource(resource), ConsentWorld.compartmentOf(resource),
				Arrays.asList(consents), ConsentWorld.NOW, related);
	}

	@Nested
	class Periods {

		@ParameterizedTest(name = "[{0} .. {1}] at 2025-06-15T12:00:00Z -> {2}")
		@CsvSource(nullValues = "-", value = {
			"2025-06-15T12:00:00Z, -,                    CONSENT_PERMIT",
			"-,                    2025-06-15T12:00:00Z, CONSENT_PERMIT",
			"-,                    2025-06-15T11:59:59Z, NO_CONSENT_DEFAULT_DENY",
			"2025-06-15T12:00:01Z, -,                    NO_CONSENT_DEFAULT_DENY",
			"2025-01-01T00:00:00Z, 2025-12-31T23:59:59Z, CONSENT_PERMIT",
			"2025-06-16T00:00:00Z, 2025-06-01T00:00:00Z, NO_CONSENT_DEFAULT_DENY",
		})
		void permitAppliesOnlyWhileItsPeriodCoversNow(String start, String end, ConsentReason expected) {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).during(start, end));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(expected);
		}

		@Test
		void nestedPermitNeedsItsOwnAndItsParentsPeriod() {
			Consent consent = consent("c", PATIENT_A).grant(deny()
					.during("2025-01-01T00:00:00Z", "2025-12-31T00:00:00Z")
					.except(permit().actor(PHARMACY_1).during("2025-06-20T00:00:00Z", null)));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void denyWhosePeriodCannotBeReadStillDenies() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.except(deny().during("2025-07-01T00:00:00Z", "2025-06-01T00:00:00Z")));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
		}
	}

	@Nested
	class NestingAndDenyWins {

		@Test
		void nestedPermitIsAnExceptionToADenyAll() {
			Consent consent = consent("c", PATIENT_A).grant(deny().except(permit().actor(PHARMACY_1).types("MedicationRequest")));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(reasonFor("Observation/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
			assertThat(decide(ConsentWorld.caller("pharmacy2"), "MedicationRequest/a1", RelatedResources.UNKNOWN, consent)
					.reason()).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void exceptionToAnExceptionRestoresThePermit() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.except(deny().types("Observation").except(permit().purpose("TREAT"))));
			assertThat(reasonFor("Observation/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(decide(ConsentWorld.caller("pharmacy1-no-purpose"), "Observation/a1", RelatedResources.UNKNOWN, consent)
					.reason()).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void denyWinsAmongSiblingExceptions() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).except(
					permit().types("MedicationRequest"),
					deny().data(ConsentDataMeaning.INSTANCE, "MedicationRequest/a1")));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
			assertThat(reasonFor("MedicationRequest/a2", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}

		@Test
		void nestedProvisionNeverReachesBeyondItsParent() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).types("MedicationRequest")
					.except(permit().types("Observation")));
			assertThat(reasonFor("Observation/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void untypedRootIsAPermit() {
			Consent consent = consent("c", PATIENT_A).grant(untyped().actor(PHARMACY_1).types("MedicationRequest"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}

		@Test
		void untypedNestedProvisionInheritsItsParentsType() {
			Consent consent = consent("c", PATIENT_A).grant(deny().except(untyped().actor(PHARMACY_1)));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void permitWithoutAnyActorGrantsNobody() {
			Consent consent = consent("c", PATIENT_A).grant(permit().types("MedicationRequest"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void actorOnTheParentCarriesIntoNestedPermits() {
			Consent consent = consent("c", PATIENT_A).grant(deny().actor(PHARMACY_1)
					.except(permit().types("MedicationRequest")));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}

		@Test
		void treeDeeperThanTheLimitDenies() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1));
			ProvisionComponent leaf = consent.getProvision();
			for (int depth = 1; depth <= ConsentProvisionEvaluator.MAX_DEPTH; depth++) {
				leaf = leaf.addProvision().setType(Consent.ConsentProvisionType.PERMIT);
			}
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
		}
	}

	@Nested
	class Actions {

		@ParameterizedTest(name = "permit with action {0} -> {1}")
		@CsvSource({
			"access,         CONSENT_PERMIT",
			"collect,        NO_CONSENT_DEFAULT_DENY",
			"use,            NO_CONSENT_DEFAULT_DENY",
			"disclose,       NO_CONSENT_DEFAULT_DENY",
			"something-else, NO_CONSENT_DEFAULT_DENY",
		})
		void permitMustGrantAccess(String action, ConsentReason expected) {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).action(action));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(expected);
		}

		@ParameterizedTest(name = "deny with action {0} -> {1}")
		@CsvSource({
			"access,         CONSENT_DENY",
			"use,            CONSENT_DENY",
			"disclose,       CONSENT_DENY",
			"collect,        CONSENT_PERMIT",
			"correct,        CONSENT_PERMIT",
			"something-else, CONSENT_DENY",
		})
		void denyCoversEveryWayOfShowingData(String action, ConsentReason expected) {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).except(deny().action(action)));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(expected);
		}
	}

	@Nested
	class Purposes {

		@Test
		void denyForAnotherPurposeDoesNotApply() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).except(deny().purpose("HMARKT")));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}

		@Test
		void callerWithoutPurposeCannotEscapeAPurposeBoundDeny() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).except(deny().purpose("HMARKT")));
			assertThat(decide(ConsentWorld.caller("pharmacy1-no-purpose"), "MedicationRequest/a1", RelatedResources.UNKNOWN,
					consent).reason()).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void anyListedPurposeMatches() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).purpose("HRESCH", "TREAT"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}
	}

	@Nested
	class Classes {

		@Test
		void anyListedTypeMatches() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).types("Observation", "MedicationRequest"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}

		@Test
		void classOutsideTheResourceTypeSystemNeverPermits() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.classCoding("urn:ietf:rfc:3986", "http://hl7.org/fhir/StructureDefinition/MedicationRequest"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void classWithoutSystemNeverPermits() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).classCoding(null, "MedicationRequest"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void denyWithAClassWeCannotReadDenies() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.except(deny().classCoding("urn:ietf:rfc:3986", "http://example.org/profile")));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
		}
	}

	@Nested
	class DataReferences {

		@Test
		void dependentsCoverTheNamedResourceAndWhatRefersToIt() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.data(ConsentDataMeaning.DEPENDENTS, "MedicationRequest/a1"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(reasonFor("MedicationDispense/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(reasonFor("MedicationRequest/a2", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
			assertThat(reasonFor("Patient/A", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void relatedCoversTheNamedResourceAndWhatItRefersTo() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.data(ConsentDataMeaning.RELATED, "MedicationRequest/a1"));
			RelatedResources stored = RelatedResources.of(List.of(ConsentWorld.resource("MedicationRequest/a1")));
			assertThat(decide(PHARMACY, "MedicationRequest/a1", stored, consent).reason()).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(decide(PHARMACY, "Patient/A", stored, consent).reason()).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(decide(PHARMACY, "MedicationDispense/a1", stored, consent).reason())
					.isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
			assertThat(decide(PHARMACY, "MedicationRequest/a2", stored, consent).reason())
					.isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void relatedWithoutALookupPermitsOnlyTheNamedResource() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.data(ConsentDataMeaning.RELATED, "MedicationRequest/a1"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(reasonFor("Patient/A", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void relatedDenyWithoutALookupDeniesEverything() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.except(deny().data(ConsentDataMeaning.RELATED, "MedicationRequest/a1")));
			assertThat(reasonFor("Observation/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void authoredByIsNotSupported() {
			Consent permitting = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.data(ConsentDataMeaning.AUTHOREDBY, "Practitioner/doc1"));
			Consent denying = consent("d", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.except(deny().data(ConsentDataMeaning.AUTHOREDBY, "Practitioner/doc2")));
			assertThat(reasonFor("MedicationRequest/a1", permitting)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
			assertThat(reasonFor("MedicationRequest/a1", denying)).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void classAndDataMustBothMatch() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).types("MedicationDispense")
					.data(ConsentDataMeaning.DEPENDENTS, "MedicationRequest/a1"));
			assertThat(reasonFor("MedicationDispense/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void versionedDataReferenceCoversTheResource() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.data(ConsentDataMeaning.INSTANCE, "MedicationRequest/a1/_history/3"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}
	}

	@Nested
	class Actors {

		@Test
		void anyListedActorMatches() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_2, PHARMACY_1));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}

		@Test
		void groupActorNeverPermitsButAlwaysDenies() {
			Consent permitting = consent("c", PATIENT_A).grant(permit().actor("Group/pharmacies"));
			Consent denying = consent("d", PATIENT_A).grant(permit().actor(PHARMACY_1).except(deny().actor("CareTeam/t1")));
			assertThat(reasonFor("MedicationRequest/a1", permitting)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
			assertThat(reasonFor("MedicationRequest/a1", denying)).isEqualTo(ConsentReason.CONSENT_DENY);
		}

		@Test
		void absoluteOrLogicalActorReferencesNeverPermit() {
			Consent absolute = consent("c", PATIENT_A).grant(permit().actor("https://elsewhere.example/fhir/" + PHARMACY_1));
			Consent contained = consent("d", PATIENT_A).grant(permit().actor("#pharm"));
			assertThat(reasonFor("MedicationRequest/a1", absolute)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
			assertThat(reasonFor("MedicationRequest/a1", contained)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void denyNamingSomeoneElseDoesNotApply() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).except(deny().actor(PHARMACY_2)));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}
	}

	@Nested
	class UnsupportedElements {

		@Test
		void permitWithASecurityLabelNeverApplies() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.securityLabel("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "N"));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void denyWithASecurityLabelApplies() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1)
					.except(deny().securityLabel("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R")));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.CONSENT_DENY);
		}
	}

	@Nested
	class WhichConsentsCount {

		@Test
		void consentOfAnotherPatientIsIgnored() {
			Consent consent = consent("c", "Patient/B").grant(permit().actor(PHARMACY_1));
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void consentOutsidePatientPrivacyIsIgnored() {
			Consent research = consent("c", PATIENT_A).scope(ConsentCodes.SCOPE_SYSTEM, "research")
					.grant(permit().actor(PHARMACY_1));
			Consent foreignSystem = consent("d", PATIENT_A).scope("http://example.org/scopes", "patient-privacy")
					.grant(permit().actor(PHARMACY_1));
			assertThat(reasonFor("MedicationRequest/a1", research, foreignSystem))
					.isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void consentWithoutProvisionDecidesNothing() {
			Consent consent = consent("c", PATIENT_A).withoutProvision();
			assertThat(reasonFor("MedicationRequest/a1", consent)).isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		@Test
		void decisionNamesTheConsentVersion() {
			Consent consent = consent("c", PATIENT_A).version("3").grant(permit().actor(PHARMACY_1));
			assertThat(decide(PHARMACY, "MedicationRequest/a1", RelatedResources.UNKNOWN, consent).consentReference())
					.isEqualTo("Consent/c/_history/3");
		}

		@Test
		void consentWithoutIdStillDecidesButIsNamedByNothing() {
			Consent consent = new Consent();
			consent.setStatus(Consent.ConsentState.ACTIVE);
			consent.setScope(consent("x", PATIENT_A).withoutProvision().getScope());
			consent.setPatient(new Reference(PATIENT_A));
			consent.setProvision(permit().actor(PHARMACY_1).build());
			ConsentDecision decision = decide(PHARMACY, "MedicationRequest/a1", RelatedResources.UNKNOWN, consent);
			assertThat(decision.reason()).isEqualTo(ConsentReason.CONSENT_PERMIT);
			assertThat(decision.consentReference()).isNull();
		}

		@Test
		void nullConsentsAndNullEntriesMeanNone() {
			List<Consent> withNull = new ArrayList<>();
			withNull.add(null);
			assertThat(DECIDER.decide(PHARMACY, ConsentWorld.resource("MedicationRequest/a1"),
					ConsentWorld.compartmentOf("MedicationRequest/a1"), null, ConsentWorld.NOW).reason())
					.isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
			assertThat(DECIDER.decide(PHARMACY, ConsentWorld.resource("MedicationRequest/a1"),
					ConsentWorld.compartmentOf("MedicationRequest/a1"), withNull, ConsentWorld.NOW).reason())
					.isEqualTo(ConsentReason.NO_CONSENT_DEFAULT_DENY);
		}

		/** Empty elements are absent in FHIR; only the real actor counts. */
		@Test
		void emptyAndHalfFilledConsentsNeverThrow() {
			Consent empty = new Consent();
			Consent halfFilled = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1));
			halfFilled.getProvision().addActor();
			halfFilled.getProvision().addData();
			halfFilled.getProvision().addAction();
			halfFilled.getProvision().addPurpose();
			halfFilled.getProvision().addClass_();
			halfFilled.getProvision().setPeriod(new Period());
			halfFilled.getProvision().addProvision();
			assertThatCode(() -> reasonFor("MedicationRequest/a1", empty, halfFilled)).doesNotThrowAnyException();
			assertThat(reasonFor("MedicationRequest/a1", empty, halfFilled)).isEqualTo(ConsentReason.CONSENT_PERMIT);
		}

		@Test
		void decidingDoesNotChangeTheConsents() {
			Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).types("MedicationRequest"));
			Consent copy = consent.copy();
			reasonFor("MedicationRequest/a1", consent);
			assertThat(consent.equalsDeep(copy)).isTrue();
		}
	}

	@Test
	void sameInputsGiveTheSameDecision() {
		Consent consent = consent("c", PATIENT_A).grant(permit().actor(PHARMACY_1).types("MedicationRequest"));
		ConsentDecision first = decide(PHARMACY, "MedicationRequest/a1", RelatedResources.UNKNOWN, consent);
		ConsentDecision second = decide(PHARMACY, "MedicationRequest/a1", RelatedResources.UNKNOWN, consent);
		assertThat(first).isEqualTo(second);
	}
}
