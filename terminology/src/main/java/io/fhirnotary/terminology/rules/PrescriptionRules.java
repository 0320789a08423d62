package io.fhirnotary.terminology.rules;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fhirnotary.terminology.valueset.ValueSetMembership;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * Checks MedicationRequests against prescription rules kept as data.
 *
 * <p>The rules come from a JSON file (format in docs/TERMINOLOGY.md; the bundled one is
 * {@code prescription-rules.json} next to this class). A rule selects medications by value set
 * and states a FHIRPath condition, so a new rule, e.g. "at most five refills for Schedule III",
 * is a change to the file, not to code. Every FHIRPath is parsed when the rules are loaded, so a
 * broken file fails at start-up rather than on the first prescription.
 *
 * <p>Thread-safe: HAPI's FHIRPath engine keeps state while evaluating, so each thread gets its own.
 */
public final class PrescriptionRules {

	private static final String BUNDLED = "prescription-rules.json";

	private final List<PrescriptionRule> rules;
	private final ThreadLocal<IFhirPath> fhirPath;

	private PrescriptionRules(List<PrescriptionRule> rules, FhirContext fhirContext) {
		this.rules = List.copyOf(rules);
		this.fhirPath = ThreadLocal.withInitial(fhirContext::newFhirPath);
		checkUniqueIds();
		checkExpressionsParse();
	}

	/** The rules shipped with this module (Schedule II: no refills). */
	public static PrescriptionRules bundled(FhirContext fhirContext) {
		try (InputStream in = PrescriptionRules.class.getResourceAsStream(BUNDLED)) {
			if (in == null) {
				throw new IllegalStateException(BUNDLED + " is missing from the classpath");
			}
			return read(in, fhirContext);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * Reads a rule file.
	 *
	 * @throws IOException if the JSON cannot be read
	 * @throws IllegalArgumentException if a rule is incomplete, ids repeat, or a FHIRPath does not parse
	 */
	public static PrescriptionRules read(InputStream json, FhirContext fhirContext) throws IOException {
		ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		RuleFile file;
		try {
			file = mapper.readValue(json, RuleFile.class);
		} catch (ValueInstantiationException e) {
			throw new IllegalArgumentException("invalid prescription rule file: " + e.getOriginalMessage(), e);
		}
		return new PrescriptionRules(file.rules(), fhirContext);
	}

	public List<PrescriptionRule> rules() {
		return rules;
	}

	/** Checks {@code request}, seeing only coded and contained medications. */
	public List<RuleViolation> evaluate(MedicationRequest request, ValueSetMembership membership) {
		return evaluate(request, membership, ReferencedMedications.none());
	}

	/**
	 * Checks {@code request} against every rule.
	 *
	 * <p>A rule that selects medications by value set does not apply when the medication cannot be
	 * seen (an unresolvable reference): deciding that the reference resolves is the validator's job.
	 *
	 * @return the rules broken, in file order; empty when the request passes
	 */
	public List<RuleViolation> evaluate(
			MedicationRequest request, ValueSetMembership membership, ReferencedMedications medications) {
		Objects.requireNonNull(request, "request");
		List<Coding> codings = MedicationCodings.of(request, medications);
		List<RuleViolation> violations = new ArrayList<>();
		for (PrescriptionRule rule : rules) {
			if (applies(rule, codings, membership) && !holds(rule, request)) {
				violations.add(new RuleViolation(rule.id(), rule.severity(), rule.location(), rule.message()));
			}
		}
		return violations;
	}

	private static boolean applies(PrescriptionRule rule, List<Coding> codings, ValueSetMembership membership) {
		if (rule.medicationInValueSet() == null) {
			return true;
		}
		for (Coding coding : codings) {
			if (membership.contains(rule.medicationInValueSet(), coding.getSystem(), coding.getCode())) {
				return true;
			}
		}
		return false;
	}

	private boolean holds(PrescriptionRule rule, MedicationRequest request) {
		List<IBase> result = fhirPath.get().evaluate(request, rule.require(), IBase.class);
		return result.size() == 1 && result.get(0) instanceof BooleanType value && Boolean.TRUE.equals(value.getValue());
	}

	private void checkUniqueIds() {
		Set<String> seen = new HashSet<>();
		for (PrescriptionRule rule : rules) {
			if (!seen.add(rule.id())) {
				throw new IllegalArgumentException("rule id " + rule.id() + " appears more than once");
			}
		}
	}

	private void checkExpressionsParse() {
		IFhirPath engine = fhirPath.get();
		for (PrescriptionRule rule : rules) {
			for (String expression : List.of(rule.require(), rule.location())) {
				try {
					engine.parse(expression);
				} catch (Exception e) {
					throw new IllegalArgumentException(
							"rule " + rule.id() + ": \"" + expression + "\" is not valid FHIRPath: " + e.getMessage(), e);
				}
			}
		}
	}

	/** The JSON document's shape. */
	private record RuleFile(List<PrescriptionRule> rules) {
		@JsonCreator
		RuleFile(@JsonProperty(value = "rules", required = true) List<PrescriptionRule> rules) {
			this.rules = rules;
		}
	}
}
