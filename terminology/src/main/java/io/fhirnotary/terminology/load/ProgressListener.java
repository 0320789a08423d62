package io.fhirnotary.terminology.load;

/**
 * Told how far reading has got; readers call it every so many rows and once at the end of a file.
 * It must be cheap: it is called from the reading loop.
 */
@FunctionalInterface
public interface ProgressListener {

	/**
	 * @param file the file being read
	 * @param rowsRead rows read from it so far
	 * @param done true on the last call for the file
	 */
	void rowsRead(String file, long rowsRead, boolean done);

	static ProgressListener silent() {
		return (file, rows, done) -> {};
	}
}
