package io.fhirnotary.bench.benchmark;

/** PostgreSQL JDBC URLs. */
public final class JdbcUrls {

  private static final String PREFIX = "jdbc:postgresql://";

  private JdbcUrls() {}

  /**
   * The same server and parameters, another database: {@code jdbc:postgresql://h:5432/postgres?x=1}
   * becomes {@code jdbc:postgresql://h:5432/NAME?x=1}.
   */
  public static String withDatabase(String url, String database) {
    if (!url.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
    }
    int query = url.indexOf('?');
    String withoutQuery = query < 0 ? url : url.substring(0, query);
    String parameters = query < 0 ? "" : url.substring(query);
    int slash = withoutQuery.indexOf('/', PREFIX.length());
    String server = slash < 0 ? withoutQuery : withoutQuery.substring(0, slash);
    return server + "/" + database + parameters;
  }
}
