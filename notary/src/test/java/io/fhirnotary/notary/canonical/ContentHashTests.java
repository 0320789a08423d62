package io.fhirnotary.notary.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHashTests {

	@Test
	void copiesThatDifferOnlyInFormattingHashAlike() {
		String pretty = "{\n  \"resourceType\": \"Patient\",\n  \"id\": \"p\",\n  \"active\": true\n}";
		String compactReordered = "{\"active\":true,\"id\":\"p\",\"resourceType\":\"Patient\"}";
		assertThat(ContentHash.ofJson(pretty)).isEqualTo(ContentHash.ofJson(compactReordered));
	}

	@Test
	void numbersAreNormalisedTheEcmaScriptWay() {
		assertThat(canonical("{\"v\":2.50}")).isEqualTo("{\"v\":2.5}");
		assertThat(canonical("{\"v\":1e2}")).isEqualTo("{\"v\":100}");
		assertThat(canonical("{\"v\":-0.0}")).isEqualTo("{\"v\":0}");
	}

	@Test
	void anyValueChangeChangesTheHash() {
		assertThat(ContentHash.ofJson("{\"v\":2.5}")).isNotEqualTo(ContentHash.ofJson("{\"v\":2.6}"));
		assertThat(ContentHash.ofJson("{\"v\":\"a\"}")).isNotEqualTo(ContentHash.ofJson("{\"v\":\"A\"}"));
		assertThat(ContentHash.ofJson("{\"v\":[1,2]}")).isNotEqualTo(ContentHash.ofJson("{\"v\":[2,1]}"));
	}

	@Test
	void membersSortByUtf16CodeUnitsAndStringsKeepNonAsciiAsUtf8() {
		assertThat(canonical("{\"\u00e9\":1,\"z\":2,\"a\":\"\u20ac\\u0041\"}")).isEqualTo("{\"a\":\"\u20acA\",\"z\":2,\"\u00e9\":1}");
	}

	@Test
	void malformedJsonIsRefusedWithoutQuotingIt() {
		assertThatThrownBy(() -> ContentHash.ofJson("{\"name\":\"Secret Person\""))
				.isInstanceOf(ContentHash.InvalidJsonException.class)
				.hasMessageNotContaining("Secret");
	}

	@Test
	void deletionHashesZeroBytes() {
		assertThat(java.util.HexFormat.of().formatHex(ContentHash.ofDeletion()))
				.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	private static String canonical(String json) {
		return new String(ContentHash.canonicalize(json), StandardCharsets.UTF_8);
	}
}
