package io.fhirnotary.bench.validation;

/** The run cannot produce figures worth reporting; the message says why and where to look. */
final class MeasurementFailure extends Exception {

  MeasurementFailure(String message) {
    super(message);
  }
}
