package io.fhirnotary.interceptors.hygiene;

import java.util.IdentityHashMap;
import java.util.Map;

/** Renders a throwable's cause chain and stack frames without any exception message. */
final class ThrowableSummary {

	private static final int FRAMES_PER_CAUSE = 12;

	private ThrowableSummary() {}

	static String withoutMessages(Throwable throwable) {
		StringBuilder out = new StringBuilder();
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable t = throwable; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
			out.append(t == throwable ? "" : "\nCaused by: ").append(t.getClass().getName());
			StackTraceElement[] frames = t.getStackTrace();
			for (int i = 0; i < Math.min(frames.length, FRAMES_PER_CAUSE); i++) {
				out.append("\n\tat ").append(frames[i]);
			}
			if (frames.length > FRAMES_PER_CAUSE) {
				out.append("\n\t... ").append(frames.length - FRAMES_PER_CAUSE).append(" more");
			}
		}
		return out.toString();
	}
}
