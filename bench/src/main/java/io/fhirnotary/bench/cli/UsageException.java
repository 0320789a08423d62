package io.fhirnotary.bench.cli;

/** The command line cannot be understood; the message tells the user what to change. */
public final class UsageException extends Exception {

  public UsageException(String message) {
    super(message);
  }
}
