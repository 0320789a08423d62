package io.fhirnotary.terminology.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyComponent;

/**
 * Turns a FHIR CodeSystem into a {@link CodeSystemRelease}, for code systems too large to send
 * as one resource.
 *
 * <p>What survives: codes, displays, nesting (as parent codes), and property values as text.
 * What does not: designations, definitions, and property types other than text, because HAPI's
 * custom upload format has no place for them. Small code systems are better sent as resources.
 */
public final class CodeSystemReleases {

	private CodeSystemReleases() {}

	/**
	 * @throws IllegalArgumentException if the code system has no version: a release is stored as
	 *     one resource per version, so it needs one
	 */
	public static CodeSystemRelease fromCodeSystem(CodeSystem codeSystem) {
		if (!codeSystem.hasVersion()) {
			throw new IllegalArgumentException(codeSystem.getUrl() + " has no version; a code system sent in parts is"
					+ " stored as one resource per version, so give it one");
		}
		List<PropertyDeclaration> properties = new ArrayList<>();
		for (PropertyComponent property : codeSystem.getProperty()) {
			properties.add(new PropertyDeclaration(property.getCode(), property.hasDescription() ? property.getDescription() : property.getCode()));
		}
		Map<String, LoadedConcept> concepts = new LinkedHashMap<>();
		flatten(codeSystem.getConcept(), null, concepts);
		return new CodeSystemRelease(codeSystem.getUrl(), codeSystem.getVersion(), idBase(codeSystem), codeSystem.getName(),
				codeSystem.getTitle(), properties, new ArrayList<>(concepts.values()));
	}

	/** The resource's own id if it has one, else the last segment of its url. */
	private static String idBase(CodeSystem codeSystem) {
		if (codeSystem.getIdElement().hasIdPart()) {
			return codeSystem.getIdElement().getIdPart();
		}
		String url = codeSystem.getUrl();
		String last = url.substring(url.lastIndexOf('/') + 1);
		return last.isBlank() ? "codesystem" : last;
	}

	/**
	 * Depth first, so every parent comes before its children. A code nested under several parents
	 * appears once, with all of them.
	 */
	private static void flatten(List<ConceptDefinitionComponent> concepts, String parent, Map<String, LoadedConcept> into) {
		for (ConceptDefinitionComponent concept : concepts) {
			LoadedConcept seen = into.get(concept.getCode());
			if (seen != null) {
				if (parent != null && !seen.parentCodes().contains(parent)) {
					List<String> parents = new ArrayList<>(seen.parentCodes());
					parents.add(parent);
					into.put(concept.getCode(), new LoadedConcept(seen.code(), seen.display(), seen.properties(), parents));
				}
			} else {
				List<ConceptProperty> properties = new ArrayList<>();
				for (ConceptPropertyComponent property : concept.getProperty()) {
					if (property.hasValue() && property.getValue().primitiveValue() != null) {
						properties.add(new ConceptProperty(property.getCode(), property.getValue().primitiveValue()));
					}
				}
				into.put(concept.getCode(), new LoadedConcept(
						concept.getCode(), concept.getDisplay(), properties, parent == null ? List.of() : List.of(parent)));
			}
			flatten(concept.getConcept(), concept.getCode(), into);
		}
	}
}
