package io.fhirnotary.bench.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the entries of a FHIR JSON Bundle without building it in memory: Synthea writes
 * single-patient bundles of 80 MB and more.
 */
public final class BundleEntryCounter {

  private final JsonFactory json = new JsonFactory();

  /**
   * @throws IOException when the input is not a JSON object, or not readable
   */
  public int count(InputStream bundle) throws IOException {
    try (JsonParser parser = json.createParser(bundle)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not a JSON object");
      }
      int entries = 0;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("entry".equals(field) && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            parser.skipChildren();
            entries++;
          }
        } else {
          parser.skipChildren();
        }
      }
      return entries;
    }
  }
}
