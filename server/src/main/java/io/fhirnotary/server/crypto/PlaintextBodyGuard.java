package io.fhirnotary.server.crypto;

import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import org.hibernate.CallbackException;
import org.hibernate.Interceptor;
import org.hibernate.type.Type;

/**
 * Last line of defence in protected mode: a Hibernate interceptor that refuses to write a resource
 * history row whose body is stored by HAPI itself (JSON/JSONC) rather than through the encrypted
 * store. A write path that misses the encryption hooks then fails (and rolls back) instead of
 * silently storing plaintext. Deleted versions carry no body ({@code DEL}) and pass, and so do
 * {@link PublicDefinitions} (code systems, value sets, profiles), which HAPI keeps itself.
 */
public final class PlaintextBodyGuard implements Interceptor {

	@Override
	public boolean onPersist(Object entity, Object id, Object[] state, String[] propertyNames, Type[] types) {
		check(entity);
		return false;
	}

	@Override
	public boolean onFlushDirty(
			Object entity, Object id, Object[] currentState, Object[] previousState, String[] propertyNames, Type[] types) {
		check(entity);
		return false;
	}

	/** Older signature, still declared by Hibernate 6.6; guarded too so no caller slips past. */
	@Override
	@SuppressWarnings({"deprecation", "removal"})
	public boolean onFlushDirty(
			Object entity,
			java.io.Serializable id,
			Object[] currentState,
			Object[] previousState,
			String[] propertyNames,
			Type[] types) {
		check(entity);
		return false;
	}

	private static void check(Object entity) {
		if (entity instanceof ResourceHistoryTable version) {
			ResourceEncodingEnum encoding = version.getEncoding();
			if (encoding != ResourceEncodingEnum.ESR
					&& encoding != ResourceEncodingEnum.DEL
					&& !PublicDefinitions.contains(version.getResourceType())) {
				throw new CallbackException(
						"Refusing to store a " + version.getResourceType() + " version unencrypted (encoding " + encoding + ")");
			}
		}
	}
}
