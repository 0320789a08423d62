package io.fhirnotary.terminology.medication;

import java.util.Objects;

/**
 * Why a drug name falls under a DEA schedule.
 *
 * @param schedule the schedule
 * @param ingredient the controlled ingredient that decided it
 * @param regulation the paragraph the decision rests on
 * @param reason one sentence a reviewer can check against the name
 */
public record ScheduleAssignment(DeaSchedule schedule, String ingredient, String regulation, String reason) {

	public ScheduleAssignment {
		Objects.requireNonNull(schedule, "schedule");
		Objects.requireNonNull(ingredient, "ingredient");
		Objects.requireNonNull(regulation, "regulation");
		Objects.requireNonNull(reason, "reason");
	}
}
