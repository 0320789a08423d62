package io.fhirnotary.terminology.medication;

import io.fhirnotary.terminology.TerminologyUrls;
import java.util.Optional;

/**
 * The US DEA controlled-substance schedules a prescription can name (21 U.S.C. 812, 21 CFR 1308).
 *
 * <p>Schedule I is left out on purpose: its substances have no accepted medical use, so no valid
 * prescription names one. Constants are declared from most to least restrictive, and
 * {@link #isStricterThan} relies on that order.
 */
public enum DeaSchedule {
	CII("CII", "Schedule II", "21 CFR 1308.12", "dea-schedule-ii"),
	CIII("CIII", "Schedule III", "21 CFR 1308.13", "dea-schedule-iii"),
	CIV("CIV", "Schedule IV", "21 CFR 1308.14", "dea-schedule-iv"),
	CV("CV", "Schedule V", "21 CFR 1308.15", "dea-schedule-v");

	private final String code;
	private final String display;
	private final String regulation;
	private final String valueSetName;

	DeaSchedule(String code, String display, String regulation, String valueSetName) {
		this.code = code;
		this.display = display;
		this.regulation = regulation;
		this.valueSetName = valueSetName;
	}

	/** The code in {@link TerminologyUrls#DEA_SCHEDULE_CODE_SYSTEM}. */
	public String code() {
		return code;
	}

	public String display() {
		return display;
	}

	/** The section of the Code of Federal Regulations that lists this schedule's substances. */
	public String regulation() {
		return regulation;
	}

	/** The value set of bundled RxNorm codes in this schedule. */
	public String valueSetUrl() {
		return TerminologyUrls.VALUE_SET_BASE + valueSetName;
	}

	/** The last segment of {@link #valueSetUrl()}, also used as the resource id. */
	public String valueSetName() {
		return valueSetName;
	}

	/** Whether this schedule restricts prescribing more than {@code other} does (II is strictest). */
	public boolean isStricterThan(DeaSchedule other) {
		return ordinal() < other.ordinal();
	}

	/** The stricter of two schedules; {@code null} counts as "not controlled". */
	public static DeaSchedule stricter(DeaSchedule a, DeaSchedule b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.isStricterThan(b) ? a : b;
	}

	public static Optional<DeaSchedule> fromCode(String code) {
		for (DeaSchedule schedule : values()) {
			if (schedule.code.equals(code)) {
				return Optional.of(schedule);
			}
		}
		return Optional.empty();
	}
}
