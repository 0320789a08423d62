package io.fhirnotary.terminology.medication;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The list of controlled ingredients with their schedules, read from JSON.
 *
 * <p>The bundled list ({@code controlled-ingredients.json} next to this class) names its sources
 * in the file itself; docs/TERMINOLOGY.md explains each rule.
 */
public final class ControlledIngredients {

	private static final String BUNDLED = "controlled-ingredients.json";

	private final List<String> sources;
	private final List<ControlledIngredient> ingredients;

	private ControlledIngredients(List<String> sources, List<ControlledIngredient> ingredients) {
		this.sources = List.copyOf(sources);
		this.ingredients = List.copyOf(ingredients);
	}

	/** The list shipped with this module. */
	public static ControlledIngredients bundled() {
		try (InputStream in = ControlledIngredients.class.getResourceAsStream(BUNDLED)) {
			if (in == null) {
				throw new IllegalStateException(BUNDLED + " is missing from the classpath");
			}
			return read(in);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static ControlledIngredients read(InputStream json) throws IOException {
		Document document = new ObjectMapper().readValue(json, Document.class);
		return new ControlledIngredients(document.sources, document.ingredients);
	}

	public List<String> sources() {
		return sources;
	}

	public List<ControlledIngredient> ingredients() {
		return ingredients;
	}

	/** The JSON document's shape. */
	@JsonIgnoreProperties({"about"})
	private record Document(List<String> sources, List<ControlledIngredient> ingredients) {
		@JsonCreator
		Document(@JsonProperty("sources") List<String> sources, @JsonProperty("ingredients") List<ControlledIngredient> ingredients) {
			this.sources = sources == null ? List.of() : sources;
			this.ingredients = Objects.requireNonNull(ingredients, "ingredients");
		}
	}
}
