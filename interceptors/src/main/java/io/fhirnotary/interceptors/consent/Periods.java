package io.fhirnotary.interceptors.consent;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;

/**
 * Whether a Consent period covers an instant.
 *
 * <p>Both ends are inclusive at the precision they are written in: an end of {@code 2025-03-31}
 * covers the whole of that day, {@code 2025-03} the whole month. Values without a time zone are
 * read in the server's default zone, as HAPI parses them. A period whose ends cannot be read, or
 * that ends before it starts, is {@link Match#UNKNOWN}.
 */
final class Periods {

	private Periods() {}

	static Match covers(Period period, Instant now) {
		Instant start = null;
		Instant endExclusive = null;
		if (period.hasStartElement()) {
			start = lowerBound(period.getStartElement());
			if (start == null) {
				return Match.UNKNOWN;
			}
		}
		if (period.hasEndElement()) {
			endExclusive = upperBoundExclusive(period.getEndElement());
			if (endExclusive == null) {
				return Match.UNKNOWN;
			}
		}
		if (start != null && endExclusive != null && !start.isBefore(endExclusive)) {
			return Match.UNKNOWN;
		}
		boolean started = start == null || !now.isBefore(start);
		boolean ended = endExclusive != null && !now.isBefore(endExclusive);
		return Match.of(started && !ended);
	}

	private static Instant lowerBound(DateTimeType value) {
		Date date = value.getValue();
		return date == null ? null : date.toInstant();
	}

	/** The first instant after the end, one unit of the written precision later. */
	private static Instant upperBoundExclusive(DateTimeType value) {
		Date date = value.getValue();
		if (date == null) {
			return null;
		}
		TemporalPrecisionEnum precision = value.getPrecision() == null ? TemporalPrecisionEnum.MILLI : value.getPrecision();
		return precision.add(date, 1).toInstant();
	}
}
