package io.fhirnotary.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BundleEntryCounterTests {

  private static int count(String json) throws IOException {
    return new BundleEntryCounter()
        .count(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void countsTheTopLevelEntries() throws IOException {
    assertThat(
            count(
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{},{},{\"a\":[1,2]}]}"))
        .isEqualTo(3);
  }

  @Test
  void ignoresEntriesOfBundlesNestedInsideEntries() throws IOException {
    String nested =
        "{\"entry\":[{\"resource\":{\"resourceType\":\"Bundle\",\"entry\":[{},{},{},{}]}}],"
            + "\"meta\":{\"entry\":[{}]}}";

    assertThat(count(nested)).isEqualTo(1);
  }

  @Test
  void countsZeroForABundleWithoutEntries() throws IOException {
    assertThat(count("{\"resourceType\":\"Bundle\",\"type\":\"batch\"}")).isZero();
  }

  @Test
  void rejectsSomethingThatIsNotAJsonObject() {
    assertThatThrownBy(() -> count("[1,2,3]")).isInstanceOf(IOException.class);
  }
}
