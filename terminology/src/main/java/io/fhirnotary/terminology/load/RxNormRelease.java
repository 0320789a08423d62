package io.fhirnotary.terminology.load;

import java.util.Objects;

/**
 * An RxNorm release as read from RRF files, with what the reader kept and skipped.
 *
 * @param release the concepts, ready to upload
 * @param summary counts for the loader's report
 */
public record RxNormRelease(CodeSystemRelease release, RrfReadSummary summary) {

	public RxNormRelease {
		Objects.requireNonNull(release, "release");
		Objects.requireNonNull(summary, "summary");
	}
}
