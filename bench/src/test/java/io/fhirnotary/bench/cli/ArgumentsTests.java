package io.fhirnotary.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTests {

  private static final Set<String> VALUED = Set.of("server", "concurrency", "modes", "server-arg");
  private static final Set<String> FLAGS = Set.of("keep");

  private static Arguments parse(String... args) throws UsageException {
    return Arguments.parse(List.of(args), VALUED, FLAGS);
  }

  @Test
  void readsSpaceAndEqualsSeparatedValuesAndFlags() throws UsageException {
    Arguments a = parse("--server", "http://x/fhir", "--concurrency=8", "--keep");

    assertThat(a.required("server")).isEqualTo("http://x/fhir");
    assertThat(a.positiveInt("concurrency", 1)).isEqualTo(8);
    assertThat(a.flag("keep")).isTrue();
  }

  @Test
  void fallsBackToDefaultsForOptionsNotGiven() throws UsageException {
    Arguments a = parse();

    assertThat(a.positiveInt("concurrency", 3)).isEqualTo(3);
    assertThat(a.words("modes", List.of("plain"))).containsExactly("plain");
    assertThat(a.flag("keep")).isFalse();
    assertThat(a.all("server-arg")).isEmpty();
  }

  @Test
  void keepsEveryValueOfARepeatedOptionButTheLastWinsForSingleValues() throws UsageException {
    Arguments a =
        parse(
            "--server-arg",
            "--a=1",
            "--server-arg",
            "--b=2",
            "--concurrency",
            "2",
            "--concurrency",
            "5");

    assertThat(a.all("server-arg")).containsExactly("--a=1", "--b=2");
    assertThat(a.positiveInt("concurrency", 1)).isEqualTo(5);
  }

  @Test
  void splitsCommaSeparatedLists() throws UsageException {
    Arguments a = parse("--concurrency", "1, 4,16", "--modes", "plain,protected");

    assertThat(a.positiveInts("concurrency", List.of())).containsExactly(1, 4, 16);
    assertThat(a.words("modes", List.of())).containsExactly("plain", "protected");
  }

  @Test
  void rejectsUnknownOptionsInsteadOfIgnoringThem() {
    assertThatThrownBy(() -> parse("--concurency", "4"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--concurency");
  }

  @Test
  void rejectsAValuedOptionWithoutValue() {
    assertThatThrownBy(() -> parse("--server")).hasMessageContaining("needs a value");
  }

  @Test
  void rejectsAValueForAFlag() {
    assertThatThrownBy(() -> parse("--keep=yes")).hasMessageContaining("takes no value");
  }

  @Test
  void rejectsPositionalArguments() {
    assertThatThrownBy(() -> parse("load")).hasMessageContaining("unexpected argument");
  }

  @Test
  void rejectsNumbersThatAreNotPositiveOrNotNumbers() throws UsageException {
    assertThatThrownBy(() -> parse("--concurrency", "0").positiveInt("concurrency", 1))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> parse("--concurrency", "four").positiveInt("concurrency", 1))
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> parse("--concurrency", "1,,4").positiveInts("concurrency", List.of()))
        .hasMessageContaining("comma-separated");
    assertThat(parse("--concurrency", "0").intAtLeast("concurrency", 5, 0)).isZero();
  }

  @Test
  void reportsAMissingRequiredOptionByName() {
    assertThatThrownBy(() -> parse().required("server")).hasMessage("--server is required");
  }
}
