package io.fhirnotary.interceptors.blindindex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BlindTokensTests {

	private final BlindTokens tokens = new BlindTokens(TestIndexKeys.randomKey());

	@Test
	void blindValueIsAPrefixedUrlSafeMacThatFitsHapisTokenColumn() {
		String blind = tokens.blind("999-12-3456", Normaliser.EXACT);

		assertThat(blind).startsWith("hmac:").hasSize(5 + 43).matches("hmac:[A-Za-z0-9_-]{43}");
		assertThat(blind).doesNotContain("999").doesNotContain("3456");
	}

	@Test
	void equalNormalisedValuesGiveEqualTokensAndOthersDiffer() {
		assertThat(tokens.blind("555-123-4567", Normaliser.TELECOM)).isEqualTo(tokens.blind("(555) 123 4567", Normaliser.TELECOM));
		assertThat(tokens.blind("Smith", Normaliser.TEXT)).isEqualTo(tokens.blind("SMITH ", Normaliser.TEXT));
		assertThat(tokens.blind("Smith", Normaliser.EXACT)).isNotEqualTo(tokens.blind("SMITH", Normaliser.EXACT));
		assertThat(tokens.blind("123", Normaliser.EXACT)).isNotEqualTo(tokens.blind("124", Normaliser.EXACT));
	}

	@Test
	void anotherKeyGivesOtherTokens() {
		BlindTokens other = new BlindTokens(TestIndexKeys.randomKey());

		assertThat(other.blind("123", Normaliser.EXACT)).isNotEqualTo(tokens.blind("123", Normaliser.EXACT));
	}

	@Test
	void macIsHmacSha256OfTheUtf8NormalisedValue() {
		// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
		BlindTokens rfc = new BlindTokens(TestIndexKeys.withKey("Jefe".getBytes()));
		byte[] expected = HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

		assertThat(rfc.blind("what do ya want for nothing?", Normaliser.EXACT))
				.isEqualTo("hmac:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(expected));
	}

	@Test
	void queryBlindingIsIdempotentButIndexBlindingAlwaysHashes() {
		String once = tokens.blindQueryValue("123", Normaliser.EXACT);

		assertThat(tokens.blindQueryValue(once, Normaliser.EXACT)).isEqualTo(once);
		assertThat(tokens.blind(once, Normaliser.EXACT)).isNotEqualTo(once);
	}
}
