package io.fhirnotary.server.crypto;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import org.hibernate.CallbackException;
import org.junit.jupiter.api.Test;

class PlaintextBodyGuardTests {

	private final PlaintextBodyGuard guard = new PlaintextBodyGuard();

	@Test
	void refusesHistoryRowsWithBodiesInClear() {
		for (ResourceEncodingEnum clear : new ResourceEncodingEnum[] {ResourceEncodingEnum.JSON, ResourceEncodingEnum.JSONC}) {
			ResourceHistoryTable row = row(clear);
			assertThatThrownBy(() -> guard.onPersist(row, 1L, null, null, null)).isInstanceOf(CallbackException.class);
			assertThatThrownBy(() -> guard.onFlushDirty(row, (Object) 1L, null, null, null, null))
					.isInstanceOf(CallbackException.class);
			assertThatThrownBy(() -> guard.onFlushDirty(row, (java.io.Serializable) 1L, null, null, null, null))
					.isInstanceOf(CallbackException.class);
		}
	}

	@Test
	void letsEncryptedAndDeletedVersionsAndOtherEntitiesThrough() {
		assertThatCode(() -> guard.onPersist(row(ResourceEncodingEnum.ESR), 1L, null, null, null)).doesNotThrowAnyException();
		assertThatCode(() -> guard.onPersist(row(ResourceEncodingEnum.DEL), 1L, null, null, null)).doesNotThrowAnyException();
		assertThatCode(() -> guard.onPersist("not an entity of ours", 1L, null, null, null)).doesNotThrowAnyException();
	}

	@Test
	void letsPublishedDefinitionsThroughInClear() {
		ResourceHistoryTable codeSystem = row(ResourceEncodingEnum.JSON);
		codeSystem.setResourceType("CodeSystem");
		assertThatCode(() -> guard.onPersist(codeSystem, 1L, null, null, null)).doesNotThrowAnyException();
	}

	private static ResourceHistoryTable row(ResourceEncodingEnum encoding) {
		ResourceHistoryTable row = new ResourceHistoryTable();
		row.setEncoding(encoding);
		row.setResourceType("Patient");
		return row;
	}
}
