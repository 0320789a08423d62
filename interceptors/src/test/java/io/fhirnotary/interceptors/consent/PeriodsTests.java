package io.fhirnotary.interceptors.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Period ends are inclusive at the precision they are written in. Values without a zone are read
 * in the JVM's default zone (as HAPI does), so "now" is built in that zone too.
 */
class PeriodsTests {

	@ParameterizedTest(name = "[{0} .. {1}] at local {2} -> {3}")
	@CsvSource(nullValues = "-", value = {
		// a day-precision end covers the whole of that day
		"2025-06-01, 2025-06-15, 2025-06-15T23:59:59, YES",
		"2025-06-01, 2025-06-15, 2025-06-16T00:00:00, NO",
		// a day-precision start begins at midnight
		"2025-06-15, -,          2025-06-15T00:00:00, YES",
		"2025-06-15, -,          2025-06-14T23:59:59, NO",
		// month and year precision
		"-,          2025-06,    2025-06-30T23:00:00, YES",
		"-,          2025-06,    2025-07-01T00:00:00, NO",
		"2025,       2025,       2025-12-31T23:59:59, YES",
		"2025,       2025,       2026-01-01T00:00:00, NO",
		// no ends at all: always
		"-,          -,          1999-01-01T00:00:00, YES",
		// an end before the start cannot be read
		"2025-06-15, 2025-06-01, 2025-06-10T00:00:00, UNKNOWN",
	})
	void coversWithInclusiveEndsAtTheWrittenPrecision(String start, String end, String localNow, Match expected) {
		Period period = new Period();
		if (start != null) {
			period.setStartElement(new DateTimeType(start));
		}
		if (end != null) {
			period.setEndElement(new DateTimeType(end));
		}
		Instant now = LocalDateTime.parse(localNow).atZone(ZoneId.systemDefault()).toInstant();
		assertThat(Periods.covers(period, now)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({
		"2025-06-15T12:00:00Z,     2025-06-15T12:00:00.999Z, YES",
		"2025-06-15T12:00:00Z,     2025-06-15T12:00:01Z,     NO",
		"2025-06-15T12:00:00.500Z, 2025-06-15T12:00:00.500Z, YES",
		"2025-06-15T12:00:00.500Z, 2025-06-15T12:00:00.501Z, NO",
	})
	void secondAndMillisecondEndsAreInclusiveToTheirUnit(String end, String now, Match expected) {
		Period period = new Period().setEndElement(new DateTimeType(end));
		assertThat(Periods.covers(period, Instant.parse(now))).isEqualTo(expected);
	}
}
