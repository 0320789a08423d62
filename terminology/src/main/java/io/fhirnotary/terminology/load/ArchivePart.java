package io.fhirnotary.terminology.load;

/**
 * One zip in HAPI's custom code system format, ready to attach to an upload.
 *
 * @param number 1 for the first part
 * @param of how many parts the release was split into
 * @param zip the zip file's bytes
 * @param conceptCount concepts in this part
 * @param lastCode the last code of the part, looked up afterwards to confirm the part is stored
 */
public record ArchivePart(int number, int of, byte[] zip, int conceptCount, String lastCode) {

	/** The first part replaces the stored release; the others are added to it. */
	public boolean isFirst() {
		return number == 1;
	}

	/** The attachment's file name; HAPI unpacks attachments whose name ends in .zip. */
	public String fileName() {
		return "part-" + number + "-of-" + of + ".zip";
	}
}
